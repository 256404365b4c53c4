/**
 * npm run bench:rls — what row level security costs at scale.
 *
 * Loads 1,000,000 rows into usage_logs and into "Chat" across 10,000 users (a throwaway
 * embedded Postgres, durable as Supabase runs it, or BENCH_DATABASE_URL), then times, for a
 * user's own-rows queries and for an admin's aggregates, the same statement under RLS
 * (authenticator + runAs, as the app runs it) and without RLS (the superuser), and prints their
 * ratio. Every run draws its viewer (users among the 10,000, admins among the first ten) and its
 * filters (agent, date range, visibility) with a seeded generator; both sides of a ratio run the
 * very same draws, back to back, the order alternating (the machine's drift falls on both). Target: ratio <= 1.5, judged for each query at p50 and at p95 (the policies'
 * cost is the same claim at either percentile).
 * A benchmark, not a test: it prints figures and verdicts and exits 0.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import { sql as dsql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { runAs, type Db, type VerifiedClaims } from "../lib/db/run-as";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { withIndexesRebuilt } from "../tooling/bulk";
import {
  BENCH_RUNS,
  coldDb,
  coldMode,
  benchUserId,
  fmtSamples,
  loadBenchUsers,
  ms,
  pick,
  printBenchHeader,
  randInt,
  rngFor,
  timePairedSamples,
  Verdicts,
  type Rng,
} from "../tooling/bench";
import { connect, migrateDatabase } from "../tooling/migrate";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
/** bench-user-1 .. bench-user-10 are admins; the others are users. */
const ADMINS = 10;
const TARGET = 1.5;

const log = (l: string) => console.log(l);

async function load(admin: postgres.Sql) {
  const t0 = performance.now();
  await admin.begin((tx) => loadBenchUsers(tx, USERS, { admins: ADMINS }));
  log(`  ${USERS.toLocaleString()} users in ${ms(performance.now() - t0)}`);

  const t1 = performance.now();
  await admin.begin(async (tx) => {
    // Valid user ids by construction: skip the per-row validate_user_id trigger.
    await tx.unsafe(`set local session_replication_role = replica`);
    await withIndexesRebuilt(tx, "Chat", () => tx.unsafe(`
      insert into public."Chat" (id, "createdAt", title, user_id, visibility, total_input_tokens, total_output_tokens, total_cost, updated_at)
      select md5('bench-chat-' || i)::uuid, now() - (i % 7776000) * interval '1 second', 'Chat ' || i,
             md5('bench-user-' || (1 + (i * 7919) % ${USERS}))::uuid,
             case when i % 10 = 0 then 'public' else 'private' end,
             (i * 31) % 5000, (i * 17) % 3000, ((i * 13) % 1000) / 10000.0, now()
      from generate_series(1::bigint, ${ROWS}) i`));
  });
  log(`  ${ROWS.toLocaleString()} "Chat" rows in ${ms(performance.now() - t1)}`);

  const t2 = performance.now();
  await admin.begin(async (tx) => {
    await tx.unsafe(`set local session_replication_role = replica`);
    await withIndexesRebuilt(tx, "usage_logs", () => tx.unsafe(`
      insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens,
                                     input_cost, output_cost, total_cost, request_timestamp, duration_ms)
      select md5('bench-user-' || (1 + (i * 7919) % ${USERS}))::uuid,
             (array['chat_model_agent','provider_tools_agent','document_agent','python_agent','mermaid_agent','git_mcp_agent'])[(1 + i % 6)::int],
             (array['gemini-2.0-flash','gpt-4o','claude-3-5-sonnet-20241022'])[(1 + i % 3)::int],
             (array['google','openai','anthropic'])[(1 + i % 3)::int],
             (i * 31) % 5000, (i * 17) % 3000, (i * 31) % 5000 + (i * 17) % 3000,
             ((i * 31) % 5000) / 1e6, ((i * 17) % 3000) / 1e6 * 4, ((i * 31) % 5000) / 1e6 + ((i * 17) % 3000) / 1e6 * 4,
             now() - (i % 7776000) * interval '1 second', 200 + (i * 7) % 5000
      from generate_series(1::bigint, ${ROWS}) i`));
  });
  log(`  ${ROWS.toLocaleString()} usage_logs rows in ${ms(performance.now() - t2)}`);
  for (const t of [`public."Chat"`, "public.usage_logs", "public.profiles"]) await admin.unsafe(`vacuum analyze ${t}`);
}

const AGENTS = ["chat_model_agent", "provider_tools_agent", "document_agent", "python_agent", "mermaid_agent", "git_mcp_agent"];

/** One run's viewer and filters. */
type Draw = { subject: string; agent: string | null; days: number | null; visibility: string | null };
type Case = { name: string; draw: (rng: Rng) => Draw; query: (d: Draw) => SQL };

const user = (rng: Rng) => benchUserId(randInt(rng, ADMINS + 1, USERS));
const adminViewer = (rng: Rng) => benchUserId(randInt(rng, 1, ADMINS));
const none = { agent: null, days: null, visibility: null };
// The last N days including today, from midnight (UTC) as the pages count days: the bound moves
// once a day, not between the RLS run and the no-RLS run of the same draw (rows are a second apart).
const since = (column: SQL, days: number | null) =>
  days === null ? dsql`true` : dsql`${column} >= date_trunc('day', now(), 'UTC') - make_interval(days => ${days - 1})`;

