/**
 * npm run bench:config — the admin configuration pages (issue 4) at volume.
 *
 * Loads BENCH_CONFIG_ROWS usage_logs rows (default 1,000,000) over 90 days and
 * BENCH_CONFIG_REVISIONS config_history revisions (default 20,000, written by real UPDATEs so the
 * trigger runs) into a throwaway embedded Postgres or BENCH_DATABASE_URL, then times, through
 * the app's own path (authenticator login + runAs as an admin), the reads and writes of the
 * pages: /admin/models (models + 30 days of usage per model + history), the price preview of
 * one model, /admin/agents (all configs with their seeded defaults + history), a versioned
 * save (trigger + history row), a refused stale save (what changed meanwhile), and the cost of
 * view-as (the same read in a READ ONLY transaction).
 * A benchmark, not a test: it prints figures and exits 0.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { runAs, type Db, type VerifiedClaims } from "../lib/db/run-as";
import { listAdminConfigs, listModels, listRevisions, usageByModelLast30Days } from "../lib/db/queries/config";
import { updateAdminConfig } from "../lib/db/mutations/config";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { withIndexesRebuilt } from "../tooling/bulk";
import { loadBenchUsers, ms, timeMedian } from "../tooling/bench";
import { connect, migrateDatabase } from "../tooling/migrate";

const ROWS = Number(process.env.BENCH_CONFIG_ROWS ?? 1_000_000);
const REVISIONS = Number(process.env.BENCH_CONFIG_REVISIONS ?? 20_000);
const USERS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const log = (l: string) => console.log(l);

class Rollback extends Error {}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres();
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:config — ${ROWS.toLocaleString()} usage_logs rows over 90 days, ${REVISIONS.toLocaleString()} config revisions, median of ${RUNS} runs`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    await loadBenchUsers(admin, USERS);
    let t0 = performance.now();
    await admin.begin(async (tx) => {
      await tx.unsafe(`set local session_replication_role = replica`);
      await withIndexesRebuilt(tx, "usage_logs", () =>
        tx.unsafe(`
        insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens, total_cost, request_timestamp)
        select md5('bench-user-' || (1 + (i * 7919) % ${USERS}))::uuid,
               (array['chat_model_agent','provider_tools_agent','document_agent','python_agent','mermaid_agent','git_mcp_agent'])[(1 + i % 6)::int],
               (array['gemini-2.0-flash','gpt-4o','claude-3-5-sonnet-20241022','gemini-2.5-pro','gpt-4o-mini','bench-unpriced-model'])[(1 + i % 6)::int],
               (array['google','openai','anthropic','google','openai','mistral'])[(1 + i % 6)::int],
               (i * 31) % 5000, (i * 17) % 3000, (i * 31) % 5000 + (i * 17) % 3000,
               case when i % 10 < 7 then ((i * 31) % 5000) / 1e6 end,
               now() - ((i * 2654435761) % (90 * 86400000000::bigint)) * interval '1 microsecond'
        from generate_series(1::bigint, ${ROWS}::bigint) i`),
      );
    });
    await admin`select public.rebuild_usage_rollups()`;
    for (const t of ["public.usage_logs", "public.usage_rollup_hourly"]) await admin.unsafe(`vacuum analyze ${t}`);
    log(`  usage loaded and rolled up in ${ms(performance.now() - t0)}`);
    t0 = performance.now();
    // Real UPDATEs, so every revision is written by the trigger, spread over the 18 agent configs.
    await admin.unsafe(`
      do $$
      declare k text[] := array(select config_key from public.admin_config where config_key like '%agent%' order by 1);
      begin
        for i in 1..${REVISIONS} loop
          update public.admin_config set config_data = jsonb_set(config_data, '{rateLimit,perMinute}', to_jsonb(1 + i % 50))
          where config_key = k[1 + i % array_length(k, 1)];
        end loop;
      end $$;`);
    await admin.unsafe(`vacuum analyze public.config_history`);
    const [{ n }] = await admin`select count(*)::int as n from public.config_history`;
    log(`  ${n.toLocaleString()} config_history revisions written by the trigger in ${ms(performance.now() - t0)}`);

    const appClient = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    const adminId = (await admin`select md5('bench-user-1')::uuid as id`)[0].id as string;
    const userId = (await admin`select md5('bench-user-42')::uuid as id`)[0].id as string;
    await admin.unsafe(`insert into public."Chat" (title, user_id) select 'c' || i, md5('bench-user-' || (1 + i % ${USERS}))::uuid from generate_series(1, 50000) i; analyze public."Chat";`);
    const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: "bench@example.com" });
    const asAdmin = <T>(fn: Parameters<typeof runAs<T>>[2]) => runAs(app, claims(adminId), fn);

    const cases: [string, () => Promise<unknown>][] = [
      [
        "/admin/models reads",
        () => asAdmin(async (tx) => [await listModels(tx), await usageByModelLast30Days(tx), await listRevisions(tx, { table: "model_config", limit: 100 })]),
      ],
      ["price preview (one model, 30 d)", () => asAdmin((tx) => usageByModelLast30Days(tx, "gpt-4o"))],
      [
        "/admin/agents reads",
        () => asAdmin(async (tx) => [await listAdminConfigs(tx), await listRevisions(tx, { table: "admin_config", limit: 100 })]),
      ],
      [
        "versioned save (rolled back)",
        () =>
          asAdmin(async (tx) => {
            const [c] = (await tx.execute(sql`select config_data, updated_at::text as v from public.admin_config where config_key = 'python_agent_google'`)) as unknown as {
              config_data: Record<string, unknown>;
              v: string;
            }[];
            const out = await updateAdminConfig(tx, { configKey: "python_agent_google", version: c.v, data: { ...c.config_data, enabled: false }, userId: adminId });
            if (out.status !== "ok") throw new Error("expected ok");
            throw new Rollback();
          }).catch((e) => {
            if (!(e instanceof Rollback)) throw e;
          }),
      ],
      [
        "stale save refused + what changed",
        () =>
          asAdmin(async (tx) => {
            const out = await updateAdminConfig(tx, { configKey: "python_agent_google", version: "2000-01-01 00:00:00+00", data: { enabled: true }, userId: adminId });
            if (out.status !== "conflict") throw new Error("expected conflict");
          }),
      ],
      ["user's chats, normal", () => runAs(app, claims(userId), (tx) => tx.execute(sql`select id, title from public."Chat" where user_id = ${userId} order by "createdAt" desc limit 50`))],
      [
        "user's chats, view-as (READ ONLY)",
        () => runAs(app, claims(userId), (tx) => tx.execute(sql`select id, title from public."Chat" where user_id = ${userId} order by "createdAt" desc limit 50`), { readOnly: true }),
      ],
    ];
    log("");
    log(`${"case".padEnd(36)} ${"median".padStart(10)}`);
    for (const [name, fn] of cases) log(`${name.padEnd(36)} ${ms(await timeMedian(fn, RUNS)).padStart(10)}`);
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
