/**
 * Reads of user_activity_logs and agent_activity_logs (issue 5), as the viewer under RLS
 * (admins all rows, users their own). Keyset pages on (created_at, id); the correlation
 * timeline joins both tables on correlation_id (seed 001: "Links to agent_activity_logs via
 * correlation_id").
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, planKeysetPage, type KeysetPage, type KeysetSort } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import type { AgentActivityQuery, UserActivityQuery } from "@/lib/validation/activity-logs";

const DAY = 86_400_000;
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));
const arr = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;

function dayRange(alias: string, from: string | null, to: string | null): SQL[] {
  const parts: SQL[] = [];
  const a = sql.raw(alias);
  if (from) parts.push(sql`${a}.created_at >= ${`${from}T00:00:00Z`}::timestamptz`);
  if (to) parts.push(sql`${a}.created_at < ${`${to}T00:00:00Z`}::timestamptz + interval '1 day'`);
  return parts;
}

export type UserActivityRow = {
  id: string;
  userId: string;
  userEmail: string | null;
  correlationId: string;
  activityType: string;
  activityCategory: string;
  resourceType: string | null;
  resourceId: string | null;
  requestPath: string | null;
  requestMethod: string | null;
  success: boolean;
  errorMessage: string | null;
  createdAt: string;
};

/** One user_activity_logs row (with user_email) as the pages show it; the timeline reuses it. */
function toUserRow(r: Record<string, unknown>): UserActivityRow {
  return {
    id: String(r.id),
    userId: String(r.user_id),
    userEmail: (r.user_email as string | null) ?? null,
    correlationId: String(r.correlation_id),
    activityType: String(r.activity_type),
    activityCategory: String(r.activity_category),
    resourceType: (r.resource_type as string | null) ?? null,
    resourceId: (r.resource_id as string | null) ?? null,
    requestPath: (r.request_path as string | null) ?? null,
    requestMethod: (r.request_method as string | null) ?? null,
    success: Boolean(r.success),
    errorMessage: (r.error_message as string | null) ?? null,
    createdAt: iso(r.created_at),
  };
}

export async function listUserActivity(tx: Tx, q: UserActivityQuery): Promise<KeysetPage<UserActivityRow>> {
  const parts: SQL[] = dayRange("a", q.from, q.to);
  if (q.activity.length) parts.push(sql`a.activity_type = any(${arr(q.activity)}::text[])`);
  if (q.category.length) parts.push(sql`a.activity_category = any(${arr(q.category)}::text[])`);
  if (q.success.length === 1) parts.push(q.success[0] === "success" ? sql`a.success` : sql`not a.success`);
  if (q.user) parts.push(sql`a.user_id = ${q.user}::uuid`);
  const plan = planKeysetPage({ sort: { expr: sql`a.created_at`, type: "timestamptz" }, id: sql`a.id`, dir: q.sort.dir, cursor: q.cursor, size: q.size });
  if (plan.where) parts.push(plan.where);
  const where = parts.length ? sql.join(parts, sql` and `) : sql`true`;
  const order = sql.join(plan.orderBy, sql`, `);
  const rows = (await tx.execute(sql`
    select a.*, p.email as user_email from (
      select a.id, a.user_id, a.correlation_id, a.activity_type, a.activity_category, a.resource_type, a.resource_id,
             a.request_path, a.request_method, a.success, a.error_message, a.created_at, a.created_at::text as cursor_value
        from public.user_activity_logs a where ${where} order by ${order} limit ${plan.limit}) a
    left join public.profiles p on p.id = a.user_id
    order by ${order}`)) as unknown as Array<Record<string, unknown> & { id: string; cursor_value: string }>;
  const page = finishKeysetPage(rows.map((r) => ({ ...r, cursorValue: r.cursor_value })), plan, q.cursor, q.size);
  return {
    ...page,
    rows: page.rows.map((r: Record<string, unknown>) => toUserRow(r)),
  };
}

export type AgentActivityRow = {
  id: string;
  userId: string | null;
  userEmail: string | null;
  correlationId: string;
  agentType: string;
  operationType: string;
  operationCategory: string;
  modelId: string | null;
  provider: string | null;
  durationMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  totalCost: string | null;
  success: boolean;
  errorType: string | null;
  errorMessage: string | null;
  retryCount: number;
  startTime: string | null;
  endTime: string | null;
  createdAt: string;
};

const AGENT_SORTS: Record<AgentActivityQuery["sort"]["key"], KeysetSort> = {
  created: { expr: sql`a.created_at`, type: "timestamptz" },
  duration: { expr: sql`coalesce(a.duration_ms, -1)`, type: "integer" },
};

