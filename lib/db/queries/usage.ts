/**
 * Reads behind the usage pages (issue 6). Every function takes the viewer's transaction first,
 * so RLS decides whose usage is counted: usage_series() and the views are SECURITY INVOKER.
 *
 * Ranges are resolved in Postgres, in the viewer's time zone, to whole hours (24 h) or whole
 * local days (7 / 30 / 90 days, custom), ending with the current hour / today: usage_series()
 * then reads only rollup windows and hours, never raw rows, for zones with whole-hour offsets.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { SQL_GROUP, type RangePreset, type UsageGroup, type UsageParams } from "@/lib/validation/usage";

export type ResolvedRange = {
  from: string; // ISO instants, [from, to)
  to: string;
  prevFrom: string;
  prevTo: string;
  bucket: "hour" | "day";
  tz: string;
  /** The local days (or hours) shown, for people: "2026-10-27" .. "2026-11-25" (inclusive) */
  firstDay: string;
  lastDay: string;
};

const PRESET_DAYS: Record<Exclude<RangePreset, "24h" | "custom">, number> = { "7d": 7, "30d": 30, "90d": 90 };

export async function resolveUsageRange(
  tx: Tx,
  p: Pick<UsageParams, "range" | "from" | "to">,
  tz: string,
): Promise<ResolvedRange> {
  let rows: Record<string, unknown>[];
  if (p.range === "24h") {
    rows = await tx.execute(sql`
      with e as (select date_trunc('hour', now(), ${tz}) + interval '1 hour' as t)
      select (t - interval '24 hours') as "from", t as "to", (t - interval '48 hours') as "prevFrom", (t - interval '24 hours') as "prevTo",
             to_char((t - interval '24 hours') at time zone ${tz}, 'YYYY-MM-DD') as "firstDay",
             to_char((t - interval '1 microsecond') at time zone ${tz}, 'YYYY-MM-DD') as "lastDay"
      from e`);
  } else {
    // custom: the given local days; presets: the last N local days including today
    const days = p.range === "custom" ? null : PRESET_DAYS[p.range];
    rows = await tx.execute(sql`
      with d as (
        select case when ${days}::int is null then ${p.from ?? null}::date else (now() at time zone ${tz})::date - (${days}::int - 1) end as a,
               case when ${days}::int is null then ${p.to ?? null}::date else (now() at time zone ${tz})::date end as b
      )
      select (a::timestamp at time zone ${tz}) as "from", ((b + 1)::timestamp at time zone ${tz}) as "to",
             ((a - (b - a + 1))::timestamp at time zone ${tz}) as "prevFrom", (a::timestamp at time zone ${tz}) as "prevTo",
             to_char(a, 'YYYY-MM-DD') as "firstDay", to_char(b, 'YYYY-MM-DD') as "lastDay", (b - a + 1) as span
      from d`);
  }
  const r = rows[0] as Record<string, string | Date | number>;
  const iso = (v: unknown) => new Date(v as string).toISOString();
  const span = Number(r.span ?? 1);
  return {
    from: iso(r.from),
    to: iso(r.to),
    prevFrom: iso(r.prevFrom),
    prevTo: iso(r.prevTo),
    // one or two custom days read better by the hour
    bucket: p.range === "24h" || (p.range === "custom" && span <= 2) ? "hour" : "day",
    tz,
    firstDay: String(r.firstDay),
    lastDay: String(r.lastDay),
  };
}

/** One row of usage_series(), numbers as numbers (costs are USD; sums of numeric(10,6)). */
export type SeriesRow = {
  bucket: string;
  key: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  recordedCost: number;
  costCalls: number;
  estimatedCost: number;
  estimatedCalls: number;
  unpricedCalls: number;
  unpricedTokens: number;
  durationMsSum: number;
  durationCalls: number;
  durationHist: number[];
  /**
   * Set only on the rows lib/usage/dashboard.ts folds for a by-user chart: the sums, per bucket,
   * of this many further users (those that cannot be among the chart's own series).
   */
  rest?: number;
};

