/**
 * The shape in which generators report what a person did and what the agents did because of it.
 * activity.ts turns these into user_activity_logs and agent_activity_logs rows that share one
 * correlation_id per request (seed 001: "links related activities").
 */
import type { AgentType, Cost, Model } from "./catalog";
import { seedUuid } from "./random";

export type AgentOp = {
  agentType: AgentType;
  operationType: string;
  operationCategory: string;
  start: Date;
  end: Date;
  model?: Model;
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  cost?: Cost;
  resourceId?: string;
  resourceType?: string;
  success?: boolean;
  errorType?: string;
  errorMessage?: string;
  retryCount?: number;
  metadata?: Record<string, unknown>;
};

export type UserAction = {
  userId: string;
  correlationId: string;
  at: Date;
  activityType: string;
  activityCategory: string;
  requestPath: string;
  requestMethod: string;
  resourceId?: string;
  resourceType?: string;
  metadata?: Record<string, unknown>;
  success?: boolean;
  errorMessage?: string;
  agentOps?: AgentOp[];
};

/** A user action without agent work; its correlation id is derived from `key`. */
export function simpleAction(
  u: { id: string },
  key: string,
  at: Date,
  activityType: string,
  activityCategory: string,
  requestPath: string,
  requestMethod: string,
  resourceId?: string,
  resourceType?: string,
  metadata: Record<string, unknown> = {},
): UserAction {
  return { userId: u.id, correlationId: seedUuid(`correlation:${key}`), at, activityType, activityCategory, requestPath, requestMethod, resourceId, resourceType, metadata };
}
