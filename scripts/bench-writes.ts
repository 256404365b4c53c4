/**
 * npm run bench:writes — the write path the platform pays (issue 24, item 2).
 *
 * The agent platform inserts usage_logs and error_logs rows all day, and every insert statement
 * also maintains the rollups through statement-level AFTER INSERT triggers:
 *   usage_logs: usage_logs_rollup_insert (usage_rollup_insert_apply: usage_rollup_hourly, per user and
 *               all users, usage_rollup_daily's 24 windows per hour, usage_rollup_user_daily) and
 *               usage_logs_user_block_insert (usage_rollup_user_block_insert_apply: 9 block sizes)
 *               (supabase/migrations/20251125000045_usage.sql, 20251125001900_usage_rollup_writes.sql:
 *               static SQL, all-users rows split over the writing transactions' shards, which the
 *               correctness check sums per key as the readers do);
 *   error_logs: error_counts_insert (error_counts_apply: error_rollup_daily)
 *               (supabase/migrations/20251125000050_errors_activity.sql).
 *
 * On a durable throwaway Postgres (fsync, synchronous_commit, full_page_writes on, as Supabase
 * runs it; the settings are printed first) it loads the 10,000 bench users and a base of
 * BENCH_WRITES_USAGE_ROWS usage_logs and BENCH_WRITES_ERROR_ROWS error_logs (default 500,000
 * each) over 90 days the way bench:usage and bench:logs do (triggers off, indexes rebuilt, then
 * rebuild_usage_rollups() / rebuild_error_counts(), VACUUM ANALYZE, CHECKPOINT). Not millions:
 * with 10,000 users nearly every usage row is its own per-user hour, so the per-user blocks are ~8
 * rows per usage row and rebuild_usage_rollups() alone takes minutes per million rows on two cores.
 *
 * Writes: after an untimed warm-up, per table and mode, BENCH_WRITES_WRITERS concurrent writers
 * (one connection each) insert for BENCH_WRITES_SECONDS as the platform's server does: login
 * `authenticator`, role `service_role` (what PostgREST runs a service-key request as: BYPASSRLS,
 * so RLS is not in the path, the triggers are), request_timestamp / created_at = now(). Modes: one
 * row per autocommit statement (the system log writer's statement shape,
 * lib/logging/system-log.ts) and BENCH_WRITES_BATCH rows per statement (jsonb_to_recordset,
 * PostgREST's bulk-insert shape). Each is timed with the rollup triggers on and with only those
 * triggers disabled (ALTER TABLE ... DISABLE TRIGGER; the rows written without them are then
 * deleted with triggers off, so the rollups stay exact, and the triggers re-enabled). Printed:
 * rows/s on and off, the ratio off/on against the target (<= 2x: MET / MISSED), statement
 * latency, time in each trigger function (pg_stat_user_functions, track_functions = pl), WAL per
 * row, and what the writers wait on (pg_stat_activity sampled every 20 ms: row-lock waits on
 * rollup rows that concurrent writers share show as Lock:transactionid / Lock:tuple).
 *
 * Reads: before and after the churn (after it without any VACUUM or ANALYZE by the bench;
 * autovacuum runs as it likes), the dashboards through the app's own query functions
 * (lib/db/queries/*) and runAs, as bench:usage / bench:logs do, for the default 30-day view:
 * /admin/usage and /admin/errors as admins (drawn among the first ten bench users), /usage and
 * /usage/errors as users (drawn among the others); p50 / p95 over BENCH_RUNS runs, every run its
 * own viewer (BENCH_SEED, printed; every pass draws the same viewers). After the churn each p95 is
 * judged against 50 ms (the target of bench:usage and bench:logs; for /admin/errors each query, as
 * bench:logs judges it).
 *
 * Correctness, once, after the churn: every rollup row the churn could have touched, rebuilt from
 * the base rows by the migration's own SQL builders and compared row by row, plus every rollup's
 * totals against the base tables (checkRollups). Exits 1 when they differ; otherwise a benchmark:
 * it prints figures and exits 0. Last, informational, the same reads after a VACUUM ANALYZE, to
 * tell what the churn left behind from the machine's noise.
 *
 * lib/db/queries/* import "server-only", which only resolves under the react-server condition:
 * without it the script runs itself again with --conditions=react-server.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";

if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const child = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.exit(child.status ?? 1);
}

const { drizzle } = await import("drizzle-orm/postgres-js");
const { default: postgres } = await import("postgres");
const { runAs } = await import("../lib/db/run-as");
const { resolveUsageRange, usageSeries, usageTopUsers, ownUsageSummary } = await import("../lib/db/queries/usage");
const { countErrorsBySeverity, errorSeries, listErrorLogs, planErrorSearch } = await import("../lib/db/queries/error-logs");
const { errorsTableParams, parseErrorFilter } = await import("../lib/validation/error-logs");
const { startThrowawayPostgres } = await import("../tooling/local-postgres");
const { insertErrorLogs, insertUsageLogs } = await import("../tooling/bench-loaders");
const { BENCH_RUNS, BENCH_SEED, WARMUPS, Verdicts, benchUserId, loadBenchUsers, ms, percentile, printBenchHeader, randInt, rngFor, seededRandom } =
  await import("../tooling/bench");
const { connect, migrateDatabase } = await import("../tooling/migrate");

type Sql = import("postgres").Sql;
type ReservedSql = import("postgres").ReservedSql;
type TransactionSql = import("postgres").TransactionSql;
type Db = import("../lib/db/run-as").Db;
type Tx = import("../lib/db/run-as").Tx;
type VerifiedClaims = import("../lib/db/run-as").VerifiedClaims;
type Rng = import("../tooling/bench").Rng;

const num = (name: string, dflt: number) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
};
const USERS = num("BENCH_USERS", 10_000);
/** loadBenchUsers makes bench-user-1 .. bench-user-10 ADMINs; admin viewers are drawn among them. */
const ADMINS = 10;
const USAGE_ROWS = num("BENCH_WRITES_USAGE_ROWS", 500_000);
const ERROR_ROWS = num("BENCH_WRITES_ERROR_ROWS", 500_000);
const WRITERS = num("BENCH_WRITES_WRITERS", 8);
const BATCH = num("BENCH_WRITES_BATCH", 100);
const SECONDS = num("BENCH_WRITES_SECONDS", 15);
const WARMUP_SECONDS = Math.min(5, SECONDS);
const TZ = process.env.BENCH_TZ ?? "America/New_York";
const DAYS = 90;
const TARGET_RATIO = 2;
const TARGET_READ_MS = 50;