type SeriesQuery = {
  from: string;
  to: string;
  bucket: "hour" | "day" | "all";
  tz: string;
  group: UsageGroup;
  user?: string | null;
  /** false: no latency histogram (cheaper; top users, per-model tables) */
  latency?: boolean;
};

export async function usageSeries(tx: Tx, q: SeriesQuery): Promise<SeriesRow[]> {
  const rows = await tx.execute(sql`
    select bucket, group_key, calls, input_tokens, output_tokens, total_tokens, recorded_cost::text as recorded_cost, cost_calls,
           estimated_cost::text as estimated_cost, estimated_calls, unpriced_calls, unpriced_tokens, duration_ms_sum, duration_calls,
           duration_hist::text as duration_hist
    from public.usage_series(${q.from}::timestamptz, ${q.to}::timestamptz, ${q.bucket}, ${q.tz}, ${SQL_GROUP[q.group]}, ${q.user ?? null}::uuid, ${q.latency ?? true})`);
  return rows.map((r) => toSeriesRow(r, new Date(r.bucket as string).toISOString()));
}

/**
 * usage_series(..., 'user', user) for each of a few users, in one statement: the rows
 * usage_series(..., 'user', null) has for them (every bucket, zero-filled), in its order
 * (bucket, then user). Each user's rows are read through the per-user key, not every user's.
 */
export async function usageSeriesForUsers(tx: Tx, q: Omit<SeriesQuery, "group" | "user">, users: string[]): Promise<SeriesRow[]> {
  if (users.length === 0) return [];
  const rows = await tx.execute(sql`
    select s.bucket, s.group_key, s.calls, s.input_tokens, s.output_tokens, s.total_tokens, s.recorded_cost::text as recorded_cost, s.cost_calls,
           s.estimated_cost::text as estimated_cost, s.estimated_calls, s.unpriced_calls, s.unpriced_tokens, s.duration_ms_sum, s.duration_calls,
           s.duration_hist::text as duration_hist
    from unnest(${`{${users.join(",")}}`}::uuid[]) as u(id)
    cross join lateral public.usage_series(${q.from}::timestamptz, ${q.to}::timestamptz, ${q.bucket}, ${q.tz}, 'user', u.id, ${q.latency ?? true}) s
    order by s.bucket, s.group_key`);
  return rows.map((r) => toSeriesRow(r, new Date(r.bucket as string).toISOString()));
}

/** A row of usage_series or usage_top_users (no duration columns: 0 and no histogram). */
function toSeriesRow(r: Record<string, unknown>, bucket: string): SeriesRow {
  return {
    bucket,
    key: (r.group_key as string | null) ?? null,
    calls: Number(r.calls),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    totalTokens: Number(r.total_tokens),
    recordedCost: Number(r.recorded_cost),
    costCalls: Number(r.cost_calls),
    estimatedCost: Number(r.estimated_cost),
    estimatedCalls: Number(r.estimated_calls),
    unpricedCalls: Number(r.unpriced_calls),
    unpricedTokens: Number(r.unpriced_tokens),
    durationMsSum: Number(r.duration_ms_sum ?? 0),
    durationCalls: Number(r.duration_calls ?? 0),
    durationHist: r.duration_hist ? String(r.duration_hist).replace(/[{}]/g, "").split(",").map(Number) : [],
  };
}

/**
 * The most expensive users over [from, to) (public.usage_top_users: aligned per-user blocks, so
 * the cost follows users, not rows), as series rows of one bucket. No latency.
 */
export async function usageTopUsers(tx: Tx, q: { from: string; to: string; limit: number }): Promise<SeriesRow[]> {
  const rows = await tx.execute(sql`
    select group_key, calls, input_tokens, output_tokens, total_tokens, recorded_cost::text as recorded_cost, cost_calls,
           estimated_cost::text as estimated_cost, estimated_calls, unpriced_calls, unpriced_tokens
    from public.usage_top_users(${q.from}::timestamptz, ${q.to}::timestamptz, ${q.limit})`);
  const bucket = new Date(q.from).toISOString();
  return rows.map((r) => toSeriesRow(r, bucket));
}

