/**
 * Reads of error_logs for triage (issue 5). Every function takes the viewer's transaction
 * (withViewer): RLS lets admins see every row and a user their own (seed 001 policies), and the
 * explicit filters are added on top.
 *
 * - listErrorLogs: keyset pages on (created_at, id) (idx_error_logs_created_at and the
 *   per-severity / unresolved variants), so page 10,000 costs what page 1 costs.
 * - countErrorsBySeverity / errorSeries: read error_rollup_daily when the filter only uses
 *   its dimensions (type, category, severity, resolved, whole-day range; daily buckets), else
 *   the raw rows.
 * - listErrorGroups: rows collapsed on the stored fingerprint (type + category + normalised
 *   message), with the pinned note and regression mark from error_groups.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, planKeysetPage, type KeysetPage } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import { SEVERITIES, searchTerms, type ErrorFilter, type ErrorsTableQuery, type Severity } from "@/lib/validation/error-logs";

export type ErrorLogRow = {
  id: string;
  userId: string | null;
  userEmail: string | null;
  errorType: string;
  errorCategory: string;
  errorMessage: string;
  requestPath: string | null;
  requestMethod: string | null;
  severity: Severity;
  resolved: boolean;
  resolvedAt: string | null;
  createdAt: string;
  fingerprint: string;
};

export type ErrorLogDetail = ErrorLogRow & {
  errorDetails: unknown;
  userAgent: string | null;
  ipAddress: string | null;
  sessionId: string | null;
  resolvedBy: string | null;
  resolvedByEmail: string | null;
  resolutionNotes: string | null;
  groupNote: string | null;
  groupResolvedAt: string | null;
};

const DAY = 86_400_000;

/** The [from, to) instants of a filter's day range (UTC, `to` inclusive), or the last 30 days. */
export function rangeOf(f: Pick<ErrorFilter, "from" | "to">, now = new Date()): { from: Date; to: Date; label: string; explicit: boolean } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY : f.from ? today + DAY : today + DAY;
  const from = f.from ? Date.parse(`${f.from}T00:00:00Z`) : to - 30 * DAY;
  const explicit = Boolean(f.from || f.to);
  return { from: new Date(from), to: new Date(Math.max(to, from)), label: explicit ? "the chosen range" : "the last 30 days", explicit };
}

/**
 * How the message search reaches the rows (planErrorSearch):
 * - "scan" (the default): `to_tsvector(message) @@ query` on each row the query walks. Under RLS
 *   the @@ operator, not being LEAKPROOF, may not use the message index, so this is a walk: fast
 *   when matches are common (the newest page is found within a few hundred rows), slow when they
 *   are rare (a term that matches nothing walks every row: 4.8 s at 1M rows).
 * - "index": `e.id in (select error_log_ids_matching(query))` (migration 001600), which searches
 *   through the index as SECURITY DEFINER and returns only rows the viewer may read; RLS still
 *   applies to `e`. Each matching row is then one primary-key lookup, so it pays off while the
 *   matches are few.
 */
export type ErrorSearchVia = "scan" | "index";
export type PlannedErrorFilter = ErrorFilter & { searchVia?: ErrorSearchVia };

/** Up to this many matches the search goes through the index (each a ~15 µs key lookup). */
const INDEX_SEARCH_MAX_MATCHES = 10_000;

function searchQuery(f: Pick<ErrorFilter, "q">): string | null {
  const terms = searchTerms(f.q);
  return terms.length ? terms.map((t) => `${t}:*`).join(" & ") : null;
}

/**
 * The filter with its search path chosen (see ErrorSearchVia): counts the matches through the
 * index, stopping past the threshold (the function returns rows lazily, so the count costs about
 * one index lookup: 1-60 ms at 1M rows). Call once per request, in its transaction, and pass the
 * result to every query of that request.
 */