const log = (l: string) => console.log(l);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

// -------------------------------------------------------------------------------------------
// The base: bench:usage's and bench:logs' loaders (triggers off, indexes rebuilt, rollups
// rebuilt once, vacuum analyze), over 90 days up to now.
// -------------------------------------------------------------------------------------------
async function loadUsageBase(admin: Sql) {
  const t0 = performance.now();
  await insertUsageLogs(admin, { first: 1, last: USAGE_ROWS, users: USERS, days: DAYS });
  log(`  usage_logs: ${fmt(USAGE_ROWS)} rows in ${ms(performance.now() - t0)}`);
  const t1 = performance.now();
  const [r] = await admin`select public.rebuild_usage_rollups() as n`;
  log(`  rebuild_usage_rollups(): ${fmt(Number(r.n))} hourly rows in ${ms(performance.now() - t1)}`);
}

async function loadErrorBase(admin: Sql) {
  const t0 = performance.now();
  await insertErrorLogs(admin, { rows: ERROR_ROWS, users: USERS, days: DAYS });
  log(`  error_logs: ${fmt(ERROR_ROWS)} rows in ${ms(performance.now() - t0)}`);
  const t1 = performance.now();
  const [r] = await admin`select public.rebuild_error_counts() as n`;
  log(`  rebuild_error_counts(): ${fmt(Number(r.n))} rollup rows in ${ms(performance.now() - t1)}`);
}

// -------------------------------------------------------------------------------------------
// The platform's rows: drawn per writer from the seeded PRNG, shaped like the base.
// -------------------------------------------------------------------------------------------
const AGENTS = ["chat_model_agent", "provider_tools_agent", "document_agent", "python_agent", "mermaid_agent", "git_mcp_agent"];
const MODELS = [
  ["gemini-2.0-flash", "google"],
  ["gpt-4o", "openai"],
  ["claude-3-5-sonnet-20241022", "anthropic"],
  ["bench-unpriced-model", "mistral"],
];
const ERROR_TYPES = ["api", "app", "auth", "system", "permission", "user", "admin"];
const ERROR_KINDS = [
  ["timeout", "Upstream timed out after # ms"],
  ["rate_limit", "Rate limit exceeded for agent #"],
  ["validation", 'Field "x#" is required'],
  ["database", "Query canceled after # ms"],
  ["network", "fetch failed: ECONNRESET on port #"],
  ["render", "Cannot read properties of undefined (reading #)"],
  ["quota", "Quota of # requests reached"],
];
const PATHS = ["/api/chat", "/api/document", "/api/files/upload", "/admin/settings"];
const SEVERITY_MIX = ["info", "warning", "warning", "error", "error", "error", "error", "critical"];

type UsageRow = {
  user_id: string; agent_type: string; model_used: string; provider: string;
  input_tokens: number; output_tokens: number; total_tokens: number;
  input_cost: string | null; output_cost: string | null; total_cost: string | null;
  duration_ms: number; metadata: { bench: string; writer: number };
};
type ErrorRow = {
  user_id: string | null; error_type: string; error_category: string; error_message: string;
  error_details: { stack: string; bench: string }; request_path: string; request_method: string;
  user_agent: string; ip_address: string; session_id: string | null; severity: string;
};

function usageRow(rnd: Rng, users: string[], label: string, writer: number): UsageRow {
  const [model, provider] = MODELS[Math.floor(rnd() * MODELS.length)];
  const input = Math.floor(rnd() * 5000);
  const output = Math.floor(rnd() * 3000);
  const costed = rnd() < 0.7; // 70 % with a recorded cost, as the base
  const ic = input / 1e6;
  const oc = (output / 1e6) * 4;
  return {
    user_id: users[Math.floor(rnd() * users.length)],
    agent_type: AGENTS[Math.floor(rnd() * AGENTS.length)],
    model_used: model,
    provider,
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    input_cost: costed ? ic.toFixed(6) : null,
    output_cost: costed ? oc.toFixed(6) : null,
    total_cost: costed ? (ic + oc).toFixed(6) : null,
    duration_ms: 200 + Math.floor(rnd() * 5000),
    metadata: { bench: label, writer },
  };
}

function errorRow(rnd: Rng, users: string[], label: string): ErrorRow {
  const [category, msg] = ERROR_KINDS[Math.floor(rnd() * ERROR_KINDS.length)];
  const withUser = rnd() < 0.8;
  return {
    user_id: withUser ? users[Math.floor(rnd() * users.length)] : null,
    error_type: ERROR_TYPES[Math.floor(rnd() * ERROR_TYPES.length)],
    error_category: category,
    error_message: msg.replace("#", String(Math.floor(rnd() * 9973))),
    error_details: { stack: `Error: ${category}\n    at handler (app/api/route.ts:${Math.floor(rnd() * 300)}:7)`, bench: label },
    request_path: PATHS[Math.floor(rnd() * PATHS.length)],
    request_method: "POST",
    user_agent: "agent-platform/1.0 (node)",
    ip_address: `10.0.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`,
    session_id: withUser ? `sess_${Math.floor(rnd() * 1e9).toString(16)}` : null,
    severity: SEVERITY_MIX[Math.floor(rnd() * SEVERITY_MIX.length)],
  };
}

