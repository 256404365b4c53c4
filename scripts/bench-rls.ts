/**
 * npm run bench:rls — what row level security costs at scale.
 *
 * Loads 1,000,000 rows into usage_logs and into "Chat" across 10,000 users (a throwaway
 * embedded Postgres, or BENCH_DATABASE_URL), then times, for a user's own-rows queries and for
 * an admin's all-rows aggregates, the same statement under RLS (authenticator + runAs, as the
 * app runs it) and without RLS (the superuser), and prints their ratio. Target: ratio <= 1.5.
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

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const log = (l: string) => console.log(l);

async function load(admin: postgres.Sql) {
  const t0 = performance.now();
  await admin.begin((tx) => loadBenchUsers(tx, USERS));
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

type Case = { name: string; who: "user" | "admin"; query: (userId: string) => SQL };

const CASES: Case[] = [
  {
    name: "user: own usage, newest 50",
    who: "user",
    query: (u) => dsql`select id, agent_type, model_used, total_tokens, total_cost, request_timestamp
                      from public.usage_logs where user_id = ${u} order by request_timestamp desc limit 50`,
  },
  {
    name: "user: own usage, 30-day total",
    who: "user",
    query: (u) => dsql`select count(*), sum(total_tokens), sum(total_cost) from public.usage_logs
                      where user_id = ${u} and request_timestamp >= now() - interval '30 days'`,
  },
  {
    name: "user: own chats, newest 50",
    who: "user",
    query: (u) => dsql`select id, title, visibility, "createdAt", total_cost from public."Chat"
                      where user_id = ${u} order by "createdAt" desc, id desc limit 50`,
  },
  {
    name: "admin: usage by agent, all rows",
    who: "admin",
    query: () => dsql`select agent_type, count(*), sum(total_tokens), sum(total_cost) from public.usage_logs group by agent_type order by 1`,
  },
  {
    name: "admin: usage by day, 30 days",
    who: "admin",
    query: () => dsql`select date_trunc('day', request_timestamp) as day, count(*), sum(total_cost) from public.usage_logs
                     where request_timestamp >= now() - interval '30 days' group by 1 order by 1`,
  },
  {
    name: "admin: chats, all rows",
    who: "admin",
    query: () => dsql`select visibility, count(*), sum(total_cost) from public."Chat" group by visibility order by 1`,
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

const time = (fn: () => Promise<unknown>) => timeMedian(fn, RUNS);

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres();
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:rls — ${ROWS.toLocaleString()} rows per table, ${USERS.toLocaleString()} users, median of ${RUNS} runs`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    log("Loading:");
    await load(admin);

    const appClient = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const superClient = postgres(adminUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    const superDb = drizzle(superClient) as unknown as Db;

    const userId = (await admin`select md5('bench-user-42')::uuid as id`)[0].id as string;
    const adminId = (await admin`select md5('bench-user-1')::uuid as id`)[0].id as string;
    const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: "bench@example.com" });

    log("");
    log(`${"query".padEnd(36)} ${"rows".padStart(6)} ${"under RLS".padStart(12)} ${"without RLS".padStart(12)} ${"ratio".padStart(7)}`);
    const ratios: number[] = [];
    for (const c of CASES) {
      const subject = c.who === "user" ? userId : adminId;
      const q = c.query(subject);
      const rows = (await runAs(app, claims(subject), (tx) => tx.execute(q))) as unknown as unknown[];
      // The baseline takes the same path (transaction + the claims statement) as the superuser,
      // whom RLS does not apply to: the difference is the policies' cost alone.
      const plain = (await withoutRls(superDb, claims(subject), q)) as unknown as unknown[];
      if (JSON.stringify(rows) !== JSON.stringify(plain)) {
        throw new Error(`${c.name}: RLS and no-RLS results differ — the comparison would be meaningless`);
      }
      const withRls = await time(() => runAs(app, claims(subject), (tx) => tx.execute(q)));
      const without = await time(() => withoutRls(superDb, claims(subject), q));
      const ratio = withRls / without;
      ratios.push(ratio);
      log(`${c.name.padEnd(36)} ${String(rows.length).padStart(6)} ${ms(withRls).padStart(12)} ${ms(without).padStart(12)} ${ratio.toFixed(2).padStart(7)}`);
    }
    log("");
    const worst = Math.max(...ratios);
    log(`worst ratio ${worst.toFixed(2)} (target <= 1.5): ${worst <= 1.5 ? "met" : "NOT met"}`);
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
