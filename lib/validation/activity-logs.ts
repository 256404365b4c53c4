/**
 * /admin/activity: URL state of the two tabs (user activity, agent activity). Seed 001's
 * activity and agent vocabularies are the facet options; unknown values are dropped.
 */
import { z } from "zod";
import { AGENT_TYPES } from "./admin-config";
import { createTableSearchParams, firstParam, listParam } from "./data-table";

export const OPERATION_TYPES = [
  "initialization",
  "tool_invocation",
  "code_generation",
  "document_generation",
  "diagram_generation",
  "code_execution",
  "search",
  "url_fetch",
  "mcp_operation",
  "streaming",
] as const;
export const SUCCESS_VALUES = ["success", "failure"] as const;

const one = firstParam as (v: unknown) => unknown;
const token = z.string().trim().min(1).max(100).regex(/^[\w.:\-/]+$/);

export const userActivityParams = createTableSearchParams({
  sortKeys: ["created"] as const,
  defaultSort: { key: "created", dir: "desc" },
  columns: ["type", "category", "user", "resource", "path", "success", "created"] as const,
  filters: {
    tab: z.preprocess(one, z.enum(["user", "agent"])).catch("user"),
    activity: listParam(token),
    category: listParam(token),
    success: listParam(z.enum(SUCCESS_VALUES)),
    user: z.preprocess(one, z.guid()).nullable().catch(null),
  },
});
export type UserActivityQuery = z.infer<typeof userActivityParams>;

export const agentActivityParams = createTableSearchParams({
  sortKeys: ["created", "duration"] as const,
  defaultSort: { key: "created", dir: "desc" },
  columns: ["agent", "operation", "model", "duration", "tokens", "cost", "success", "created"] as const,
  filters: {
    agent: listParam(z.enum(AGENT_TYPES)),
    operation: listParam(z.enum(OPERATION_TYPES)),
    model: listParam(token),
    success: listParam(z.enum(SUCCESS_VALUES)),
    minMs: z.preprocess(one, z.coerce.number().int().min(0).max(86_400_000)).nullable().catch(null),
    maxMs: z.preprocess(one, z.coerce.number().int().min(0).max(86_400_000)).nullable().catch(null),
    user: z.preprocess(one, z.guid()).nullable().catch(null),
  },
});
export type AgentActivityQuery = z.infer<typeof agentActivityParams>;

export const purgeLogsInput = z.object({ confirm: z.literal("purge", { error: "Confirm the purge" }) });