// Single rows: one autocommit INSERT ... VALUES per row (the system log writer's statement).
// Batches: one INSERT ... SELECT FROM jsonb_to_recordset per BATCH rows (PostgREST's bulk insert).
async function insertUsage(c: ReservedSql, rows: UsageRow[]) {
  if (rows.length === 1) {
    const r = rows[0];
    await c`insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens,
                                           input_cost, output_cost, total_cost, duration_ms, metadata)
            values (${r.user_id}::uuid, ${r.agent_type}, ${r.model_used}, ${r.provider}, ${r.input_tokens}, ${r.output_tokens},
                    ${r.total_tokens}, ${r.input_cost}::numeric, ${r.output_cost}::numeric, ${r.total_cost}::numeric, ${r.duration_ms},
                    ${c.json(r.metadata)})`;
    return;
  }
  await c`insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens,
                                         input_cost, output_cost, total_cost, duration_ms, metadata)
          select user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens,
                 input_cost, output_cost, total_cost, duration_ms, metadata
            from jsonb_to_recordset(${c.json(rows)}) as x(user_id uuid, agent_type varchar, model_used varchar, provider varchar,
                 input_tokens int, output_tokens int, total_tokens int, input_cost numeric, output_cost numeric, total_cost numeric,
                 duration_ms int, metadata jsonb)`;
}

async function insertErrors(c: ReservedSql, rows: ErrorRow[]) {
  if (rows.length === 1) {
    const r = rows[0];
    await c`insert into public.error_logs (user_id, error_type, error_category, error_message, error_details, request_path,
                                           request_method, user_agent, ip_address, session_id, severity)
            values (${r.user_id}::uuid, ${r.error_type}, ${r.error_category}, ${r.error_message}, ${c.json(r.error_details)},
                    ${r.request_path}, ${r.request_method}, ${r.user_agent}, ${r.ip_address}, ${r.session_id}, ${r.severity})`;
    return;
  }
  await c`insert into public.error_logs (user_id, error_type, error_category, error_message, error_details, request_path,
                                         request_method, user_agent, ip_address, session_id, severity)
          select user_id, error_type, error_category, error_message, error_details, request_path, request_method, user_agent,
                 ip_address, session_id, severity
            from jsonb_to_recordset(${c.json(rows)}) as x(user_id uuid, error_type varchar, error_category varchar,
                 error_message text, error_details jsonb, request_path varchar, request_method varchar, user_agent text,
                 ip_address varchar, session_id varchar, severity varchar)`;
}

// -------------------------------------------------------------------------------------------
// One timed phase: WRITERS connections insert for SECONDS; stats around it.
// -------------------------------------------------------------------------------------------
type Table = "usage_logs" | "error_logs";
type Mode = "single" | "batch";
const ROLLUP_TRIGGERS: Record<Table, string[]> = {
  usage_logs: ["usage_logs_rollup_insert", "usage_logs_user_block_insert"],
  error_logs: ["error_counts_insert"],
};
// 20251125001900: the INSERT triggers run usage_rollup_insert_apply / usage_rollup_user_block_insert_apply
const TRACKED_FUNCTIONS = ["usage_rollup_insert_apply", "usage_rollup_user_block_insert_apply", "usage_rollup_apply",
  "usage_rollup_user_block_apply", "error_counts_apply", "validate_user_id"];

type FnStats = Map<string, { calls: number; total: number }>;
type Phase = {
  rows: number;
  statements: number;
  seconds: number;
  rowsPerSec: number;
  latP50: number;
  latP95: number;
  waits: [string, number][];
  fns: FnStats;
  walBytesPerRow: number;
  fpiPerRow: number;
};

async function functionStats(admin: Sql): Promise<FnStats> {
  const rows = await admin<{ funcname: string; calls: string; total_time: number }[]>`
    select funcname, calls, total_time from pg_stat_user_functions where schemaname = 'public' and funcname = any(${TRACKED_FUNCTIONS})`;
  return new Map(rows.map((r) => [r.funcname, { calls: Number(r.calls), total: Number(r.total_time) }]));
}

async function walStats(admin: Sql): Promise<{ bytes: number; fpi: number }> {
  const [r] = await admin<{ wal_bytes: string; wal_fpi: string }[]>`select wal_bytes::text, wal_fpi::text from pg_stat_wal`;
  return { bytes: Number(r.wal_bytes), fpi: Number(r.wal_fpi) };
}

/** Samples the writers' state every 20 ms until `stop` resolves: what they wait on, in shares. */
async function sampleWaits(sampler: Sql, isDone: () => boolean): Promise<[string, number][]> {
  const counts = new Map<string, number>();
  let total = 0;
  while (!isDone()) {
    const rows = await sampler<{ state: string | null; wait_event_type: string | null; wait_event: string | null }[]>`
      select state, wait_event_type, wait_event from pg_stat_activity where application_name = 'bench-writer'`;
    for (const r of rows) {
      const key = r.state !== "active" ? "idle in client (between statements)"
        : r.wait_event_type ? `${r.wait_event_type}:${r.wait_event}` : "running (CPU)";
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
    }
    await sleep(20);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, n / Math.max(total, 1)]);
}

