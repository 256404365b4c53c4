/**
 * npm run bench:usage — the usage dashboard's cost follows buckets, not rows.
 *
 * Loads usage_logs over 90 days in steps (default 1,000,000 then 10,000,000 rows in total;
 * BENCH_USAGE_ROWS="1000000,10000000" to change), into a throwaway embedded Postgres or
 * BENCH_DATABASE_URL. Each step appends rows with the rollup triggers off
 * (session_replication_role = replica) and then builds the rollup once with
 * public.rebuild_usage_rollups(), as seeding does. After each step it times the 30-day
 * dashboard's queries through the app's own path (authenticator login + runAs as an admin;
 * one user's own view as that user): each alone (median), and the dashboard as the page runs
 * it, its four queries in parallel; then prints the 1M and 10M times and their ratio.
 * Targets: under 50 ms at 1M rows; at 10M at most 1.5x the 1M time.
 * A benchmark, not a test: it prints figures and exits 0.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import { sql as dsql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { runAs, type Db, type VerifiedClaims } from "../lib/db/run-as";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { withIndexesRebuilt } from "../tooling/bulk";
import { loadBenchUsers, ms, timeMedian } from "../tooling/bench";
import { connect, migrateDatabase } from "../tooling/migrate";

const STEPS = (process.env.BENCH_USAGE_ROWS ?? "1000000,10000000").split(",").map((s) => Number(s.trim()));
const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TZ = process.env.BENCH_TZ ?? "America/New_York";
const DAYS = 90;

const log = (l: string) => console.log(l);

async function loadUsers(admin: postgres.Sql) {
  const t0 = performance.now();
  await loadBenchUsers(admin, USERS);
  log(`  ${USERS.toLocaleString()} users in ${ms(performance.now() - t0)}`);
}

/** Appends rows first..last (1-based), spread evenly over the last 90 days. */
async function loadUsage(admin: postgres.Sql, first: number, last: number) {
  const t0 = performance.now();
  await admin.begin(async (tx) => {
    // Valid user ids by construction: skip validate_user_id and the rollup triggers; the
    // rollup is rebuilt once below.
    await tx.unsafe(`set local session_replication_role = replica`);
    await withIndexesRebuilt(tx, "usage_logs", () => tx.unsafe(`
      insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens,
                                     input_cost, output_cost, total_cost, request_timestamp, duration_ms)
      select md5('bench-user-' || (1 + (i * 7919) % ${USERS}))::uuid,
             (array['chat_model_agent','provider_tools_agent','document_agent','python_agent','mermaid_agent','git_mcp_agent'])[(1 + i % 6)::int],
             m.model, m.provider,
             (i * 31) % 5000, (i * 17) % 3000, (i * 31) % 5000 + (i * 17) % 3000,
             c.input_cost, c.output_cost, c.input_cost + c.output_cost,
             now() - ((i * 2654435761) % (${DAYS} * 86400000000::bigint)) * interval '1 microsecond',
             200 + (i * 7) % 5000
      from generate_series(${first}::bigint, ${last}::bigint) i
      cross join lateral (
        select (array['gemini-2.0-flash','gpt-4o','claude-3-5-sonnet-20241022','bench-unpriced-model'])[(1 + i % 4)::int] as model,
               (array['google','openai','anthropic','mistral'])[(1 + i % 4)::int] as provider) m
      cross join lateral (
        -- 70 % recorded cost; 30 % none (estimated from model_config, or unpriced)
        select case when i % 10 < 7 then ((i * 31) % 5000) / 1e6 end as input_cost,
               case when i % 10 < 7 then ((i * 17) % 3000) / 1e6 * 4 end as output_cost) c`));
  });
  log(`  usage_logs rows ${first.toLocaleString()}..${last.toLocaleString()} in ${ms(performance.now() - t0)}`);
  const t1 = performance.now();
  const [r] = await admin`select public.rebuild_usage_rollups() as n`;
  log(`  rebuild_usage_rollups(): ${Number(r.n).toLocaleString()} rollup rows in ${ms(performance.now() - t1)}`);
  const t2 = performance.now();
  for (const t of ["public.usage_logs", "public.usage_rollup_hourly", "public.usage_rollup_daily", "public.usage_rollup_user_daily", "public.usage_rollup_user_block"]) await admin.unsafe(`vacuum analyze ${t}`);
  log(`  vacuum analyze in ${ms(performance.now() - t2)}`);
}

type Case = { name: string; who: "admin" | "user"; query: () => SQL };

