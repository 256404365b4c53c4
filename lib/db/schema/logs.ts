/**
 * Seed 001 logs (error_logs, user_activity_logs, agent_activity_logs).
 * user_id / resolved_by: auth user ids, no foreign key (validate_user_id trigger where the
 * column is not null; handle_auth_user_deletion nulls or deletes).
 */
import { boolean, integer, jsonb, numeric, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

export const errorLogs = pgTable("error_logs", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id"),
  errorType: varchar("error_type", { length: 50 }).notNull(),
  errorCategory: varchar("error_category", { length: 100 }).notNull(),
  errorMessage: text("error_message").notNull(),
  errorDetails: jsonb("error_details"),
  requestPath: varchar("request_path", { length: 500 }),
  requestMethod: varchar("request_method", { length: 10 }),
  userAgent: text("user_agent"),
  ipAddress: varchar("ip_address", { length: 45 }),
  sessionId: varchar("session_id", { length: 100 }),
  severity: varchar("severity", { length: 20, enum: ["info", "warning", "error", "critical"] })
    .notNull()
    .default("error"),
  resolved: boolean("resolved").notNull().default(false),
  resolvedBy: uuid("resolved_by"),
  resolvedAt: timestamptz("resolved_at"),
  resolutionNotes: text("resolution_notes"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export const userActivityLogs = pgTable("user_activity_logs", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  correlationId: uuid("correlation_id").notNull(),
  activityType: varchar("activity_type", { length: 50 }).notNull(),
  activityCategory: varchar("activity_category", { length: 50 }).notNull(),
  activityMetadata: jsonb("activity_metadata").notNull().default({}),
  resourceId: uuid("resource_id"),
  resourceType: varchar("resource_type", { length: 50 }),
  ipAddress: varchar("ip_address", { length: 45 }),
  userAgent: text("user_agent"),
  requestPath: varchar("request_path", { length: 500 }),
  requestMethod: varchar("request_method", { length: 10 }),
  sessionId: varchar("session_id", { length: 100 }),
  success: boolean("success").notNull().default(true),
  errorMessage: text("error_message"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export const agentActivityLogs = pgTable("agent_activity_logs", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id"),
  correlationId: uuid("correlation_id").notNull(),
  agentType: varchar("agent_type", { length: 50 }).notNull(),
  operationType: varchar("operation_type", { length: 50 }).notNull(),
  operationCategory: varchar("operation_category", { length: 50 }).notNull(),
  operationMetadata: jsonb("operation_metadata").notNull().default({}),
  resourceId: uuid("resource_id"),
  resourceType: varchar("resource_type", { length: 50 }),
  durationMs: integer("duration_ms"),
  startTime: timestamptz("start_time"),
  endTime: timestamptz("end_time"),
  modelId: varchar("model_id", { length: 100 }),
  provider: varchar("provider", { length: 50 }),
  thinkingMode: boolean("thinking_mode").notNull().default(false),
  inputTokens: integer("input_tokens"),
  outputTokens: integer("output_tokens"),
  reasoningTokens: integer("reasoning_tokens"),
  totalTokens: integer("total_tokens"),
  inputCost: numeric("input_cost", { precision: 10, scale: 6 }),
  outputCost: numeric("output_cost", { precision: 10, scale: 6 }),
  totalCost: numeric("total_cost", { precision: 10, scale: 6 }),
  success: boolean("success").notNull().default(true),
  errorType: varchar("error_type", { length: 100 }),
  errorMessage: text("error_message"),
  retryCount: integer("retry_count").notNull().default(0),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export type ErrorLog = typeof errorLogs.$inferSelect;
export type NewErrorLog = typeof errorLogs.$inferInsert;
export type UserActivityLog = typeof userActivityLogs.$inferSelect;
export type NewUserActivityLog = typeof userActivityLogs.$inferInsert;
export type AgentActivityLog = typeof agentActivityLogs.$inferSelect;
export type NewAgentActivityLog = typeof agentActivityLogs.$inferInsert;