async function runPhase(
  admin: Sql, sampler: Sql, writers: ReservedSql[], users: string[],
  table: Table, mode: Mode, triggers: boolean, seed: number, seconds: number,
): Promise<Phase> {
  const label = `${table}-${mode}-${triggers ? "on" : "off"}`;
  const size = mode === "single" ? 1 : BATCH;
  if (!triggers) {
    await admin.unsafe(`alter table public.${table} ${ROLLUP_TRIGGERS[table].map((t) => `disable trigger ${t}`).join(", ")}`);
  }
  const fn0 = await functionStats(admin);
  const wal0 = await walStats(admin);
  const deadline = performance.now() + seconds * 1000;
  let done = false;
  const sampling = sampleWaits(sampler, () => done);
  const t0 = performance.now();
  const per = await Promise.all(writers.map(async (c, w) => {
    const rnd = seededRandom((seed * 31 + w) >>> 0);
    const lat: number[] = [];
    let rows = 0;
    while (performance.now() < deadline) {
      const t = performance.now();
      if (table === "usage_logs") await insertUsage(c, Array.from({ length: size }, () => usageRow(rnd, users, label, w)));
      else await insertErrors(c, Array.from({ length: size }, () => errorRow(rnd, users, label)));
      lat.push(performance.now() - t);
      rows += size;
    }
    return { rows, lat, end: performance.now() };
  }));
  const elapsed = (Math.max(...per.map((p) => p.end)) - t0) / 1000;
  done = true;
  const waits = await sampling;
  // every writer's pending statistics into the shared ones before reading them
  await Promise.all(writers.map((c) => c`select pg_stat_force_next_flush()`));
  await sleep(50);
  const fn1 = await functionStats(admin);
  const wal1 = await walStats(admin);
  const fns: FnStats = new Map();
  for (const [name, s] of fn1) {
    const before = fn0.get(name) ?? { calls: 0, total: 0 };
    if (s.calls > before.calls) fns.set(name, { calls: s.calls - before.calls, total: s.total - before.total });
  }
  if (!triggers) {
    // Rows the rollups never saw: delete them without any trigger, so the rollups stay exact.
    const detail = table === "usage_logs" ? "metadata" : "error_details";
    await admin.begin(async (tx) => {
      await tx.unsafe(`set local session_replication_role = replica`);
      await tx.unsafe(`delete from public.${table} where ${detail} ->> 'bench' = '${label}'`);
    });
    await admin.unsafe(`alter table public.${table} ${ROLLUP_TRIGGERS[table].map((t) => `enable trigger ${t}`).join(", ")}`);
  }
  const lat = per.flatMap((p) => p.lat);
  const rows = per.reduce((a, p) => a + p.rows, 0);
  return {
    rows,
    statements: lat.length,
    seconds: elapsed,
    rowsPerSec: rows / elapsed,
    latP50: percentile(lat, 50),
    latP95: percentile(lat, 95),
    waits,
    fns,
    walBytesPerRow: (wal1.bytes - wal0.bytes) / rows,
    fpiPerRow: (wal1.fpi - wal0.fpi) / rows,
  };
}

function printPhase(name: string, p: Phase) {
  const share = (total: number) => `${((100 * total) / (WRITERS * p.seconds * 1000)).toFixed(0)}% of writer time`;
  log(`  ${name.padEnd(14)} ${fmt(p.rowsPerSec).padStart(9)} rows/s  (${fmt(p.rows)} rows, ${fmt(p.statements)} statements in ${p.seconds.toFixed(1)} s; ` +
    `statement p50 ${ms(p.latP50)}, p95 ${ms(p.latP95)}; WAL ${fmt(p.walBytesPerRow)} B/row, ${p.fpiPerRow.toFixed(2)} full-page images/row)`);
  const fnText = [...p.fns.entries()].map(([f, s]) => `${f} ${(s.total / s.calls).toFixed(2)} ms/call x ${fmt(s.calls)} (${share(s.total)})`).join("; ");
  if (fnText) log(`  ${"".padEnd(14)} trigger functions: ${fnText}`);
  log(`  ${"".padEnd(14)} writers: ${p.waits.slice(0, 5).map(([k, s]) => `${k} ${(s * 100).toFixed(0)}%`).join(", ")}`);
}

// -------------------------------------------------------------------------------------------
// The dashboards' reads, as the pages run them (lib/usage/dashboard.ts, the error pages).
// -------------------------------------------------------------------------------------------
type ReadCase = { name: string; who: "admin" | "user"; run: (db: Db, viewer: VerifiedClaims) => Promise<Record<string, number>> };

const timed = async <T,>(parts: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const r = await fn();
  parts[name] = performance.now() - t;
  return r;
};