const CASES: Case[] = [
  {
    name: "user: own usage, newest 50",
    // half the runs filtered to one agent, as the usage table's agent filter does
    draw: (rng) => ({ ...none, subject: user(rng), agent: rng() < 0.5 ? null : pick(rng, AGENTS) }),
    query: (d) => dsql`select id, agent_type, model_used, total_tokens, total_cost, request_timestamp
                      from public.usage_logs where user_id = ${d.subject} ${d.agent ? dsql`and agent_type = ${d.agent}` : dsql``}
                      order by request_timestamp desc limit 50`,
  },
  {
    name: "user: own usage, totals of a range",
    draw: (rng) => ({ ...none, subject: user(rng), days: pick(rng, [1, 7, 30, 90]) }),
    query: (d) => dsql`select count(*), sum(total_tokens), sum(total_cost) from public.usage_logs
                      where user_id = ${d.subject} and ${since(dsql`request_timestamp`, d.days)}`,
  },
  {
    name: "user: own chats, newest 50",
    draw: (rng) => ({ ...none, subject: user(rng), visibility: pick(rng, [null, "private", "public"]) }),
    query: (d) => dsql`select id, title, visibility, "createdAt", total_cost from public."Chat"
                      where user_id = ${d.subject} ${d.visibility ? dsql`and visibility = ${d.visibility}` : dsql``}
                      order by "createdAt" desc, id desc limit 50`,
  },
  {
    name: "admin: usage by agent",
    draw: (rng) => ({ ...none, subject: adminViewer(rng), days: pick(rng, [null, 90, 30, 7]) }),
    query: (d) => dsql`select agent_type, count(*), sum(total_tokens), sum(total_cost) from public.usage_logs
                      where ${since(dsql`request_timestamp`, d.days)} group by agent_type order by 1`,
  },
  {
    name: "admin: usage by day",
    draw: (rng) => ({ ...none, subject: adminViewer(rng), days: pick(rng, [7, 30, 90]) }),
    query: (d) => dsql`select date_trunc('day', request_timestamp) as day, count(*), sum(total_cost) from public.usage_logs
                     where ${since(dsql`request_timestamp`, d.days)} group by 1 order by 1`,
  },
  {
    name: "admin: chats by visibility",
    draw: (rng) => ({ ...none, subject: adminViewer(rng), days: pick(rng, [null, 30, 7]) }),
    query: (d) => dsql`select visibility, count(*), sum(total_cost) from public."Chat"
                      where ${since(dsql`"createdAt"`, d.days)} group by visibility order by 1`,
  },
];

/** runAs without the role switch: same round trips, but the superuser bypasses RLS. */
function withoutRls(db: Db, claims: VerifiedClaims, q: SQL) {
  return db.transaction(async (tx) => {
    await tx.execute(dsql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                                 set_config('request.jwt.claim.sub', ${claims.sub}, true)`);
    return tx.execute(q);
  });
}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres(undefined, { durable: true });
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:rls — ${ROWS.toLocaleString()} rows per table, ${USERS.toLocaleString()} users (${ADMINS} admins)`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    const cold = await coldMode(admin, { install: !external });
    await printBenchHeader(log, admin, { cold });
    log("Loading:");
    await load(admin);

    const appClient = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const superClient = postgres(adminUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    const superDb = drizzle(superClient) as unknown as Db;
    const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: "bench@example.com" });
    const underRls = (db: Db, d: Draw, c: Case) => runAs(db, claims(d.subject), (tx) => tx.execute(c.query(d)));
    const plain = (db: Db, d: Draw, c: Case) => withoutRls(db, claims(d.subject), c.query(d));
    const verdicts = new Verdicts();

    log("");
    log(`Each query under RLS (authenticator + runAs) and without (superuser, same transaction and claims statement): ${BENCH_RUNS} draws, each run on both sides back to back, the order alternating.`);
    for (const c of CASES) {
      // RLS must change nothing but the cost: the same rows on both sides, for a few draws.
      const check = rngFor(`${c.name}:check`);
      const sizes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const d = c.draw(check);
        const a = (await underRls(app, d, c)) as unknown as unknown[];
        const b = (await plain(superDb, d, c)) as unknown as unknown[];
        if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${c.name}: RLS and no-RLS results differ — the comparison would be meaningless\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
        sizes.push(a.length);
      }
      // Each draw on both sides, back to back, the order alternating: identical viewers and
      // filters, and the machine's drift shared.
      const [withRls, without] = await timePairedSamples({
        rng: rngFor(c.name),
        draw: c.draw,
        a: { run: (db: Db, d) => underRls(db, d, c), warm: app, cold: coldDb(admin, appUrl, cold) },
        b: { run: (db: Db, d) => plain(db, d, c), warm: superDb, cold: coldDb(admin, adminUrl, cold) },
      });
      const r50 = withRls.p50 / without.p50;
      const r95 = withRls.p95 / without.p95;
      const rCold = withRls.cold !== null && without.cold !== null ? withRls.cold / without.cold : null;
      const v50 = verdicts.judge(`${c.name}, RLS/no-RLS ratio at p50`, r50.toFixed(2), `<= ${TARGET}`, r50 <= TARGET);
      const v95 = verdicts.judge(`${c.name}, RLS/no-RLS ratio at p95`, r95.toFixed(2), `<= ${TARGET}`, r95 <= TARGET);
      log("");
      log(`${c.name} (rows per run: ${Math.min(...sizes)}-${Math.max(...sizes)})`);
      log(`  under RLS    ${fmtSamples(withRls)}`);
      log(`  without RLS  ${fmtSamples(without)}`);
      log(`  ratio        p50 ${r50.toFixed(2)} ${v50}   p95 ${r95.toFixed(2)} ${v95}   cold ${rCold === null ? "-" : rCold.toFixed(2)} (not judged)`);
    }
    verdicts.print(log, `ratio target <= ${TARGET}, judged at p50 and p95 of ${BENCH_RUNS} drawn runs`);
    await appClient.end();
    await superClient.end();
    await admin.end();
  } finally {
    await pg?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