/** Emails (or names) of the users the viewer may see, for labelling user keys. */
export async function userLabels(tx: Tx, ids: string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await tx.execute(sql`
    select id::text as id, coalesce(nullif(email, ''), username, id::text) as label
    from public.profiles where id = any(${`{${ids.join(",")}}`}::uuid[])`);
  return Object.fromEntries(rows.map((r) => [r.id as string, r.label as string]));
}

// ---------------------------------------------------------------------------------------------
// Seed 003 views: sessions, drafts, activity. Not time-ranged (the views have no time
// dimension): all-time numbers of the sessions RLS lets the viewer see.
// ---------------------------------------------------------------------------------------------

export type SessionsSummary = {
  users: number;
  totalSessions: number;
  finalized: number;
  active: number;
  error: number;
  totalRevisions: number;
  totalDrafts: number;
  avgRevisionsPerSession: number | null;
  avgDraftsPerSession: number | null;
  avgTimeToFinalizationSeconds: number | null;
  llmCostUsd: number;
  llmTokens: number;
};

export type SessionsByUser = SessionsSummary & { userId: string };

export type DraftStats = {
  sessions: number;
  totalDrafts: number;
  syntaxValidPercent: number | null;
  astValidPercent: number | null;
  fullyValidPercent: number | null;
  avgGenerationMs: number | null;
  avgValidationMs: number | null;
  llmCostUsd: number;
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** user_analytics, summed over the users the viewer sees (or one user), plus the top users by sessions. */
export async function sessionsPanel(tx: Tx, user: string | null, topN = 10): Promise<{ summary: SessionsSummary; byUser: SessionsByUser[] }> {
  const rows = await tx.execute(sql`
    select user_id::text as "userId", total_sessions, finalized_sessions, active_sessions, error_sessions, total_revisions, total_drafts,
           avg_revisions_per_session, avg_drafts_per_session, avg_time_to_finalization_seconds,
           total_llm_cost_usd::text as cost, total_llm_tokens_used
    from public.user_analytics
    where (${user}::uuid is null or user_id = ${user}::uuid)
    order by total_sessions desc, user_id`);
  const list: SessionsByUser[] = rows.map((r) => ({
    userId: r.userId as string,
    users: 1,
    totalSessions: Number(r.total_sessions),
    finalized: Number(r.finalized_sessions),
    active: Number(r.active_sessions),
    error: Number(r.error_sessions),
    totalRevisions: Number(r.total_revisions),
    totalDrafts: Number(r.total_drafts),
    avgRevisionsPerSession: num(r.avg_revisions_per_session),
    avgDraftsPerSession: num(r.avg_drafts_per_session),
    avgTimeToFinalizationSeconds: num(r.avg_time_to_finalization_seconds),
    llmCostUsd: Number(r.cost),
    llmTokens: Number(r.total_llm_tokens_used),
  }));
  const sum = (f: (s: SessionsByUser) => number) => list.reduce((t, s) => t + f(s), 0);
  const totalSessions = sum((s) => s.totalSessions);
  const finalized = sum((s) => s.finalized);
  // time to finalization: weighted by each user's finalized sessions
  const ttf = list.filter((s) => s.avgTimeToFinalizationSeconds !== null && s.finalized > 0);
  const ttfWeight = ttf.reduce((t, s) => t + s.finalized, 0);
  const summary: SessionsSummary = {
    users: list.length,
    totalSessions,
    finalized,
    active: sum((s) => s.active),
    error: sum((s) => s.error),
    totalRevisions: sum((s) => s.totalRevisions),
    totalDrafts: sum((s) => s.totalDrafts),
    avgRevisionsPerSession: totalSessions ? sum((s) => s.totalRevisions) / totalSessions : null,
    avgDraftsPerSession: totalSessions ? sum((s) => s.totalDrafts) / totalSessions : null,
    avgTimeToFinalizationSeconds: ttfWeight ? ttf.reduce((t, s) => t + s.avgTimeToFinalizationSeconds! * s.finalized, 0) / ttfWeight : null,
    llmCostUsd: sum((s) => s.llmCostUsd),
    llmTokens: sum((s) => s.llmTokens),
  };
  return { summary, byUser: list.slice(0, topN) };
}

/** draft_validation_stats, weighted by drafts over the sessions the viewer sees. */
export async function draftStats(tx: Tx, user: string | null): Promise<DraftStats> {
  const [r] = await tx.execute(sql`
    select count(*) as sessions, coalesce(sum(total_drafts), 0) as drafts,
           round(100.0 * sum(syntax_valid_count) / nullif(sum(total_drafts), 0), 2) as syntax,
           round(100.0 * sum(ast_valid_count) / nullif(sum(total_drafts), 0), 2) as ast,
           round(100.0 * sum(fully_valid_count) / nullif(sum(total_drafts), 0), 2) as fully,
           round(sum(avg_generation_time_ms * total_drafts) / nullif(sum(total_drafts) filter (where avg_generation_time_ms is not null), 0), 2) as gen,
           round(sum(avg_validation_time_ms * total_drafts) / nullif(sum(total_drafts) filter (where avg_validation_time_ms is not null), 0), 2) as val,
           coalesce(sum(total_llm_cost_usd), 0)::text as cost
    from public.draft_validation_stats
    where (${user}::uuid is null or user_id = ${user}::uuid)`);
  return {
    sessions: Number(r.sessions),
    totalDrafts: Number(r.drafts),
    syntaxValidPercent: num(r.syntax),
    astValidPercent: num(r.ast),
    fullyValidPercent: num(r.fully),
    avgGenerationMs: num(r.gen),
    avgValidationMs: num(r.val),
    llmCostUsd: Number(r.cost),
  };
}

export type ActivityEvent = {
  eventType: string;
  sessionId: string;
  userId: string;
  eventTime: string;
  data: Record<string, unknown>;
};

/** The newest events of recent_activity (seed 003), newest first. */
export async function recentActivity(tx: Tx, user: string | null, limit = 15): Promise<ActivityEvent[]> {
  const rows = await tx.execute(sql`
    select event_type, session_id::text as session_id, user_id::text as user_id, event_time, event_data
    from public.recent_activity
    where (${user}::uuid is null or user_id = ${user}::uuid)
    order by event_time desc, session_id
    limit ${limit}`);
  return rows.map((r) => ({
    eventType: r.event_type as string,
    sessionId: r.session_id as string,
    userId: r.user_id as string,
    eventTime: new Date(r.event_time as string).toISOString(),
    data: (r.event_data as Record<string, unknown>) ?? {},
  }));
}

// ---------------------------------------------------------------------------------------------
// seed 001: get_current_user_usage_summary(start, end), the signed-in user's own summary
// ---------------------------------------------------------------------------------------------
export type OwnSummary = {
  totalCalls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  totalCost: number;
  agents: { agent: string; calls: number; inputTokens: number; outputTokens: number; totalTokens: number; cost: number }[];
};

export async function ownUsageSummary(tx: Tx, startDay: string, endDay: string): Promise<OwnSummary> {
  const [r] = await tx.execute(sql`
    select total_calls, total_input_tokens, total_output_tokens, total_tokens, total_cost::text as total_cost, agent_breakdown
    from public.get_current_user_usage_summary(${startDay}::date, ${endDay}::date)`);
  const breakdown = (r?.agent_breakdown ?? {}) as Record<string, Record<string, number | string>>;
  return {
    totalCalls: Number(r?.total_calls ?? 0),
    inputTokens: Number(r?.total_input_tokens ?? 0),
    outputTokens: Number(r?.total_output_tokens ?? 0),
    totalTokens: Number(r?.total_tokens ?? 0),
    totalCost: Number(r?.total_cost ?? 0),
    agents: Object.entries(breakdown)
      .map(([agent, b]) => ({
        agent,
        calls: Number(b.calls),
        inputTokens: Number(b.input_tokens),
        outputTokens: Number(b.output_tokens),
        totalTokens: Number(b.total_tokens),
        cost: Number(b.cost),
      }))
      .sort((a, b) => b.cost - a.cost || b.calls - a.calls),
  };
}
