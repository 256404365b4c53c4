/**
 * npm run bench:usage — the usage dashboards' cost follows buckets, not rows.
 *
 * Loads usage_logs over 90 days in steps (default 1,000,000 then 10,000,000 rows in total;
 * BENCH_USAGE_ROWS="1000000,10000000" to change) for 10,000 users (BENCH_USERS), into a
 * throwaway embedded Postgres (durable, as Supabase runs it) or BENCH_DATABASE_URL. Each step
 * appends rows with the rollup triggers off (session_replication_role = replica) and then builds
 * the rollup once with public.rebuild_usage_rollups(), as seeding does. After each step it times,
 * through the app's own path (authenticator login + runAs), the dashboards as the pages run them
 * (lib/usage/dashboard.ts: the range resolved in one transaction, then the queries in parallel,
 * each in its own): /admin/usage as an admin (four queries) and /usage, a user's own view, as that
 * user (three). Every run draws its viewer (admins among the first ten bench users, users among
 * the others) and its filters: the range (24 h, 7, 30, 90 days, a custom range; or the 30 days
 * the target names), the grouping, the time zone (BENCH_TZ, a comma list; a half-hour zone
 * included) and, for admins, sometimes one user. It also times each query alone.
 * Targets: under 50 ms at 1M rows; at 10M at most 1.5x the 1M time. Judged for both dashboards,
 * for the 30-day range and for any range: p95 against 50 ms, and the 10M/1M ratio at p50 and p95.
 * A benchmark, not a test: it prints figures and verdicts and exits 0.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import { sql as dsql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { runAs, type Db, type VerifiedClaims } from "../lib/db/run-as";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { insertUsageLogs } from "../tooling/bench-loaders";
import {
  BENCH_RUNS,
  benchUserId,
  coldDb,
  coldMode,
  fmtSamples,
  loadBenchUsers,
  ms,
  pick,
  printBenchHeader,
  randInt,
  rngFor,
  timeSamples,
  Verdicts,
  type ColdMode,
  type Rng,
  type Samples,
} from "../tooling/bench";
import { connect, migrateDatabase } from "../tooling/migrate";

const STEPS = (process.env.BENCH_USAGE_ROWS ?? "1000000,10000000").split(",").map((s) => Number(s.trim()));
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const ADMINS = 10;
const TZS = (process.env.BENCH_TZ ?? "America/New_York,Europe/Berlin,UTC,Asia/Tokyo,Asia/Kolkata").split(",").map((s) => s.trim());
const DAYS = 90;
const TARGET_MS = 50;
const TARGET_RATIO = 1.5;

const log = (l: string) => console.log(l);

async function loadUsers(admin: postgres.Sql) {
  const t0 = performance.now();
  await loadBenchUsers(admin, USERS, { admins: ADMINS });
  log(`  ${USERS.toLocaleString()} users in ${ms(performance.now() - t0)}`);
}

/** Appends rows first..last (1-based), spread evenly over the last 90 days. */
async function loadUsage(admin: postgres.Sql, first: number, last: number) {
  const t0 = performance.now();
  // Valid user ids by construction: validate_user_id and the rollup triggers are skipped; the
  // rollup is rebuilt once below.
  await insertUsageLogs(admin, { first, last, users: USERS, days: DAYS });
  log(`  usage_logs rows ${first.toLocaleString()}..${last.toLocaleString()} in ${ms(performance.now() - t0)}`);
  const t1 = performance.now();
  const [r] = await admin`select public.rebuild_usage_rollups() as n`;
  log(`  rebuild_usage_rollups(): ${Number(r.n).toLocaleString()} rollup rows in ${ms(performance.now() - t1)}`);
  const t2 = performance.now();
  for (const t of ["public.usage_logs", "public.usage_rollup_hourly", "public.usage_rollup_daily", "public.usage_rollup_user_daily", "public.usage_rollup_user_block"]) await admin.unsafe(`vacuum analyze ${t}`);
  log(`  vacuum analyze in ${ms(performance.now() - t2)}`);
}

