/**
 * npm run bench:logs — /admin/errors at 1,000,000 error_logs rows.
 *
 * Loads BENCH_LOG_ROWS (default 1,000,000) error_logs over 90 days for 10,000 users into a
 * throwaway embedded Postgres (durable, as Supabase runs it) or BENCH_DATABASE_URL, server-side
 * with generate_series, triggers off (session_replication_role = replica, as the demo seeder's
 * --scale does) and then rebuilds error_rollup_daily once. Then, through the app's own path
 * (authenticator login + runAs as an admin, RLS on) and the page's own query functions, it times
 * for each filter:
 *   - the first page (20 rows, newest first),
 *   - a page between 9,001 and 10,000 of the same filter, reached by its keyset cursor,
 *   - the severity counts and the chart of a range (the default last 30 days, 7 days, today by
 *     the hour, or a custom range),
 * every run with its own admin (among ten) and its own range or depth, drawn with a seeded
 * generator. It prints p50, p95 and a cold figure of each, and the ratio deep page / first page.
 * Targets: ratio <= 1.5 (judged at p50 and at p95); every query, the chart included, under 50 ms
 * (p95 judged). It also prints, without a target, the grouped view and message searches (a
 * common term, a rare one, one with no match, each drawn) as the page runs them.
 * A benchmark: it prints figures and verdicts and exits 0.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { runAs, type Db, type VerifiedClaims } from "../lib/db/run-as";
import { countErrorsBySeverity, errorSeries, listErrorGroups, listErrorLogs, planErrorSearch } from "../lib/db/queries/error-logs";
import { parseErrorFilter, type ErrorFilter } from "../lib/validation/error-logs";
import { encodeCursor, decodeCursor, type Cursor } from "../lib/validation/data-table";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { insertErrorLogs } from "../tooling/bench-loaders";
import {
  BENCH_RUNS,
  benchUserId,
  coldDb,
  coldMode,
  distinctInts,
  fmtSamples,
  loadBenchUsers,
  ms,
  pick,
  printBenchHeader,
  randInt,
  rngFor,
  timeSamples,
  Verdicts,
  type Rng,
  type Samples,
} from "../tooling/bench";
import { connect, migrateDatabase } from "../tooling/migrate";

const ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const ADMINS = 10;
const PAGE = 10_000;
const SIZE = 20;
const ANCHORS = 32;
const TARGET_MS = 50;
const TARGET_RATIO = 1.5;
const FILTERS = [
  { name: "all errors", qs: "", where: "" },
  { name: "unresolved", qs: "status=unresolved", where: "where not resolved" },
  { name: "error + critical", qs: "severity=error,critical", where: "where severity in ('error','critical')" },
];

const log = (l: string) => console.log(l);
const DAY = 86_400_000;
const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

async function loadErrors(admin: postgres.Sql) {
  const t0 = performance.now();
  await insertErrorLogs(admin, { rows: ROWS, users: USERS, days: 90 });
  log(`  error_logs: ${ROWS.toLocaleString("en-US")} rows in ${ms(performance.now() - t0)}`);
  const t1 = performance.now();
  const [r] = await admin`select public.rebuild_error_counts() as n`;
  log(`  rebuild_error_counts(): ${Number(r.n).toLocaleString("en-US")} rollup rows in ${ms(performance.now() - t1)}`);
  await admin.unsafe(`vacuum analyze public.error_logs`);
  await admin.unsafe(`vacuum analyze public.error_rollup_daily`);
}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres(undefined, { durable: true });
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:logs — ${ROWS.toLocaleString("en-US")} error_logs over 90 days, ${USERS.toLocaleString("en-US")} users (${ADMINS} admins), page size ${SIZE}, deep pages ${(PAGE - 999).toLocaleString("en-US")}-${PAGE.toLocaleString("en-US")} by keyset`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    const cold = await coldMode(admin, { install: !external });
    await printBenchHeader(log, admin, { cold });
    log("Loading:");
    const t0 = performance.now();
    await loadBenchUsers(admin, USERS, { admins: ADMINS });
    log(`  ${USERS.toLocaleString("en-US")} users in ${ms(performance.now() - t0)}`);
    await loadErrors(admin);

    const appClient = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    const coldStart = coldDb(admin, appUrl, cold);
    const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: "bench@example.com" });
    const as = <T,>(db: Db, viewer: string, fn: Parameters<typeof runAs<T>>[2]) => runAs(db, claims(viewer), fn);
    const adminViewer = (rng: Rng) => benchUserId(randInt(rng, 1, ADMINS));
    const verdicts = new Verdicts();

    // Lists: the filter alone, or with a start day 60-89 days back (the page's "from"): a page
    // 10,000 deep (200,000 rows) lies within the last 30 days of every filter here, so the same
    // cursors serve both.
    type ListDraw = { viewer: string; from: string | null; anchor: number };
    const listDraw = (rng: Rng): ListDraw => ({ viewer: adminViewer(rng), from: rng() < 0.5 ? null : isoDay(randInt(rng, 60, 89)), anchor: randInt(rng, 0, ANCHORS - 1) });
    // Counts and chart: the range the page shows (default: the last 30 days).
    const rangeDraw = (rng: Rng): { viewer: string; from: string | null; to: string | null } => {
      const viewer = adminViewer(rng);
      const kind = pick(rng, ["default", "7 days", "today", "custom"] as const);
      if (kind === "default") return { viewer, from: null, to: null };
      if (kind === "7 days") return { viewer, from: isoDay(6), to: null };
      if (kind === "today") return { viewer, from: isoDay(0), to: isoDay(0) };
      const end = randInt(rng, 0, 60);
      return { viewer, from: isoDay(end + randInt(rng, 0, 29)), to: isoDay(end) };
    };

    log("");
    log(`${"filter".padEnd(18)} figure`);
    for (const f of FILTERS) {
      const filter = parseErrorFilter(new URLSearchParams(f.qs));
      const sort = { key: "created" as const, dir: "desc" as const };
      // Cursors of pages 9,001..10,000: the last row of the page before (found once, untimed).
      const depths = distinctInts(rngFor(`${f.name}:anchors`), ANCHORS, (PAGE - 1000) * SIZE, (PAGE - 1) * SIZE);
      const anchors = await admin.unsafe(
        `select rn, id, created_at::text as v from (
           select id, created_at, row_number() over (order by created_at desc, id desc) as rn from public.error_logs ${f.where}) x
          where rn = any($1::bigint[]) order by rn`,
        [depths],
      );
      if (anchors.length !== ANCHORS) throw new Error(`${f.name}: fewer than ${PAGE.toLocaleString("en-US")} pages`);
      const cursors: Cursor[] = anchors.map((a) => ({ dir: "after" as const, ...decodeCursor(encodeCursor(a.v as string, a.id as string))! }));
      const listOf = (d: ListDraw): ErrorFilter => ({ ...filter, from: d.from });
      const first = (db: Db, d: ListDraw) => as(db, d.viewer, (tx) => listErrorLogs(tx, { ...listOf(d), sort, size: SIZE, cursor: null }));
      const deep = (db: Db, d: ListDraw) => as(db, d.viewer, (tx) => listErrorLogs(tx, { ...listOf(d), sort, size: SIZE, cursor: cursors[d.anchor] }));
      // Full pages, for a few draws (untimed): the figures must be of real pages.
      const check = rngFor(`${f.name}:check`);
      for (let i = 0; i < 3; i++) {
        const d = listDraw(check);
        if ((await first(app, d)).rows.length !== SIZE || (await deep(app, d)).rows.length !== SIZE) throw new Error(`${f.name}: expected full pages`);
      }
      const rangeOf = (d: ReturnType<typeof rangeDraw>): ErrorFilter => ({ ...filter, from: d.from, to: d.to });
      const sFirst = await timeSamples({ rng: rngFor(`${f.name}:list`), draw: listDraw, run: first, warm: app, cold: coldStart });
      // the same draws (viewer, start day) for the deep pages, plus their cursor
      const sDeep = await timeSamples({ rng: rngFor(`${f.name}:list`), draw: listDraw, run: deep, warm: app, cold: coldStart });
      const sCounts = await timeSamples({
        rng: rngFor(`${f.name}:counts`),
        draw: rangeDraw,
        run: (db: Db, d) => as(db, d.viewer, (tx) => countErrorsBySeverity(tx, rangeOf(d), { admin: true })),
        warm: app,
        cold: coldStart,
      });
      const sChart = await timeSamples({
        rng: rngFor(`${f.name}:chart`),
        draw: rangeDraw,
        run: (db: Db, d) => as(db, d.viewer, (tx) => errorSeries(tx, rangeOf(d), { admin: true })),
        warm: app,
        cold: coldStart,
      });
      const r50 = sDeep.p50 / sFirst.p50;
      const r95 = sDeep.p95 / sFirst.p95;
      const under = (what: string, s: Samples<unknown>) => verdicts.judge(`${f.name}: ${what}, p95`, ms(s.p95), `< ${TARGET_MS} ms`, s.p95 < TARGET_MS);
      log(`${f.name.padEnd(18)} first page          ${fmtSamples(sFirst)}  ${under("first page", sFirst)}`);
      log(`${"".padEnd(18)} page 9,001-10,000   ${fmtSamples(sDeep)}  ${under("page 9,001-10,000", sDeep)}`);
      log(`${"".padEnd(18)} severity counts     ${fmtSamples(sCounts)}  ${under("severity counts", sCounts)}`);
      log(`${"".padEnd(18)} chart               ${fmtSamples(sChart)}  ${under("chart", sChart)}`);
      const v50 = verdicts.judge(`${f.name}: deep/first ratio at p50`, r50.toFixed(2), `<= ${TARGET_RATIO}`, r50 <= TARGET_RATIO);
      const v95 = verdicts.judge(`${f.name}: deep/first ratio at p95`, r95.toFixed(2), `<= ${TARGET_RATIO}`, r95 <= TARGET_RATIO);
      log(`${"".padEnd(18)} deep / first        p50 ${r50.toFixed(2)} ${v50}   p95 ${r95.toFixed(2)} ${v95}`);
    }

    // Informational (no target): the grouped view aggregates the filtered rows of its range. Slow
    // (a second or more): 5 runs each, 1 cold.
    log("");
    for (const [label, draw] of [
      ["all rows", (rng: Rng) => ({ viewer: adminViewer(rng), from: null })],
      ["last 7 days", (rng: Rng) => ({ viewer: adminViewer(rng), from: isoDay(randInt(rng, 5, 7)) })],
    ] as const) {
      const s = await timeSamples({
        rng: rngFor(`groups:${label}`),
        draw,
        run: (db: Db, d: { viewer: string; from: string | null }) =>
          as(db, d.viewer, (tx) => listErrorGroups(tx, { ...parseErrorFilter(new URLSearchParams("")), from: d.from }, { size: 20, after: null })),
        warm: app,
        cold: coldStart,
        runs: 5,
        coldRuns: 1,
        warmups: 1,
      });
      log(`grouped view, ${label.padEnd(12)} ${fmtSamples(s)}  (5 runs, 1 cold; no target)`);
    }
    // Informational: message search as the page runs it (planErrorSearch picks the path, then the
    // first page and the 30-day counts), for a word in 1 of 7 rows, a word with a number (rare),
    // and a word no row has.
    const WORDS = ["timed", "limit", "required", "canceled", "econnreset", "properties", "quota"];
    const searches = [
      { kind: "common word", q: (rng: Rng) => pick(rng, WORDS) },
      { kind: "word + number (rare)", q: (rng: Rng) => `${pick(rng, WORDS)} ${randInt(rng, 0, 9972)}` },
      { kind: "no match", q: (rng: Rng) => `nothingmatches${randInt(rng, 0, 1e6)}` },
    ];
    log("");
    for (const s of searches) {
      const draw = (rng: Rng) => ({ viewer: adminViewer(rng), q: s.q(rng) });
      const raw = (q: string) => parseErrorFilter(new URLSearchParams({ q }));
      const via = new Set<string>();
      for (let i = 0, r = rngFor(`search:${s.kind}:via`); i < 5; i++) via.add((await as(app, adminViewer(r), (tx) => planErrorSearch(tx, raw(s.q(r))))).searchVia ?? "-");
      const tList = await timeSamples({
        rng: rngFor(`search:${s.kind}:list`),
        draw,
        run: (db: Db, d) =>
          as(db, d.viewer, async (tx) => listErrorLogs(tx, { ...(await planErrorSearch(tx, raw(d.q))), sort: { key: "created", dir: "desc" }, size: SIZE, cursor: null })),
        warm: app,
        cold: coldStart,
      });
      const tCounts = await timeSamples({
        rng: rngFor(`search:${s.kind}:counts`),
        draw,
        run: (db: Db, d) => as(db, d.viewer, async (tx) => countErrorsBySeverity(tx, await planErrorSearch(tx, raw(d.q)), { admin: true })),
        warm: app,
        cold: coldStart,
      });
      log(`search, ${s.kind.padEnd(21)} (path ${[...via].join("/")}) first page ${fmtSamples(tList)}`);
      log(`${"".padEnd(44)} 30-day counts ${fmtSamples(tCounts)}  (no target)`);
    }
    const counts = await as(app, benchUserId(1), (tx) => countErrorsBySeverity(tx, parseErrorFilter(new URLSearchParams("")), { admin: true }));
    log("");
    log(`30-day severity counts: ${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}`);
    verdicts.print(log, `${BENCH_RUNS} drawn runs per figure; deep/first <= ${TARGET_RATIO} at p50 and p95, each query < ${TARGET_MS} ms at p95`);
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
