/**
 * npm run bench:config — the admin configuration pages (issue 4) at volume.
 *
 * Loads BENCH_CONFIG_ROWS usage_logs rows (default 1,000,000) over 90 days and
 * BENCH_CONFIG_REVISIONS config_history revisions (default 20,000, written by real UPDATEs so the
 * trigger runs) for 10,000 users into a throwaway embedded Postgres (durable, as Supabase runs it)
 * or BENCH_DATABASE_URL, then times, through the app's own path (authenticator login + runAs as
 * an admin), the reads and writes of the pages: /admin/models (models + 30 days of usage per
 * model + history), the price preview of one model, /admin/agents (all configs with their seeded
 * defaults + history, or one config's), a versioned save rolled back (the work) and committed
 * (the work and the commit's WAL flush), a refused stale save (what changed meanwhile), and the
 * cost of view-as (the same read in a READ ONLY transaction). Every run draws its viewer (admins
 * among the first ten bench users, users among the others) and what it reads or saves.
 * No target is stated for these pages: figures only, no verdicts.
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
import { benchUserId, coldDb, coldMode, fmtSamples, loadBenchUsers, ms, pick, printBenchHeader, randInt, rngFor, timeSamples, type Rng } from "../tooling/bench";
import { connect, migrateDatabase } from "../tooling/migrate";

const ROWS = Number(process.env.BENCH_CONFIG_ROWS ?? 1_000_000);
const REVISIONS = Number(process.env.BENCH_CONFIG_REVISIONS ?? 20_000);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const ADMINS = 10;
const log = (l: string) => console.log(l);

class Rollback extends Error {}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres(undefined, { durable: true });
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  try {
    log(`bench:config — ${ROWS.toLocaleString()} usage_logs rows over 90 days, ${REVISIONS.toLocaleString()} config revisions, ${USERS.toLocaleString()} users (${ADMINS} admins)`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    const cold = await coldMode(admin, { install: !external });
    await printBenchHeader(log, admin, { cold });
    log("Loading:");
    let t0 = performance.now();
    await loadBenchUsers(admin, USERS, { admins: ADMINS });
    log(`  ${USERS.toLocaleString()} users in ${ms(performance.now() - t0)}`);
    t0 = performance.now();
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
    log(`  ${n.toLocaleString()} config_history revisions written by the trigger (one transaction) in ${ms(performance.now() - t0)}`);

    const appClient = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(appClient) as unknown as Db;
    t0 = performance.now();
    await admin.unsafe(`insert into public."Chat" (title, user_id) select 'c' || i, md5('bench-user-' || (1 + i % ${USERS}))::uuid from generate_series(1, 50000) i; analyze public."Chat";`);
    log(`  50,000 chats in ${ms(performance.now() - t0)}`);
    const agentKeys = (await admin`select config_key from public.admin_config where config_key like '%agent%' order by 1`).map((r) => r.config_key as string);
    const modelIds = (await admin`select model_id from public.model_config order by 1`).map((r) => r.model_id as string);
    const agentIds = (await admin`select id::text as id from public.admin_config where config_key like '%agent%' order by 1`).map((r) => r.id as string);
    const claims = (sub: string): VerifiedClaims => ({ sub, role: "authenticated", aud: "authenticated", email: "bench@example.com" });
    const adminViewer = (rng: Rng) => benchUserId(randInt(rng, 1, ADMINS));
    const userViewer = (rng: Rng) => benchUserId(randInt(rng, ADMINS + 1, USERS));

    /** A save as the form sends it: the row's version as loaded, its data with one setting changed. */
    const save = (db: Db, d: { viewer: string; key: string; perMinute: number }, commit: boolean) =>
      runAs(db, claims(d.viewer), async (tx) => {
        const [c] = (await tx.execute(sql`select config_data, updated_at::text as v from public.admin_config where config_key = ${d.key}`)) as unknown as {
          config_data: Record<string, unknown>;
          v: string;
        }[];
        const data = { ...c.config_data, rateLimit: { ...(c.config_data.rateLimit as object), perMinute: d.perMinute } };
        const out = await updateAdminConfig(tx, { configKey: d.key, version: c.v, data, userId: d.viewer });
        if (out.status !== "ok") throw new Error(`expected ok, got ${out.status}`);
        if (!commit) throw new Rollback();
      }).catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    const saveDraw = (rng: Rng) => ({ viewer: adminViewer(rng), key: pick(rng, agentKeys), perMinute: randInt(rng, 1, 500) });
    const chats = (db: Db, u: string, readOnly: boolean) =>
      runAs(db, claims(u), (tx) => tx.execute(sql`select id, title from public."Chat" where user_id = ${u} order by "createdAt" desc limit 50`), { readOnly });

    type Case = { name: string; draw: (rng: Rng) => unknown; run: (db: Db, d: never) => Promise<unknown> };
    const cases: Case[] = [
      {
        name: "/admin/models reads",
        draw: adminViewer,
        run: (db, v: string) =>
          runAs(db, claims(v), async (tx) => [await listModels(tx), await usageByModelLast30Days(tx), await listRevisions(tx, { table: "model_config", limit: 100 })]),
      },
      {
        name: "price preview (one model, 30 d)",
        draw: (rng) => ({ viewer: adminViewer(rng), model: pick(rng, modelIds) }),
        run: (db, d: { viewer: string; model: string }) => runAs(db, claims(d.viewer), (tx) => usageByModelLast30Days(tx, d.model)),
      },
      {
        name: "/admin/agents reads (all, or one's history)",
        draw: (rng) => ({ viewer: adminViewer(rng), rowId: rng() < 0.5 ? pick(rng, agentIds) : undefined }),
        run: (db, d: { viewer: string; rowId?: string }) =>
          runAs(db, claims(d.viewer), async (tx) => [await listAdminConfigs(tx), await listRevisions(tx, { table: "admin_config", rowId: d.rowId, limit: 100 })]),
      },
      { name: "versioned save, rolled back", draw: saveDraw, run: (db, d: ReturnType<typeof saveDraw>) => save(db, d, false) },
      { name: "versioned save, committed", draw: saveDraw, run: (db, d: ReturnType<typeof saveDraw>) => save(db, d, true) },
      {
        name: "stale save refused + what changed",
        draw: (rng) => ({ viewer: adminViewer(rng), key: pick(rng, agentKeys) }),
        run: (db, d: { viewer: string; key: string }) =>
          runAs(db, claims(d.viewer), async (tx) => {
            const out = await updateAdminConfig(tx, { configKey: d.key, version: "2000-01-01 00:00:00+00", data: { enabled: true }, userId: d.viewer });
            if (out.status !== "conflict") throw new Error("expected conflict");
          }),
      },
      { name: "user's chats, normal", draw: userViewer, run: (db, u: string) => chats(db, u, false) },
      { name: "user's chats, view-as (READ ONLY)", draw: userViewer, run: (db, u: string) => chats(db, u, true) },
    ];
    log("");
    for (const c of cases) {
      const s = await timeSamples({ rng: rngFor(c.name), draw: c.draw, run: (db: Db, d) => c.run(db, d as never), warm: app, cold: coldDb(admin, appUrl, cold) });
      log(`${c.name.padEnd(44)} ${fmtSamples(s)}`);
    }
    log("");
    log("Verdicts: none. No target is stated for the configuration pages (this script, README): the figures are reported, not judged.");
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