type Preset = "24h" | "7d" | "30d" | "90d" | "custom";
type Group = "agent_type" | "model" | "provider" | "user";
/** One run's viewer and filters, as the page's URL would carry them. */
type Draw = { viewer: string; preset: Preset; offset: number; span: number; group: Group; tz: string; user: string | null };
type Range = { from: SQL; to: SQL; prevFrom: SQL; prevTo: SQL; bucket: "hour" | "day" };

const adminViewer = (rng: Rng) => benchUserId(randInt(rng, 1, ADMINS));
const userViewer = (rng: Rng) => benchUserId(randInt(rng, ADMINS + 1, USERS));
const PRESETS: Preset[] = ["24h", "7d", "30d", "90d", "custom"];

function drawFor(who: "admin" | "user", ranges: "30d" | "any") {
  return (rng: Rng): Draw => {
    const preset = ranges === "30d" ? "30d" : pick(rng, PRESETS);
    return {
      viewer: who === "admin" ? adminViewer(rng) : userViewer(rng),
      preset,
      // custom: 1..30 local days ending 0..60 days ago
      offset: preset === "custom" ? randInt(rng, 0, 60) : 0,
      span: preset === "custom" ? randInt(rng, 1, 30) : 0,
      group: who === "admin" ? pick(rng, ["agent_type", "model", "provider", "user"] as Group[]) : pick(rng, ["agent_type", "model", "provider"] as Group[]),
      tz: pick(rng, TZS),
      // admins narrow the page to one user now and then (?user=)
      user: who === "admin" && rng() < 0.25 ? userViewer(rng) : null,
    };
  };
}

/**
 * The range as lib/db/queries/usage.ts resolveUsageRange does it, in the zone: 24 h = the last 24
 * whole hours ending with the current one; N days = the last N local days including today;
 * custom = whole local days; the previous period is the same length just before.
 */
function rangeOf(d: Draw): Range {
  if (d.preset === "24h") {
    const e = dsql`(date_trunc('hour', now(), ${d.tz}) + interval '1 hour')`;
    return { from: dsql`(${e} - interval '24 hours')`, to: e, prevFrom: dsql`(${e} - interval '48 hours')`, prevTo: dsql`(${e} - interval '24 hours')`, bucket: "hour" };
  }
  const days = { "7d": 7, "30d": 30, "90d": 90, custom: d.span }[d.preset];
  const today = dsql`(now() at time zone ${d.tz})::date`;
  const a = dsql`(${today} - ${d.offset + days - 1}::int)`;
  const b = dsql`(${today} - ${d.offset}::int)`;
  const local = (day: SQL) => dsql`(${day}::timestamp at time zone ${d.tz})`;
  return {
    from: local(a),
    to: local(dsql`(${b} + 1)`),
    prevFrom: local(dsql`(${a} - (${b} - ${a} + 1))`),
    prevTo: local(a),
    bucket: d.preset === "custom" && days <= 2 ? "hour" : "day",
  };
}

const seriesSql = (from: SQL, to: SQL, bucket: string, d: Draw, group: Group, user: string | null, latency = true) =>
  dsql`select * from public.usage_series(${from}::timestamptz, ${to}::timestamptz, ${bucket}, ${d.tz}, ${group}, ${user}::uuid, ${latency})`;

/** The dashboard's queries for a resolved range (instants), as lib/usage/dashboard.ts asks for them. */
function dashboardQueries(d: Draw, r: Range, who: "admin" | "user"): SQL[] {
  // /usage is always the viewer's own (user = viewer id); /admin/usage everyone's, or ?user=
  const user = who === "user" ? d.viewer : d.user;
  const qs = [
    seriesSql(r.from, r.to, r.bucket, d, d.group, user),
    seriesSql(r.from, r.to, "all", d, "model", user, false), // latency comes from the series
    seriesSql(r.prevFrom, r.prevTo, "all", d, "model", user),
  ];
  if (who === "admin") qs.push(user ? seriesSql(r.from, r.to, "all", d, "user", user, false) : dsql`select * from public.usage_top_users(${r.from}::timestamptz, ${r.to}::timestamptz, 10)`);
  return qs;
}