// The 30-day dashboard exactly as /admin/usage asks for it (lib/usage/dashboard.ts): the range is
// the last 30 local days including today, [local midnight 29 days ago, local midnight tomorrow),
// the previous period the 30 days before; four queries, run in parallel by the page.
const today = dsql`(now() at time zone ${TZ})::date`;
const from = dsql`((${today} - 29)::timestamp at time zone ${TZ})`;
const to = dsql`((${today} + 1)::timestamp at time zone ${TZ})`;
const prevFrom = dsql`((${today} - 59)::timestamp at time zone ${TZ})`;
const CASES: Case[] = [
  {
    name: "calls/tokens/cost/latency by agent per day",
    who: "admin",
    query: () => dsql`select * from public.usage_series(${from}, ${to}, 'day', ${TZ}, 'agent_type')`,
  },
  {
    name: "totals and cost by model",
    who: "admin",
    query: () => dsql`select * from public.usage_series(${from}, ${to}, 'all', ${TZ}, 'model', null, false)`, // latency comes from the series
  },
  {
    name: "previous period totals",
    who: "admin",
    query: () => dsql`select * from public.usage_series(${prevFrom}, ${from}, 'all', ${TZ}, 'model')`,
  },
  {
    name: "top users by cost",
    who: "admin",
    query: () => dsql`select * from public.usage_top_users(${from}, ${to}, 10)`, // as the page asks (aligned per-user blocks)
  },
];
const USER_CASE: Case = {
  name: "user: own series by agent per day",
  who: "user",
  query: () => dsql`select * from public.usage_series(${from}, ${to}, 'day', ${TZ}, 'agent_type', auth.uid())`,
};

const time = (fn: () => Promise<unknown>) => timeMedian(fn, RUNS);

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres();
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:usage — usage_logs at ${STEPS.map((n) => n.toLocaleString()).join(" then ")} rows over ${DAYS} days, ` +
      `${USERS.toLocaleString()} users, 30-day dashboard in ${TZ}, median of ${RUNS} runs`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    log("Loading:");
    await loadUsers(admin);

    // a pool like the app's: the dashboard's four queries run at once, each in its own transaction
    const appClient = postgres(appUrl, { max: CASES.length, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    const adminId = (await admin`select md5('bench-user-1')::uuid as id`)[0].id as string;
    const userId = (await admin`select md5('bench-user-42')::uuid as id`)[0].id as string;
    const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: "bench@example.com" });
    const runCase = (c: Case) => runAs(app, claims(c.who === "admin" ? adminId : userId), (tx) => tx.execute(c.query()));

    type Result = { rows: number; times: number[]; user: number; parallel: number };
    const results: Result[] = [];
    let loaded = 0;
    for (const target of STEPS) {
      if (target > loaded) await loadUsage(admin, loaded + 1, target);
      loaded = Math.max(loaded, target);
      log("");
      log(`${loaded.toLocaleString()} rows:`);
      log(`${"query".padEnd(44)} ${"rows".padStart(6)} ${"time".padStart(12)}`);
      const times: number[] = [];
      for (const c of [...CASES, USER_CASE]) {
        const rows = (await runCase(c)) as unknown as unknown[];
        const t = await time(() => runCase(c));
        times.push(t);
        log(`${c.name.padEnd(44)} ${String(rows.length).padStart(6)} ${ms(t).padStart(12)}`);
      }
      const user = times.pop()!;
      const parallel = await time(() => Promise.all(CASES.map(runCase)));
      log(`${"dashboard, sequential (sum)".padEnd(44)} ${"".padStart(6)} ${ms(times.reduce((a, b) => a + b, 0)).padStart(12)}`);
      log(`${"dashboard, in parallel as the page runs it".padEnd(44)} ${"".padStart(6)} ${ms(parallel).padStart(12)}`);
      results.push({ rows: loaded, times, user, parallel });
    }

    log("");
    const base = results[0];
    const seq = (r: Result) => r.times.reduce((a, b) => a + b, 0);
    log(`at ${base.rows.toLocaleString()} rows: 30-day dashboard ${ms(base.parallel)} in parallel (${ms(seq(base))} one after another), ` +
      `target under 50 ms: ${base.parallel < 50 ? "met" : "NOT met"}`);
    for (const r of results.slice(1)) {
      const ratio = r.parallel / base.parallel;
      log(`at ${r.rows.toLocaleString()} rows: 30-day dashboard ${ms(r.parallel)} in parallel (${ms(seq(r))} one after another); ` +
        `ratio to ${base.rows.toLocaleString()} rows ${ratio.toFixed(2)} (sequential ${(seq(r) / seq(base)).toFixed(2)}), target <= 1.5: ${ratio <= 1.5 ? "met" : "NOT met"}`);
      for (const [i, c] of CASES.entries()) log(`  ${c.name.padEnd(42)} ${ms(base.times[i]).padStart(10)} -> ${ms(r.times[i]).padStart(10)}  x${(r.times[i] / base.times[i]).toFixed(2)}`);
      log(`  ${USER_CASE.name.padEnd(42)} ${ms(base.user).padStart(10)} -> ${ms(r.user).padStart(10)}  x${(r.user / base.user).toFixed(2)}`);
    }
    await appClient.end();
    await admin.end();
  } finally {
    await pg?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