const READS: ReadCase[] = [
  {
    // loadUsageDashboard(..., { topUsers: true }) for the 30-day default view: range, then four queries in parallel
    name: "/admin/usage 30 days (range + 4 queries in parallel)",
    who: "admin",
    run: async (db, v) => {
      const parts: Record<string, number> = {};
      const t0 = performance.now();
      const as = <T,>(fn: (tx: Tx) => Promise<T>) => runAs(db, v, fn);
      const range = await as((tx) => resolveUsageRange(tx, { range: "30d", from: undefined, to: undefined }, TZ));
      await Promise.all([
        timed(parts, "series", () => as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: range.bucket, tz: TZ, group: "agent" }))),
        timed(parts, "by model", () => as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: "all", tz: TZ, group: "model", latency: false }))),
        timed(parts, "previous", () => as((tx) => usageSeries(tx, { from: range.prevFrom, to: range.prevTo, bucket: "all", tz: TZ, group: "model" }))),
        timed(parts, "top users", () => as((tx) => usageTopUsers(tx, { from: range.from, to: range.to, limit: 10 }))),
      ]);
      parts.page = performance.now() - t0;
      return parts;
    },
  },
  {
    // /usage: loadUsageDashboard(viewer, { user: viewer.id }, { topUsers: false }), then the own summary
    name: "/usage 30 days (range + 3 queries in parallel + own summary)",
    who: "user",
    run: async (db, v) => {
      const parts: Record<string, number> = {};
      const t0 = performance.now();
      const as = <T,>(fn: (tx: Tx) => Promise<T>) => runAs(db, v, fn);
      const user = v.sub;
      const range = await as((tx) => resolveUsageRange(tx, { range: "30d", from: undefined, to: undefined }, TZ));
      await Promise.all([
        timed(parts, "series", () => as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: range.bucket, tz: TZ, group: "agent", user }))),
        timed(parts, "by model", () => as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: "all", tz: TZ, group: "model", user, latency: false }))),
        timed(parts, "previous", () => as((tx) => usageSeries(tx, { from: range.prevFrom, to: range.prevTo, bucket: "all", tz: TZ, group: "model", user }))),
      ]);
      await timed(parts, "own summary", () => as((tx) => ownUsageSummary(tx, range.firstDay, range.lastDay)));
      parts.page = performance.now() - t0;
      return parts;
    },
  },
  {
    // /admin/errors, default view: one transaction, its queries one after another as the page runs them
    name: "/admin/errors last 30 days (counts, chart, first page)",
    who: "admin",
    run: async (db, v) => {
      const parts: Record<string, number> = {};
      const t0 = performance.now();
      const query = errorsTableParams.parse({});
      await runAs(db, v, async (tx) => {
        const filter = await planErrorSearch(tx, parseErrorFilter({}));
        await timed(parts, "counts", () => countErrorsBySeverity(tx, filter, { admin: true }));
        await timed(parts, "chart", () => errorSeries(tx, filter, { admin: true }));
        await timed(parts, "first page", () => listErrorLogs(tx, { ...filter, sort: query.sort, cursor: query.cursor, size: query.size }));
      });
      parts.page = performance.now() - t0;
      return parts;
    },
  },
  {
    // /usage/errors: the viewer's own errors, first page
    name: "/usage/errors (own errors, first page)",
    who: "user",
    run: async (db, v) => {
      const t0 = performance.now();
      const query = errorsTableParams.parse({});
      await runAs(db, v, (tx) => listErrorLogs(tx, { ...parseErrorFilter({}), user: v.sub, sort: query.sort, cursor: query.cursor, size: query.size }));
      return { page: performance.now() - t0 };
    },
  },
];

type ReadResult = { name: string; p50: number; p95: number; parts: [string, number, number][] };

/**
 * Every dashboard, BENCH_RUNS timed runs after the warm-ups, each run with its own viewer: an admin
 * among the first ten bench users, or a user among the others, drawn by rngFor(the dashboard's
 * name), so every pass (before, after the churn, after vacuum) draws the very same viewers.
 */
async function measureReads(db: Db): Promise<ReadResult[]> {
  const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: `${sub}@example.com` });
  const out: ReadResult[] = [];
  for (const c of READS) {
    const rng = rngFor(`bench:writes ${c.name}`);
    const viewer = () => claims(benchUserId(c.who === "admin" ? randInt(rng, 1, ADMINS) : randInt(rng, ADMINS + 1, USERS)));
    for (let i = 0; i < WARMUPS; i++) await c.run(db, viewer());
    const samples: Record<string, number>[] = [];
    for (let i = 0; i < BENCH_RUNS; i++) samples.push(await c.run(db, viewer()));
    const keys = Object.keys(samples[0]).filter((k) => k !== "page");
    const pages = samples.map((s) => s.page);
    out.push({
      name: c.name,
      p50: percentile(pages, 50),
      p95: percentile(pages, 95),
      parts: keys.map((k) => [k, percentile(samples.map((s) => s[k]), 50), percentile(samples.map((s) => s[k]), 95)]),
    });
  }
  return out;
}

/** Prints a pass; with `verdicts`, judges each page's p95 (for /admin/errors each query's, as bench:logs does) against 50 ms. */
function printReads(rs: ReadResult[], verdicts?: InstanceType<typeof Verdicts>) {
  for (const r of rs) {
    const perQuery = r.name.startsWith("/admin/errors");
    const judged = verdicts && !perQuery
      ? `  ${verdicts.judge(`${r.name} after the churn, p95`, ms(r.p95), `< ${TARGET_READ_MS} ms`, r.p95 < TARGET_READ_MS)}`
      : "";
    log(`  ${r.name.padEnd(62)} p50 ${ms(r.p50).padStart(10)}  p95 ${ms(r.p95).padStart(10)}${judged}`);
    if (!r.parts.length) continue;
    log(`  ${"".padEnd(4)}${r.parts.map(([k, p50, p95]) => {
      const v = verdicts && perQuery ? ` ${verdicts.judge(`${r.name.split(" ")[0]} ${k} after the churn, p95`, ms(p95), `< ${TARGET_READ_MS} ms`, p95 < TARGET_READ_MS)}` : "";
      return `${k} ${p50.toFixed(1)}/${p95.toFixed(1)} ms${v}`;
    }).join(", ")}  (p50/p95)`);
  }
}

// -------------------------------------------------------------------------------------------
// Rollup tables: sizes, and exactness against a rebuild from the base tables.
// -------------------------------------------------------------------------------------------
const ROLLUPS = ["usage_rollup_hourly", "usage_rollup_daily", "usage_rollup_user_daily", "usage_rollup_user_block", "error_rollup_daily"];

async function rollupSizes(admin: Sql): Promise<string> {
  const rows = await admin<{ relname: string; live: string; dead: string; size: string }[]>`
    select relname, n_live_tup::text as live, n_dead_tup::text as dead, pg_size_pretty(pg_total_relation_size(relid)) as size
      from pg_stat_user_tables where schemaname = 'public' and relname = any(${ROLLUPS}) order by relname`;
  return rows.map((r) => `${r.relname} ${fmt(Number(r.live))} live / ${fmt(Number(r.dead))} dead, ${r.size}`).join("; ");
}

class Rollback extends Error {}