type Single = { name: string; who: "admin" | "user"; query: (d: Draw) => SQL };
// Each query alone, over any range (informational: the pages run them together).
const SINGLES: Single[] = [
  { name: "admin: series by group per bucket", who: "admin", query: (d) => dashboardQueries(d, rangeOf(d), "admin")[0] },
  { name: "admin: totals and cost by model", who: "admin", query: (d) => dashboardQueries(d, rangeOf(d), "admin")[1] },
  { name: "admin: previous period totals", who: "admin", query: (d) => dashboardQueries(d, rangeOf(d), "admin")[2] },
  { name: "admin: top users by cost (or one user)", who: "admin", query: (d) => dashboardQueries(d, rangeOf(d), "admin")[3] },
  { name: "user: own series by group per bucket", who: "user", query: (d) => dashboardQueries(d, rangeOf(d), "user")[0] },
];

type Dash = { name: string; who: "admin" | "user"; ranges: "30d" | "any" };
const DASHBOARDS: Dash[] = [
  { name: "/admin/usage dashboard, 30 days", who: "admin", ranges: "30d" },
  { name: "/admin/usage dashboard, any range", who: "admin", ranges: "any" },
  { name: "/usage (a user's own), 30 days", who: "user", ranges: "30d" },
  { name: "/usage (a user's own), any range", who: "user", ranges: "any" },
];

/** A draw in a few words, for the slowest run of a figure. */
const describe = (d: Draw | null) =>
  d ? `${d.preset === "custom" ? `custom ${d.span} d ending ${d.offset} d ago` : d.preset}, by ${d.group}, ${d.tz}${d.user ? ", one user" : ""}` : "-";

const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: "bench@example.com" });

