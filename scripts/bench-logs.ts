/**
 * npm run bench:logs — /admin/errors at 1,000,000 error_logs rows.
 *
 * Loads BENCH_LOG_ROWS (default 1,000,000) error_logs over 90 days into a throwaway embedded
 * Postgres (or BENCH_DATABASE_URL), server-side with generate_series, triggers off
 * (session_replication_role = replica, as the demo seeder's --scale does) and then rebuilds
 * error_rollup_daily once. Then, through the app's own path (authenticator login + runAs as
 * an admin, RLS on) and the page's own query functions, it times for each filter:
 *   - the first page (20 rows, newest first),
 *   - page 10,000 of the same filter, reached by its keyset cursor,
 *   - the severity counts of the last 30 days under that filter,
 * and prints each time (median of BENCH_RUNS) and the ratio deep page / first page.
 * Targets: ratio <= 1.5, every query under 50 ms. It also prints, without a target, the grouped
 * view and message searches (a common term, a rare one, one with no match) as the page runs them.
 * A benchmark: it prints figures and exits 0.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { runAs, type Db, type VerifiedClaims } from "../lib/db/run-as";
import { countErrorsBySeverity, errorSeries, listErrorGroups, listErrorLogs, planErrorSearch } from "../lib/db/queries/error-logs";
import { parseErrorFilter } from "../lib/validation/error-logs";
import { encodeCursor, decodeCursor } from "../lib/validation/data-table";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { withIndexesRebuilt } from "../tooling/bulk";
import { loadBenchUsers, ms, timeMedian } from "../tooling/bench";
import { connect, migrateDatabase } from "../tooling/migrate";

const ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PAGE = 10_000;
const SIZE = 20;
const FILTERS = [
  { name: "all errors", qs: "" },
  { name: "unresolved", qs: "status=unresolved" },
  { name: "error + critical", qs: "severity=error,critical" },
];

const log = (l: string) => console.log(l);

async function loadErrors(admin: postgres.Sql) {
  const t0 = performance.now();
  await admin.begin(async (tx) => {
    await tx.unsafe(`set local session_replication_role = replica`);
    await withIndexesRebuilt(tx, "error_logs", () => tx.unsafe(`
      insert into public.error_logs (user_id, error_type, error_category, error_message, error_details, request_path, request_method,
                                     session_id, severity, resolved, resolved_at, resolution_notes, created_at)
      select case when i % 5 <> 0 then md5('bench-user-' || (1 + (i * 7919) % ${USERS}))::uuid end,
             t.error_type, t.category,
             replace(t.msg, '#', ((i * 131) % 9973)::text),
             jsonb_build_object('stack', 'Error: ' || t.category || E'\\n    at handler (app/api/route.ts:' || (i % 300) || ':7)'),
             t.path, 'POST',
             case when i % 5 <> 0 then 'sess_' || to_hex((i * 7919) % ${USERS * 13}) end,
             (array['info','warning','warning','error','error','error','error','critical'])[1 + (i * 11) % 8],
             r.resolved, case when r.resolved then ts + interval '2 hours' end, case when r.resolved then 'Fixed in the bench' end,
             ts
        from generate_series(1::bigint, ${ROWS}::bigint) i
        cross join lateral (select now() - ((i * 2654435761) % (90 * 86400000000::bigint)) * interval '1 microsecond' as ts) c
        cross join lateral (select c.ts < now() - interval '3 days' and (i * 29) % 100 < 20 as resolved) r
        cross join lateral (
          select (array['api','app','auth','system','permission','user','admin'])[1 + (i % 7)::int] as error_type,
                 (array['timeout','rate_limit','validation','database','network','render','quota'])[1 + ((i / 7) % 7)::int] as category,
                 (array['Upstream timed out after # ms','Rate limit exceeded for agent #','Field "x#" is required',
                        'Query canceled after # ms','fetch failed: ECONNRESET on port #','Cannot read properties of undefined (reading #)',
                        'Quota of # requests reached'])[1 + ((i / 7) % 7)::int] as msg,
                 (array['/api/chat','/api/document','/api/files/upload','/admin/settings'])[1 + (i % 4)::int] as path
        ) t`));
  });
  log(`  error_logs: ${ROWS.toLocaleString("en-US")} rows in ${ms(performance.now() - t0)}`);
  const t1 = performance.now();
  const [r] = await admin`select public.rebuild_error_counts() as n`;
  log(`  rebuild_error_counts(): ${Number(r.n).toLocaleString("en-US")} rollup rows in ${ms(performance.now() - t1)}`);
  await admin.unsafe(`vacuum analyze public.error_logs`);
  await admin.unsafe(`vacuum analyze public.error_rollup_daily`);
}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres();
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:logs — ${ROWS.toLocaleString("en-US")} error_logs over 90 days, page size ${SIZE}, page ${PAGE.toLocaleString("en-US")} by keyset, median of ${RUNS} runs`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    log("Loading:");
    await loadBenchUsers(admin, USERS);
    await loadErrors(admin);

    const appClient = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    const adminId = (await admin`select md5('bench-user-1')::uuid as id`)[0].id as string;
    const claims: VerifiedClaims = { sub: adminId, role: "authenticated", aud: "authenticated", email: "bench1@example.com" };
    const asAdmin = <T,>(fn: Parameters<typeof runAs<T>>[2]) => runAs(app, claims, fn);

    log("");
    log(`${"filter".padEnd(18)} ${"first page".padStart(12)} ${`page ${PAGE}`.padStart(12)} ${"ratio".padStart(7)} ${"30-day counts".padStart(14)} ${"30-day chart".padStart(13)}`);
    let allMet = true;
    for (const f of FILTERS) {
      const filter = parseErrorFilter(new URLSearchParams(f.qs));
      const base = { ...filter, sort: { key: "created" as const, dir: "desc" as const }, size: SIZE };
      // The cursor of page 10,000: the last row of page 9,999 (found once, untimed, with OFFSET).
      const skip = (PAGE - 1) * SIZE - 1;
      const statusSql = f.qs.includes("unresolved") ? "where not resolved" : f.qs.includes("severity") ? "where severity in ('error','critical')" : "";
      const [anchor] = await admin.unsafe(
        `select id, created_at::text as v from public.error_logs ${statusSql} order by created_at desc, id desc offset ${skip} limit 1`,
      );
      const cursor = { dir: "after" as const, ...decodeCursor(encodeCursor(anchor.v, anchor.id))! };

      const first = await asAdmin((tx) => listErrorLogs(tx, { ...base, cursor: null }));
      const deep = await asAdmin((tx) => listErrorLogs(tx, { ...base, cursor }));
      if (first.rows.length !== SIZE || deep.rows.length !== SIZE) throw new Error(`${f.name}: expected full pages`);
      const tFirst = await timeMedian(() => asAdmin((tx) => listErrorLogs(tx, { ...base, cursor: null })), RUNS);
      const tDeep = await timeMedian(() => asAdmin((tx) => listErrorLogs(tx, { ...base, cursor })), RUNS);
      const tCounts = await timeMedian(() => asAdmin((tx) => countErrorsBySeverity(tx, filter, { admin: true })), RUNS);
      const tChart = await timeMedian(() => asAdmin((tx) => errorSeries(tx, filter, { admin: true })), RUNS);
      const ratio = tDeep / tFirst;
      const met = ratio <= 1.5 && Math.max(tFirst, tDeep, tCounts) < 50;
      allMet &&= met;
      log(`${f.name.padEnd(18)} ${ms(tFirst).padStart(12)} ${ms(tDeep).padStart(12)} ${ratio.toFixed(2).padStart(7)} ${ms(tCounts).padStart(14)} ${ms(tChart).padStart(13)}  ${met ? "met" : "NOT met"}`);
    }
    // Informational (not in the target): the grouped view aggregates the filtered rows of its range.
    for (const qs of ["", `from=${new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10)}`]) {
      const f = parseErrorFilter(new URLSearchParams(qs));
      const t = await timeMedian(() => asAdmin((tx) => listErrorGroups(tx, f, { size: 20, after: null })), 3);
      log(`grouped view, ${qs ? "last 7 days" : "all rows"}: ${ms(t)} (informational)`);
    }
    // Informational: message search as the page runs it (planErrorSearch picks the path, then the
    // first page and the 30-day counts), for a term in 1 of 7 rows, a rare one and one with no match.
    log("");
    log(`${"search".padEnd(24)} ${"path".padEnd(6)} ${"first page".padStart(11)} ${"30-day counts".padStart(14)}`);
    for (const q of ["timed", "timed 4242", "nothing-matches-this"]) {
      const raw = parseErrorFilter(new URLSearchParams({ q }));
      const via = (await asAdmin((tx) => planErrorSearch(tx, raw))).searchVia ?? "-";
      const tList = await timeMedian(
        () => asAdmin(async (tx) => listErrorLogs(tx, { ...(await planErrorSearch(tx, raw)), sort: { key: "created", dir: "desc" }, size: SIZE, cursor: null })),
        RUNS,
      );
      const tCounts = await timeMedian(() => asAdmin(async (tx) => countErrorsBySeverity(tx, await planErrorSearch(tx, raw), { admin: true })), RUNS);
      log(`${`"${q}"`.padEnd(24)} ${via.padEnd(6)} ${ms(tList).padStart(11)} ${ms(tCounts).padStart(14)}  (informational)`);
    }
    const counts = await asAdmin((tx) => countErrorsBySeverity(tx, parseErrorFilter(new URLSearchParams("")), { admin: true }));
    log("");
    log(`30-day severity counts: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}`);
    log(`targets (deep/first <= 1.5, each query < 50 ms): ${allMet ? "met" : "NOT met"}`);
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