/**
 * Every rollup row the churn could have touched, row by row, against the migration's own builders
 * run over the base rows: the triggers of an INSERT touch the hour of its rows, the 24 daily
 * windows and the UTC day around it, and the per-user blocks holding it, so every rollup row that
 * starts at or after `start` (the first hour of the largest block, 512 hours, holding the churn,
 * and at least 23 hours before it) is rebuilt from the base rows since `start` with
 * usage_rollup_delta_sql / usage_rollup_daily_sql / usage_block_sql (what
 * rebuild_usage_rollups() runs) and the rebuild_error_counts() query, compared with EXCEPT ALL
 * both ways, and the rebuild rolled back. (A full rebuild_usage_rollups() of the whole base takes
 * longer than the rest of the bench.) Then every rollup's totals over all its rows against the
 * base tables.
 */
async function checkRollups(admin: Sql, churnStart: Date): Promise<boolean> {
  let ok = true;
  const compare = async (tx: TransactionSql, name: string, live: string, rebuilt: string) => {
    const [r] = await tx.unsafe(`
      select (select count(*) from (${live} except all ${rebuilt}) a)::int as only_live,
             (select count(*) from (${rebuilt} except all ${live}) b)::int as only_rebuilt,
             (select count(*) from (${live}) c)::int as n`);
    const same = r.only_live === 0 && r.only_rebuilt === 0;
    ok &&= same;
    log(`  ${name.padEnd(24)} ${fmt(r.n).padStart(10)} rows: ${same ? "equal" : `DIFFERENT (${r.only_live} rows only as the triggers left them, ${r.only_rebuilt} only in the rebuild)`}`);
  };
  const t0 = performance.now();
  try {
    await admin.begin(async (tx) => {
      const origin = `timestamptz '2000-01-01 00:00:00+00'`;
      await tx.unsafe(`
        create temp table bench_win on commit drop as
          select least(h0 - interval '23 hours', date_bin('512 hours', h0, ${origin})) as start
            from (select date_bin('1 hour', '${churnStart.toISOString()}'::timestamptz, ${origin}) as h0) x`);
      const [w] = await tx.unsafe(`select start::text as start from bench_win`);
      log(`  rollup rows from ${w.start} on (every row the churn could touch), rebuilt from the base rows and compared:`);
      const since = `(select start from bench_win)`;
      const [{ delta }] = await tx.unsafe(`select public.usage_rollup_delta_sql($1) as delta`,
        [`select 1::bigint as sign, u.* from public.usage_logs u where u.request_timestamp >= ${since}`]);
      // rebuild_usage_rollups()'s hourly insert, into a scratch table
      await tx.unsafe(`
        create temp table bench_hourly on commit drop as
        select bucket_start, user_id, agent_type, model_used, provider,
               calls, input_tokens, output_tokens, total_tokens, recorded_cost,
               coalesce(cost_rows, 0) as cost_rows, coalesce(uncosted_calls, 0) as uncosted_calls,
               coalesce(uncosted_input_tokens, 0) as uncosted_input_tokens, coalesce(uncosted_output_tokens, 0) as uncosted_output_tokens,
               coalesce(uncosted_tokens, 0) as uncosted_tokens, coalesce(duration_ms_sum, 0) as duration_ms_sum,
               coalesce(duration_calls, 0) as duration_calls, duration_hist
          from (${delta}) a`);
      // the all-users rows of usage_rollup_hourly and usage_rollup_daily are split over the writers' shards
      // (20251125001900_usage_rollup_writes.sql): compared as readers see them, summed per key
      const measures = [...["calls", "input_tokens", "output_tokens", "total_tokens", "recorded_cost", "cost_rows", "uncosted_calls",
        "uncosted_input_tokens", "uncosted_output_tokens", "uncosted_tokens", "duration_ms_sum", "duration_calls"].map((c) => `sum(${c}) as ${c}`),
        "public.usage_hist_sum(duration_hist) as duration_hist"].join(", ");
      const cols = (t: string) =>
        t === "usage_rollup_hourly" ? `select bucket_start, user_id, agent_type, model_used, provider, ${measures} from public.${t}`
        : t === "usage_rollup_daily" ? `select day_start, agent_type, model_used, provider, ${measures} from public.${t}`
        : `select * from public.${t}`;
      const grouped = (t: string, where: string) =>
        t === "usage_rollup_hourly" ? `${cols(t)} where ${where} group by 1, 2, 3, 4, 5`
        : t === "usage_rollup_daily" ? `${cols(t)} where ${where} group by 1, 2, 3, 4`
        : `${cols(t)} where ${where}`;
      await compare(tx, "usage_rollup_hourly", grouped("usage_rollup_hourly", `bucket_start >= ${since}`), `select * from bench_hourly`);
      // the daily tables and the blocks from those hours, by the migration's own SQL, in place of the live rows
      for (const [t, at] of [["usage_rollup_daily", "day_start"], ["usage_rollup_user_daily", "day_start"], ["usage_rollup_user_block", "block_start"]]) {
        await tx.unsafe(`create temp table bench_live_${t} on commit drop as ${grouped(t, `${at} >= ${since}`)}`);
      }
      await tx.unsafe(`delete from public.usage_rollup_daily where day_start >= ${since} - interval '23 hours'`);
      await tx.unsafe(`delete from public.usage_rollup_user_daily where day_start >= date_bin('1 day', ${since}, ${origin})`);
      await tx.unsafe(`delete from public.usage_rollup_user_block
                        where block_start >= date_bin(make_interval(hours => block_hours), ${since}, ${origin})`);
      const [{ daily }] = await tx.unsafe(`select public.usage_rollup_daily_sql('select * from bench_hourly', false) as daily`);
      const [{ blocks }] = await tx.unsafe(`select public.usage_block_sql('select * from bench_hourly', public.usage_block_hours(), false) as blocks`);
      await tx.unsafe(daily[0]);
      await tx.unsafe(daily[1]);
      await tx.unsafe(blocks);
      await compare(tx, "usage_rollup_daily", `select * from bench_live_usage_rollup_daily where day_start >= ${since}`,
        grouped("usage_rollup_daily", `day_start >= ${since}`));
      await compare(tx, "usage_rollup_user_daily", `select * from bench_live_usage_rollup_user_daily where day_start >= ${since}`,
        grouped("usage_rollup_user_daily", `day_start >= ${since}`));
      await compare(tx, "usage_rollup_user_block", `select * from bench_live_usage_rollup_user_block where block_start >= ${since}`,
        grouped("usage_rollup_user_block", `block_start >= ${since}`));
      // rebuild_error_counts()'s query over the same days
      const day0 = `date_trunc('day', ${since} + interval '1 day' - interval '1 microsecond', 'UTC')`;
      await compare(tx, "error_rollup_daily", `${cols("error_rollup_daily")} where bucket_start >= ${day0}`, `
        select date_trunc('day', created_at, 'UTC'), severity, error_type, error_category, resolved, count(*)
          from public.error_logs where created_at >= ${day0} group by 1, 2, 3, 4, 5`);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  // every row: each rollup (each block size, every daily window counted 24 times) sums to the base
  const [t] = await admin.unsafe(`
    with base as (select count(*) as calls, coalesce(sum(total_tokens), 0) as tokens, coalesce(sum(total_cost), 0) as cost from public.usage_logs),
    sums as (
      select 'hourly, all users' as what, sum(calls) as calls, sum(total_tokens) as tokens, sum(recorded_cost) as cost, 1 as k
        from public.usage_rollup_hourly where user_id is null
      union all select 'hourly, per user', sum(calls), sum(total_tokens), sum(recorded_cost), 1 from public.usage_rollup_hourly where user_id is not null
      union all select 'daily windows', sum(calls), sum(total_tokens), sum(recorded_cost), 24 from public.usage_rollup_daily
      union all select 'user daily', sum(calls), sum(total_tokens), sum(recorded_cost), 1 from public.usage_rollup_user_daily
      union all select 'blocks of ' || block_hours || ' h', sum(calls), sum(total_tokens), sum(recorded_cost), 1
        from public.usage_rollup_user_block group by block_hours
    )
    select (select calls from base)::text as logs,
           (select count(*) from public.error_logs)::text as errors,
           (select coalesce(sum(n), 0) from public.error_rollup_daily)::text as error_counts,
           coalesce((select string_agg(s.what, ', ') from sums s, base b
                      where s.calls is distinct from b.calls * s.k or s.tokens is distinct from b.tokens * s.k
                         or s.cost is distinct from b.cost * s.k), '') as wrong,
           (select count(*) from sums)::int as checked`);
  const totalsOk = t.wrong === "" && t.checked === 13 && t.errors === t.error_counts;
  ok &&= totalsOk;
  log(`  totals over every row: usage_logs ${fmt(Number(t.logs))} rows = calls, tokens and cost of each of the ${t.checked} usage rollups ` +
    `(the daily windows 24 times)${t.wrong ? ` — DIFFERENT: ${t.wrong}` : ""}; error_logs ${fmt(Number(t.errors))} rows = error_rollup_daily ` +
    `${fmt(Number(t.error_counts))}: ${totalsOk ? "equal" : "DIFFERENT"}`);
  log(`  checked in ${ms(performance.now() - t0)}`);
  return ok;
}

// -------------------------------------------------------------------------------------------
async function main() {
  const started = performance.now();
  const pg = await startThrowawayPostgres(undefined, { durable: true });
  let exitCode = 0;
  try {
    const adminUrl = pg.url();
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    // Time spent in each trigger function (pg_stat_user_functions); a statistics setting only.
    await admin.unsafe(`alter system set track_functions = 'pl'`);
    await admin`select pg_reload_conf()`;
    log("bench:writes — the rollup triggers' cost on the platform's inserts, and the dashboards after them");
    await printBenchHeader(log, admin, { reads: true });
    log(`Sizes: BENCH_USERS=${USERS} BENCH_WRITES_USAGE_ROWS=${USAGE_ROWS} BENCH_WRITES_ERROR_ROWS=${ERROR_ROWS} ` +
      `BENCH_WRITES_WRITERS=${WRITERS} BENCH_WRITES_BATCH=${BATCH} BENCH_WRITES_SECONDS=${SECONDS} BENCH_TZ=${TZ}; track_functions=pl`);
    const verdicts = new Verdicts();

    log("Loading the base (triggers off, then rollups rebuilt once, as bench:usage / bench:logs load):");
    const tl = performance.now();
    await loadBenchUsers(admin, USERS, { admins: ADMINS });
    log(`  ${fmt(USERS)} users`);
    await loadUsageBase(admin);
    await loadErrorBase(admin);
    const tv = performance.now();
    for (const t of ["usage_logs", "error_logs", ...ROLLUPS]) await admin.unsafe(`vacuum analyze public.${t}`);
    await admin`checkpoint`;
    log(`  vacuum analyze + checkpoint in ${ms(performance.now() - tv)}; base loaded in ${(Math.round((performance.now() - tl) / 100) / 10).toFixed(1)} s`);
    log(`  rollups: ${await rollupSizes(admin)}`);

    const users = Array.from({ length: USERS }, (_, i) => benchUserId(i + 1));
    const appClient = postgres(pg.url("postgres", "authenticator", "authenticator"), { max: 4, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;

    log("");
    log(`Dashboards before the churn (fresh rollups; ${BENCH_RUNS} runs each, viewers drawn with seed ${BENCH_SEED}; no verdict):`);
    const before = await measureReads(app);
    printReads(before);

    // The platform's writers: login authenticator, role service_role (as PostgREST runs a service-key request).
    const writerPool = postgres(pg.url("postgres", "authenticator", "authenticator"), {
      max: WRITERS, onnotice: () => {}, connection: { application_name: "bench-writer" },
    });
    const writers: ReservedSql[] = [];
    for (let i = 0; i < WRITERS; i++) {
      const c = await writerPool.reserve();
      await c`set role service_role`;
      writers.push(c);
    }
    const [{ role, rls }] = await writers[0]<{ role: string; rls: boolean }[]>`
      select current_user as role, rolbypassrls as rls from pg_roles where rolname = current_user`;
    const sampler = connect(adminUrl, 1);

    log("");
    log(`Writes: ${WRITERS} writers (one connection each) as ${role} (bypassrls ${rls}), ${SECONDS} s per phase; ` +
      `rollup triggers off = ALTER TABLE ... DISABLE TRIGGER ${Object.values(ROLLUP_TRIGGERS).flat().join(", ")} (other triggers stay on)`);
    // The churn starts here: every rollup row from this hour's windows on is checked at the end.
    const [{ now: churnStart }] = await admin<{ now: Date }[]>`select now()`;
    // Untimed warm-up (triggers on, single rows): the first writes after the load's checkpoint pay
    // its full-page images and cold caches, which should not all land on the first timed phase.
    for (const table of ["usage_logs", "error_logs"] as Table[]) {
      const p = await runPhase(admin, sampler, writers, users, table, "single", true, BENCH_SEED - 1, WARMUP_SECONDS);
      log(`  warm-up, ${table}: ${fmt(p.rows)} rows in ${p.seconds.toFixed(1)} s (untimed)`);
    }
    type Pair = { table: Table; mode: Mode; on: Phase; off: Phase };
    const pairs: Pair[] = [];
    let phaseSeed = BENCH_SEED;
    for (const table of ["usage_logs", "error_logs"] as Table[]) {
      for (const mode of ["single", "batch"] as Mode[]) {
        log(`${table}, ${mode === "single" ? "one row per statement (autocommit)" : `${BATCH} rows per statement`}:`);
        // alternate which goes first, so neither always runs on the warmer (or more loaded) machine
        const order = mode === "single" ? [true, false] : [false, true];
        const got: Partial<Record<"on" | "off", Phase>> = {};
        for (const on of order) {
          const p = await runPhase(admin, sampler, writers, users, table, mode, on, ++phaseSeed, SECONDS);
          got[on ? "on" : "off"] = p;
          printPhase(on ? "triggers ON" : "triggers OFF", p);
        }
        const pair = { table, mode, on: got.on!, off: got.off! };
        pairs.push(pair);
        const ratio = pair.off.rowsPerSec / pair.on.rowsPerSec;
        const figure = `${table}, ${mode === "single" ? "single rows" : `batches of ${BATCH}`}: rows/s without / with the rollup triggers`;
        const v = verdicts.judge(figure, `${fmt(pair.off.rowsPerSec)} / ${fmt(pair.on.rowsPerSec)} = ${ratio.toFixed(2)}x`, `<= ${TARGET_RATIO}x`, ratio <= TARGET_RATIO);
        log(`  cost of the rollup triggers: ${ratio.toFixed(2)}x (rows/s off / on), target <= ${TARGET_RATIO}x: ${v}`);
      }
    }
    for (const c of writers) c.release();
    await writerPool.end();
    await sampler.end();

    log("");
    log("Write path summary (rows/s with the rollup triggers on / off, ratio, target <= 2x):");
    for (const p of pairs) {
      const ratio = p.off.rowsPerSec / p.on.rowsPerSec;
      log(`  ${`${p.table}, ${p.mode === "single" ? "single rows" : `batches of ${BATCH}`}`.padEnd(32)} ${fmt(p.on.rowsPerSec).padStart(9)} / ${fmt(p.off.rowsPerSec).padStart(9)}  ` +
        `${ratio.toFixed(2)}x  ${ratio <= TARGET_RATIO ? "MET" : "MISSED"}`);
    }

    log("");
    log(`rollups after the churn (no vacuum or analyze by the bench): ${await rollupSizes(admin)}`);
    log(`Dashboards after the churn (the same ${BENCH_RUNS} drawn viewers each; p95 judged against ${TARGET_READ_MS} ms):`);
    const after = await measureReads(app);
    printReads(after, verdicts);
    log("  after / before (p50): " + after.map((a, i) => `${a.name.split(" ")[0]} ${(a.p50 / before[i].p50).toFixed(2)}x`).join(", "));

    log("");
    log("Correctness: the rollups as the triggers left them vs the migration's own builders over the base rows:");
    const ok = await checkRollups(admin, churnStart);
    log(`  rollups exact: ${verdicts.judge("rollups after the churn equal their rebuild from the base tables", ok ? "equal" : "different", "equal", ok)}`);
    if (!ok) exitCode = 1;

    // Informational: the same reads once the churned tables are vacuumed, to tell what the churn
    // left behind (dead row versions, pages not all-visible) from the machine's noise.
    const tv2 = performance.now();
    for (const t of ["usage_logs", "error_logs", ...ROLLUPS]) await admin.unsafe(`vacuum analyze public.${t}`);
    log("");
    log(`Dashboards after VACUUM ANALYZE of the churned tables (${ms(performance.now() - tv2)}; informational, no verdict):`);
    const vacuumed = await measureReads(app);
    for (const [i, r] of vacuumed.entries()) {
      log(`  ${r.name.padEnd(62)} p50 ${ms(r.p50).padStart(10)}  p95 ${ms(r.p95).padStart(10)}  (after the churn: p50 ${ms(after[i].p50)}, p95 ${ms(after[i].p95)})`);
    }
    await appClient.end();
    await admin.end();
    verdicts.print(log, `writes: ${WRITERS} writers x ${SECONDS} s per phase; reads: ${BENCH_RUNS} drawn viewers per dashboard, p95 after the churn`);
    log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at the end; whole run ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await pg.stop();
  }
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