/** The page's way: the range resolved in one transaction, then its queries in parallel, each in its own. */
async function runDashboard(db: Db, d: Draw, who: "admin" | "user") {
  const c = claims(d.viewer);
  const r = rangeOf(d);
  const [row] = (await runAs(db, c, (tx) =>
    tx.execute(dsql`select ${r.from}::text as "from", ${r.to}::text as "to", ${r.prevFrom}::text as "prevFrom", ${r.prevTo}::text as "prevTo"`),
  )) as unknown as { from: string; to: string; prevFrom: string; prevTo: string }[];
  const resolved: Range = { from: dsql`${row.from}`, to: dsql`${row.to}`, prevFrom: dsql`${row.prevFrom}`, prevTo: dsql`${row.prevTo}`, bucket: r.bucket };
  return Promise.all(dashboardQueries(d, resolved, who).map((q) => runAs(db, c, (tx) => tx.execute(q))));
}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres(undefined, { durable: true });
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:usage — usage_logs at ${STEPS.map((n) => n.toLocaleString()).join(" then ")} rows over ${DAYS} days, ` +
      `${USERS.toLocaleString()} users (${ADMINS} admins), zones drawn from ${TZS.join(", ")}`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    const cold: ColdMode = await coldMode(admin, { install: !external });
    await printBenchHeader(log, admin, { cold });
    log("Loading:");
    await loadUsers(admin);

    // a pool like the app's: the dashboard's queries run at once, each in its own transaction
    const appClient = postgres(appUrl, { max: 4, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    const coldPool = coldDb(admin, appUrl, cold, 4);

    type Result = { rows: number; singles: Samples[]; dashboards: Samples[] };
    const results: Result[] = [];
    let loaded = 0;
    for (const target of STEPS) {
      if (target > loaded) await loadUsage(admin, loaded + 1, target);
      loaded = Math.max(loaded, target);
      log("");
      log(`${loaded.toLocaleString()} rows:`);
      const singles: Samples[] = [];
      for (const c of SINGLES) {
        const s = await timeSamples({
          rng: rngFor(`${c.name}`),
          draw: drawFor(c.who, "any"),
          run: (db: Db, d) => runAs(db, claims(d.viewer), (tx) => tx.execute(c.query(d))),
          warm: app,
          cold: coldPool,
        });
        singles.push(s);
        log(`  ${c.name.padEnd(42)} ${fmtSamples(s)}  slowest: ${describe(s.slowest)}`);
      }
      const dashboards: Samples[] = [];
      for (const dsh of DASHBOARDS) {
        const s = await timeSamples({ rng: rngFor(dsh.name), draw: drawFor(dsh.who, dsh.ranges), run: (db: Db, d) => runDashboard(db, d, dsh.who), warm: app, cold: coldPool });
        dashboards.push(s);
        log(`  ${dsh.name.padEnd(42)} ${fmtSamples(s)}  slowest: ${describe(s.slowest)}`);
      }
      results.push({ rows: loaded, singles, dashboards });
    }

    const verdicts = new Verdicts();
    const base = results[0];
    log("");
    log(`At ${base.rows.toLocaleString()} rows (target: under ${TARGET_MS} ms, p95 judged):`);
    for (const [i, dsh] of DASHBOARDS.entries()) {
      const s = base.dashboards[i];
      const v = verdicts.judge(`${dsh.name} at ${base.rows.toLocaleString()} rows, p95`, ms(s.p95), `< ${TARGET_MS} ms`, s.p95 < TARGET_MS);
      log(`  ${dsh.name.padEnd(42)} p95 ${ms(s.p95).padStart(10)}  ${v}`);
    }
    for (const r of results.slice(1)) {
      log("");
      log(`At ${r.rows.toLocaleString()} rows, ratio to ${base.rows.toLocaleString()} rows (target: at most ${TARGET_RATIO}x, judged at p50 and p95):`);
      for (const [i, dsh] of DASHBOARDS.entries()) {
        const a = base.dashboards[i];
        const b = r.dashboards[i];
        const r50 = b.p50 / a.p50;
        const r95 = b.p95 / a.p95;
        const v50 = verdicts.judge(`${dsh.name}, ${r.rows.toLocaleString()}/${base.rows.toLocaleString()} rows at p50`, `${ms(b.p50)} / ${ms(a.p50)} = ${r50.toFixed(2)}x`, `<= ${TARGET_RATIO}x`, r50 <= TARGET_RATIO);
        const v95 = verdicts.judge(`${dsh.name}, ${r.rows.toLocaleString()}/${base.rows.toLocaleString()} rows at p95`, `${ms(b.p95)} / ${ms(a.p95)} = ${r95.toFixed(2)}x`, `<= ${TARGET_RATIO}x`, r95 <= TARGET_RATIO);
        log(`  ${dsh.name.padEnd(42)} p50 x${r50.toFixed(2)} ${v50}   p95 x${r95.toFixed(2)} ${v95}   cold ${a.cold && b.cold ? `x${(b.cold / a.cold).toFixed(2)}` : "-"} (not judged)`);
      }
      for (const [i, c] of SINGLES.entries())
        log(`  ${c.name.padEnd(42)} p50 ${ms(base.singles[i].p50).padStart(10)} -> ${ms(r.singles[i].p50).padStart(10)}  x${(r.singles[i].p50 / base.singles[i].p50).toFixed(2)}  (each query alone: not judged)`);
    }
    if (!results.some((r) => r.rows >= 10 * base.rows))
      for (const dsh of DASHBOARDS)
        verdicts.notJudged(`${dsh.name}, 10x the rows`, `not run: BENCH_USAGE_ROWS=${STEPS.join(",")} has no step at 10x ${base.rows.toLocaleString()} rows`, `<= ${TARGET_RATIO}x the ${base.rows.toLocaleString()}-row time`);
    verdicts.print(log, `${BENCH_RUNS} drawn runs per figure`);
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