function toAgentRow(r: Record<string, unknown>): AgentActivityRow {
  const num = (v: unknown) => (v == null ? null : Number(v));
  return {
    id: String(r.id),
    userId: (r.user_id as string | null) ?? null,
    userEmail: (r.user_email as string | null) ?? null,
    correlationId: String(r.correlation_id),
    agentType: String(r.agent_type),
    operationType: String(r.operation_type),
    operationCategory: String(r.operation_category),
    modelId: (r.model_id as string | null) ?? null,
    provider: (r.provider as string | null) ?? null,
    durationMs: num(r.duration_ms),
    inputTokens: num(r.input_tokens),
    outputTokens: num(r.output_tokens),
    totalTokens: num(r.total_tokens),
    totalCost: r.total_cost == null ? null : String(r.total_cost),
    success: Boolean(r.success),
    errorType: (r.error_type as string | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null,
    retryCount: Number(r.retry_count ?? 0),
    startTime: isoOrNull(r.start_time),
    endTime: isoOrNull(r.end_time),
    createdAt: iso(r.created_at),
  };
}

const AGENT_COLUMNS = sql`a.id, a.user_id, a.correlation_id, a.agent_type, a.operation_type, a.operation_category, a.model_id, a.provider,
  a.duration_ms, a.input_tokens, a.output_tokens, a.total_tokens, a.total_cost, a.success, a.error_type, a.error_message,
  a.retry_count, a.start_time, a.end_time, a.created_at`;

export async function listAgentActivity(tx: Tx, q: AgentActivityQuery): Promise<KeysetPage<AgentActivityRow>> {
  const parts: SQL[] = dayRange("a", q.from, q.to);
  if (q.agent.length) parts.push(sql`a.agent_type = any(${arr(q.agent)}::text[])`);
  if (q.operation.length) parts.push(sql`a.operation_type = any(${arr(q.operation)}::text[])`);
  if (q.model.length) parts.push(sql`a.model_id = any(${arr(q.model)}::text[])`);
  if (q.success.length === 1) parts.push(q.success[0] === "success" ? sql`a.success` : sql`not a.success`);
  if (q.minMs != null) parts.push(sql`a.duration_ms >= ${q.minMs}`);
  if (q.maxMs != null) parts.push(sql`a.duration_ms <= ${q.maxMs}`);
  if (q.user) parts.push(sql`a.user_id = ${q.user}::uuid`);
  const sort = AGENT_SORTS[q.sort.key];
  const plan = planKeysetPage({ sort, id: sql`a.id`, dir: q.sort.dir, cursor: q.cursor, size: q.size });
  if (plan.where) parts.push(plan.where);
  const where = parts.length ? sql.join(parts, sql` and `) : sql`true`;
  const order = sql.join(plan.orderBy, sql`, `);
  const rows = (await tx.execute(sql`
    select a.*, p.email as user_email from (
      select ${AGENT_COLUMNS}, (${sort.expr})::text as cursor_value
        from public.agent_activity_logs a where ${where} order by ${order} limit ${plan.limit}) a
    left join public.profiles p on p.id = a.user_id
    order by ${order}`)) as unknown as Array<Record<string, unknown> & { id: string; cursor_value: string }>;
  const page = finishKeysetPage(rows.map((r) => ({ ...r, cursorValue: r.cursor_value })), plan, q.cursor, q.size);
  return { ...page, rows: page.rows.map(toAgentRow) };
}

/** Distinct models seen in the last 30 days (facet options). */
export async function listAgentModels(tx: Tx): Promise<string[]> {
  const rows = (await tx.execute(sql`
    select distinct model_id from public.agent_activity_logs
     where model_id is not null and created_at > now() - interval '30 days' order by 1 limit 50`)) as unknown as { model_id: string }[];
  return rows.map((r) => r.model_id);
}

/** Distinct user activity types and categories (facet options). */
export async function listActivityVocabulary(tx: Tx): Promise<{ types: string[]; categories: string[] }> {
  const rows = (await tx.execute(sql`
    select 't' as k, v from (select distinct activity_type as v from public.user_activity_logs where created_at > now() - interval '30 days' limit 100) x
    union all
    select 'c', v from (select distinct activity_category as v from public.user_activity_logs where created_at > now() - interval '30 days' limit 100) y
    order by 1, 2`)) as unknown as { k: string; v: string }[];
  return { types: rows.filter((r) => r.k === "t").map((r) => r.v), categories: rows.filter((r) => r.k === "c").map((r) => r.v) };
}

// ---------------------------------------------------------------------------
// Correlation timeline
// ---------------------------------------------------------------------------
export type TimelineEvent =
  | ({ kind: "user" } & UserActivityRow & { metadata: unknown })
  | ({ kind: "agent" } & AgentActivityRow & { metadata: unknown });

export type CorrelationTimeline = {
  correlationId: string;
  events: TimelineEvent[];
  totals: { operations: number; durationMs: number; tokens: number; cost: number; failures: number };
  errors: { id: string; severity: string; errorMessage: string; createdAt: string }[];
};

export async function getCorrelationTimeline(tx: Tx, correlationId: string): Promise<CorrelationTimeline> {
  const users = (await tx.execute(sql`
    select a.id, a.user_id, p.email as user_email, a.correlation_id, a.activity_type, a.activity_category, a.resource_type, a.resource_id,
           a.request_path, a.request_method, a.success, a.error_message, a.created_at, a.activity_metadata as metadata
      from public.user_activity_logs a left join public.profiles p on p.id = a.user_id
     where a.correlation_id = ${correlationId}::uuid order by a.created_at, a.id limit 500`)) as unknown as Record<string, unknown>[];
  const agents = (await tx.execute(sql`
    select ${AGENT_COLUMNS}, p.email as user_email, a.operation_metadata as metadata
      from public.agent_activity_logs a left join public.profiles p on p.id = a.user_id
     where a.correlation_id = ${correlationId}::uuid order by coalesce(a.start_time, a.created_at), a.id limit 500`)) as unknown as Record<string, unknown>[];
  const errors = (await tx.execute(sql`
    select e.id, e.severity, left(e.error_message, 300) as error_message, e.created_at
      from public.error_logs e
     where e.error_details @> ${JSON.stringify({ correlation_id: correlationId })}::jsonb
        or e.error_details -> 'context' @> ${JSON.stringify({ correlation_id: correlationId })}::jsonb
     order by e.created_at limit 20`)) as unknown as Record<string, unknown>[];

  const events: TimelineEvent[] = [
    ...users.map((r) => ({ kind: "user" as const, ...toUserRow(r), metadata: r.metadata })),
    ...agents.map((r) => ({ kind: "agent" as const, ...toAgentRow(r), metadata: r.metadata })),
  ].sort((a, b) => startOf(a) - startOf(b));

  const ops = events.filter((e): e is Extract<TimelineEvent, { kind: "agent" }> => e.kind === "agent");
  return {
    correlationId,
    events,
    totals: {
      operations: ops.length,
      durationMs: ops.reduce((s, e) => s + (e.durationMs ?? 0), 0),
      tokens: ops.reduce((s, e) => s + (e.totalTokens ?? (e.inputTokens ?? 0) + (e.outputTokens ?? 0)), 0),
      cost: ops.reduce((s, e) => s + Number(e.totalCost ?? 0), 0),
      failures: events.filter((e) => !e.success).length,
    },
    errors: errors.map((e) => ({ id: String(e.id), severity: String(e.severity), errorMessage: String(e.error_message), createdAt: iso(e.created_at) })),
  };
}

export function startOf(e: TimelineEvent): number {
  return Date.parse(e.kind === "agent" ? (e.startTime ?? e.createdAt) : e.createdAt);
}

/**
 * Activity around one error: the same session (user activity with the error's session_id) or
 * the same correlation (the id the error carries in its details), and the agent operations of
 * those correlations. The nearest 30 in time.
 */
export async function getRelatedActivity(
  tx: Tx,
  e: { sessionId: string | null; correlationId: string | null; createdAt: string },
): Promise<{ user: UserActivityRow[]; agent: AgentActivityRow[] }> {
  if (!e.sessionId && !e.correlationId) return { user: [], agent: [] };
  const at = e.createdAt;
  const conds: SQL[] = [];
  if (e.sessionId) conds.push(sql`(a.session_id = ${e.sessionId} and a.created_at between ${at}::timestamptz - interval '1 day' and ${at}::timestamptz + interval '1 day')`);
  if (e.correlationId) conds.push(sql`a.correlation_id = ${e.correlationId}::uuid`);
  const users = (await tx.execute(sql`
    select a.id, a.user_id, p.email as user_email, a.correlation_id, a.activity_type, a.activity_category, a.resource_type, a.resource_id,
           a.request_path, a.request_method, a.success, a.error_message, a.created_at
      from public.user_activity_logs a left join public.profiles p on p.id = a.user_id
     where ${sql.join(conds, sql` or `)}
     order by abs(extract(epoch from a.created_at - ${at}::timestamptz)) limit 30`)) as unknown as Record<string, unknown>[];
  const corr = [...new Set([...users.map((u) => String(u.correlation_id)), ...(e.correlationId ? [e.correlationId] : [])])];
  const agents = corr.length
    ? ((await tx.execute(sql`
        select ${AGENT_COLUMNS}, p.email as user_email
          from public.agent_activity_logs a left join public.profiles p on p.id = a.user_id
         where a.correlation_id = any(${`{${corr.join(",")}}`}::uuid[])
         order by abs(extract(epoch from a.created_at - ${at}::timestamptz)) limit 30`)) as unknown as Record<string, unknown>[])
    : [];
  return {
    user: users.map(toUserRow).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    agent: agents.map(toAgentRow).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  };
}

// ---------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------
export type PurgePreview = {
  userDays: number;
  agentDays: number;
  errorDays: number;
  userLogs: number;
  agentLogs: number;
  errorLogs: number;
};

export async function getPurgePreview(tx: Tx): Promise<PurgePreview> {
  const [r] = (await tx.execute(sql`select * from public.count_purgeable_logs()`)) as unknown as Record<string, unknown>[];
  return {
    userDays: Number(r.user_days),
    agentDays: Number(r.agent_days),
    errorDays: Number(r.error_days),
    userLogs: Number(r.user_logs),
    agentLogs: Number(r.agent_logs),
    errorLogs: Number(r.error_logs),
  };
}

export { DAY };