export async function planErrorSearch<F extends ErrorFilter>(tx: Tx, f: F): Promise<F & { searchVia?: ErrorSearchVia }> {
  const q = searchQuery(f);
  if (!q) return f;
  const [row] = (await tx.execute(sql`
    select count(*)::int as n
      from (select public.error_log_ids_matching(to_tsquery('simple', ${q})) limit ${INDEX_SEARCH_MAX_MATCHES + 1}) m`)) as unknown as { n: number }[];
  return { ...f, searchVia: row.n <= INDEX_SEARCH_MAX_MATCHES ? "index" : "scan" };
}

/** The WHERE of a filter over `public.error_logs e`. Date bounds are whole UTC days. */
export function errorFilterSql(f: PlannedErrorFilter, opts: { range?: { from: Date; to: Date } | null } = {}): SQL {
  const parts: SQL[] = [];
  if (f.severity.length) parts.push(sql`e.severity = any(${pgArray(f.severity)}::text[])`);
  if (f.type.length) parts.push(sql`e.error_type = any(${pgArray(f.type)}::text[])`);
  if (f.category.length) parts.push(sql`e.error_category = any(${pgArray(f.category)}::text[])`);
  if (f.status.length === 1) parts.push(f.status[0] === "resolved" ? sql`e.resolved` : sql`not e.resolved`);
  if (f.user) parts.push(sql`e.user_id = ${f.user}::uuid`);
  if (f.path) parts.push(sql`e.request_path like ${f.path.replace(/[\\%_]/g, (c) => `\\${c}`) + "%"}`);
  if (f.fp) parts.push(sql`e.fingerprint = ${f.fp}`);
  const q = searchQuery(f);
  if (q) {
    parts.push(
      f.searchVia === "index"
        ? sql`e.id in (select public.error_log_ids_matching(to_tsquery('simple', ${q})))`
        : sql`to_tsvector('simple', e.error_message) @@ to_tsquery('simple', ${q})`,
    );
  }
  const range = opts.range === undefined ? (f.from || f.to ? rangeOf(f) : null) : opts.range;
  if (range) parts.push(sql`e.created_at >= ${range.from.toISOString()}::timestamptz and e.created_at < ${range.to.toISOString()}::timestamptz`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** A JS array as a Postgres array literal (bound as one text parameter). */
function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

type RawRow = {
  id: string;
  user_id: string | null;
  user_email: string | null;
  error_type: string;
  error_category: string;
  error_message: string;
  request_path: string | null;
  request_method: string | null;
  severity: Severity;
  resolved: boolean;
  resolved_at: string | null;
  created_at: string;
  fingerprint: string;
  cursor_value: string | null;
};

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

function toRow(r: RawRow): ErrorLogRow {
  return {
    id: r.id,
    userId: r.user_id,
    userEmail: r.user_email,
    errorType: r.error_type,
    errorCategory: r.error_category,
    errorMessage: r.error_message,
    requestPath: r.request_path,
    requestMethod: r.request_method,
    severity: r.severity,
    resolved: r.resolved,
    resolvedAt: isoOrNull(r.resolved_at),
    createdAt: iso(r.created_at),
    fingerprint: r.fingerprint,
  };
}

/** One page of errors, newest first (or oldest first), by keyset. */
export async function listErrorLogs(
  tx: Tx,
  q: ErrorFilter & Pick<ErrorsTableQuery, "sort" | "cursor" | "size">,
): Promise<KeysetPage<ErrorLogRow>> {
  const plan = planKeysetPage({
    sort: { expr: sql`e.created_at`, type: "timestamptz" },
    id: sql`e.id`,
    dir: q.sort.dir,
    cursor: q.cursor,
    size: q.size,
  });
  const where = plan.where ? sql`${errorFilterSql(q)} and ${plan.where}` : errorFilterSql(q);
  const fetched = (await tx.execute(sql`
    select e.id, e.user_id, p.email as user_email, e.error_type, e.error_category, left(e.error_message, 500) as error_message,
           e.request_path, e.request_method, e.severity, e.resolved, e.resolved_at, e.created_at, e.fingerprint,
           e.created_at::text as cursor_value
      from (select * from public.error_logs e where ${where} order by ${sql.join(plan.orderBy, sql`, `)} limit ${plan.limit}) e
      left join public.profiles p on p.id = e.user_id
     order by ${sql.join(plan.orderBy, sql`, `)}`)) as unknown as RawRow[];
  const page = finishKeysetPage(
    fetched.map((r) => ({ ...r, cursorValue: r.cursor_value })),
    plan,
    q.cursor,
    q.size,
  );
  return { ...page, rows: page.rows.map(toRow) };
}

/** How many errors match the filter (all time unless the filter has a range). */
export async function countErrorLogs(tx: Tx, f: ErrorFilter): Promise<number> {
  const [row] = (await tx.execute(sql`select count(*)::bigint as n from public.error_logs e where ${errorFilterSql(f)}`)) as unknown as { n: string }[];
  return Number(row?.n ?? 0);
}

/** The filter can be answered from error_rollup_daily: only the rollup's dimensions are used. */
function rollupServes(f: ErrorFilter): boolean {
  return !f.user && !f.path && !f.fp && searchTerms(f.q).length === 0;
}

function rollupFilterSql(f: ErrorFilter, range: { from: Date; to: Date }): SQL {
  const parts: SQL[] = [
    sql`c.bucket_start >= ${range.from.toISOString()}::timestamptz and c.bucket_start < ${range.to.toISOString()}::timestamptz`,
  ];
  if (f.severity.length) parts.push(sql`c.severity = any(${pgArray(f.severity)}::text[])`);
  if (f.type.length) parts.push(sql`c.error_type = any(${pgArray(f.type)}::text[])`);
  if (f.category.length) parts.push(sql`c.error_category = any(${pgArray(f.category)}::text[])`);
  if (f.status.length === 1) parts.push(f.status[0] === "resolved" ? sql`c.resolved` : sql`not c.resolved`);
  return sql.join(parts, sql` and `);
}

export type SeverityCounts = Record<Severity, number>;

/**
 * Errors per severity for the filter's range (or the last 30 days), under every other filter
 * except severity itself, so each count says what choosing that severity gives.
 */
export async function countErrorsBySeverity(tx: Tx, f: ErrorFilter, opts: { admin: boolean }): Promise<SeverityCounts> {
  const range = rangeOf(f);
  const g = { ...f, severity: [] };
  const rows = (await tx.execute(
    opts.admin && rollupServes(g)
      ? sql`select c.severity, sum(c.n)::bigint as n from public.error_rollup_daily c where ${rollupFilterSql(g, range)} group by 1`
      : sql`select e.severity, count(*)::bigint as n from public.error_logs e where ${errorFilterSql(g, { range })} group by 1`,
  )) as unknown as { severity: Severity; n: string }[];
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const r of rows) counts[r.severity] = Number(r.n);
  return counts;
}

export type SeriesPoint = { bucket: string } & Record<Severity, number>;

/** Errors per hour (ranges up to 2 days) or per UTC day, by severity, zero-filled. */
export async function errorSeries(tx: Tx, f: ErrorFilter, opts: { admin: boolean }): Promise<{ unit: "hour" | "day"; points: SeriesPoint[] }> {
  const range = rangeOf(f);
  const unit = range.to.getTime() - range.from.getTime() <= 2 * DAY ? "hour" : "day";
  const u = sql.raw(`'${unit}'`);
  const rows = (await tx.execute(
    opts.admin && unit === "day" && rollupServes(f)
      ? sql`select c.bucket_start as b, c.severity, sum(c.n)::bigint as n
              from public.error_rollup_daily c where ${rollupFilterSql(f, range)} group by 1, 2`
      : sql`select date_trunc(${u}, e.created_at, 'UTC') as b, e.severity, count(*)::bigint as n
              from public.error_logs e where ${errorFilterSql(f, { range })} group by 1, 2`,
  )) as unknown as { b: Date | string; severity: Severity; n: string }[];
  const step = unit === "hour" ? 3_600_000 : DAY;
  const byBucket = new Map<number, SeriesPoint>();
  for (let t = range.from.getTime(); t < range.to.getTime(); t += step) {
    byBucket.set(t, { bucket: new Date(t).toISOString(), info: 0, warning: 0, error: 0, critical: 0 });
  }
  for (const r of rows) {
    const t = new Date(r.b).getTime();
    const p = byBucket.get(t);
    if (p) p[r.severity] += Number(r.n);
  }
  return { unit, points: [...byBucket.values()] };
}

// ---------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------
export type ErrorGroupRow = {
  fingerprint: string;
  errorType: string;
  errorCategory: string;
  message: string;
  sample: string;
  count: number;
  unresolved: number;
  users: number;
  firstSeen: string;
  lastSeen: string;
  worstSeverity: Severity;
  note: string | null;
  noteAt: string | null;
  resolvedAt: string | null;
  regression: boolean;
  /** Occurrences per UTC day over the filter's range (oldest first). */
  spark: number[];
};

/**
 * Errors of the filter collapsed into groups (same type, category and normalised message),
 * most recently seen first; keyset on (last seen, fingerprint) through the `after` cursor.
 */
export async function listErrorGroups(
  tx: Tx,
  f: ErrorFilter,
  opts: { size: number; after: { lastSeen: string; fingerprint: string } | null },
): Promise<{ rows: ErrorGroupRow[]; next: { lastSeen: string; fingerprint: string } | null }> {
  const range = rangeOf(f);
  const having = opts.after
    ? sql`having (max(last_seen), fingerprint) < (${opts.after.lastSeen}::timestamptz, ${opts.after.fingerprint})`
    : sql``;
  // Two hash aggregations instead of one sorted one: per (group, user) first, then per group.
  // count(distinct user_id) made Postgres sort every filtered row, message and all (on disk past
  // work_mem: 2.3 s for 1M rows); the per-user rows are at most groups x users, and "users" is
  // then a plain count. Type, category and the example come from the group's latest matching
  // row (the fingerprint fixes type, category and the normalised message). 0.7 s for 1M rows.
  const rows = (await tx.execute(sql`
    with per_user as (
      select e.fingerprint, e.user_id, count(*) as n, count(*) filter (where not e.resolved) as unresolved,
             min(e.created_at) as first_seen, max(e.created_at) as last_seen,
             max(array_position(array['info','warning','error','critical']::text[], e.severity::text)) as worst
        from public.error_logs e
       where ${errorFilterSql(f)}
       group by e.fingerprint, e.user_id
    ), grp as (
      select fingerprint, sum(n)::bigint as n, sum(unresolved)::bigint as unresolved, count(user_id)::bigint as users,
             min(first_seen) as first_seen, max(last_seen) as last_seen, max(worst) as worst
        from per_user
       group by fingerprint
       ${having}
       order by max(last_seen) desc, fingerprint desc
       limit ${opts.size + 1}
    )
    select grp.*, latest.error_type, latest.error_category, latest.error_message as sample,
           public.normalize_error_message(latest.error_message) as message, grp.last_seen::text as last_seen_text,
           g.resolution_notes as note, g.notes_updated_at as note_at, g.resolved_at as group_resolved_at,
           (g.resolved_at is not null and exists (
              select 1 from public.error_logs x where x.fingerprint = grp.fingerprint and x.created_at > g.resolved_at)) as regression
      from grp
      cross join lateral (
        select e.error_type, e.error_category, e.error_message
          from public.error_logs e
         where e.fingerprint = grp.fingerprint and ${errorFilterSql(f)}
         order by e.created_at desc
         limit 1) latest
      left join public.error_groups g on g.fingerprint = grp.fingerprint
     order by grp.last_seen desc, grp.fingerprint desc`)) as unknown as Array<{
    fingerprint: string; error_type: string; error_category: string; sample: string; n: string; unresolved: string;
    users: string; first_seen: Date; last_seen: Date; last_seen_text: string; worst: number; message: string;
    note: string | null; note_at: Date | null; group_resolved_at: Date | null; regression: boolean;
  }>;
  const more = rows.length > opts.size;
  const page = rows.slice(0, opts.size);

  // Sparklines: per-day counts of the page's groups over the range.
  const days = Math.max(1, Math.round((range.to.getTime() - range.from.getTime()) / DAY));
  const spark = new Map<string, number[]>(page.map((r) => [r.fingerprint, Array(Math.min(days, 90)).fill(0)]));
  if (page.length) {
    const sparkFrom = new Date(range.to.getTime() - Math.min(days, 90) * DAY);
    const counts = (await tx.execute(sql`
      select e.fingerprint, floor(extract(epoch from (e.created_at - ${sparkFrom.toISOString()}::timestamptz)) / 86400)::int as d, count(*)::int as n
        from public.error_logs e
       where e.fingerprint = any(${pgArray(page.map((r) => r.fingerprint))}::text[])
         and ${errorFilterSql(f, { range: { from: sparkFrom, to: range.to } })}
       group by 1, 2`)) as unknown as { fingerprint: string; d: number; n: number }[];
    for (const c of counts) {
      const arr = spark.get(c.fingerprint);
      if (arr && c.d >= 0 && c.d < arr.length) arr[c.d] = c.n;
    }
  }

  return {
    rows: page.map((r) => ({
      fingerprint: r.fingerprint,
      errorType: r.error_type,
      errorCategory: r.error_category,
      message: r.message,
      sample: r.sample.slice(0, 500),
      count: Number(r.n),
      unresolved: Number(r.unresolved),
      users: Number(r.users),
      firstSeen: iso(r.first_seen),
      lastSeen: iso(r.last_seen),
      worstSeverity: SEVERITIES[Math.max(0, Number(r.worst) - 1)] ?? "error",
      note: r.note,
      noteAt: isoOrNull(r.note_at),
      resolvedAt: isoOrNull(r.group_resolved_at),
      regression: Boolean(r.regression),
      spark: spark.get(r.fingerprint) ?? [],
    })),
    next: more && page.length ? { lastSeen: page[page.length - 1].last_seen_text, fingerprint: page[page.length - 1].fingerprint } : null,
  };
}

// ---------------------------------------------------------------------------
// Detail
// ---------------------------------------------------------------------------
export async function getErrorLog(tx: Tx, id: string): Promise<ErrorLogDetail | null> {
  const [r] = (await tx.execute(sql`
    select e.id, e.user_id, p.email as user_email, e.error_type, e.error_category, e.error_message, e.request_path,
           e.request_method, e.severity, e.resolved, e.resolved_at, e.created_at, e.fingerprint, e.error_details,
           e.user_agent, e.ip_address, e.session_id, e.resolved_by, rb.email as resolved_by_email, e.resolution_notes,
           g.resolution_notes as group_note, g.resolved_at as group_resolved_at, null as cursor_value
      from public.error_logs e
      left join public.profiles p on p.id = e.user_id
      left join public.profiles rb on rb.id = e.resolved_by
      left join public.error_groups g on g.fingerprint = e.fingerprint
     where e.id = ${id}::uuid`)) as unknown as Array<
    RawRow & {
      error_details: unknown; user_agent: string | null; ip_address: string | null; session_id: string | null;
      resolved_by: string | null; resolved_by_email: string | null; resolution_notes: string | null;
      group_note: string | null; group_resolved_at: Date | null;
    }
  >;
  if (!r) return null;
  return {
    ...toRow(r),
    errorMessage: r.error_message,
    errorDetails: r.error_details,
    userAgent: r.user_agent,
    ipAddress: r.ip_address,
    sessionId: r.session_id,
    resolvedBy: r.resolved_by,
    resolvedByEmail: r.resolved_by_email,
    resolutionNotes: r.resolution_notes,
    groupNote: r.group_note,
    groupResolvedAt: isoOrNull(r.group_resolved_at),
  };
}

/** A correlation id an error carries in its details, if any (`correlation_id` / `correlationId`). */
export function correlationOf(details: unknown): string | null {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  const ctx = (d.context && typeof d.context === "object" ? d.context : {}) as Record<string, unknown>;
  const v = d.correlation_id ?? d.correlationId ?? ctx.correlation_id ?? ctx.correlationId;
  return typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : null;
}
