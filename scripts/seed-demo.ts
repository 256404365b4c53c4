/**
 * `npm run db:seed` = `tsx scripts/seed-demo.ts [--scale N] [--force]`
 *
 * Fills the database with believable, deterministic demo data for every table: the five demo
 * accounts of tooling/demo-accounts.ts, twenty colleagues, and their chats, documents,
 * sessions, directives, contexts, projects, logs and usage over the last 90 days. The data is
 * generated from fixed-seed random streams and ids derived from names (tooling/demo-data/),
 * so two runs produce the same rows; only timestamps are anchored to "now".
 *
 *   --force    remove the demo data first and seed again (otherwise an existing demo is kept)
 *   --scale N  also load benchmark volumes: N x 1M usage_logs, N x 1M error_logs, N x 100k chats
 *              over 10,000 generated users (see demo-data/bulk.ts)
 *
 * The seeder writes as the superuser: it is a system writer (docs/architecture.md#who-uses-the-superuser-connection), and its plain
 * INSERTs run the schema's triggers like any other writer's.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_ACCOUNTS } from "../tooling/demo-accounts";
import { failureText } from "../tooling/failure";
import { connect, migrateDatabase } from "../tooling/migrate";
import { openDatabase } from "../tooling/stack";
import { buildActivityLogs } from "../tooling/demo-data/activity";
import { type BulkSizes, bulkSizes, LOAD_EMAIL_DOMAIN, LOAD_USER_PASSWORD, loadUsersPresent, seedBulk } from "../tooling/demo-data/bulk";
import { loadCatalog } from "../tooling/demo-data/catalog";
import { buildChats } from "../tooling/demo-data/chats";
import { deleteDemoData } from "../tooling/demo-data/cleanup";
import { buildContexts } from "../tooling/demo-data/contexts";
import type { SeedContext } from "../tooling/demo-data/context";
import { buildDirectives } from "../tooling/demo-data/directives";
import { buildErrorLogs } from "../tooling/demo-data/errors";
import { insertRows, type Tx } from "../tooling/demo-data/insert";
import { buildOperations } from "../tooling/demo-data/operations";
import { Clock } from "../tooling/demo-data/random";
import { buildSessions } from "../tooling/demo-data/sessions";
import { buildGithubRepositories, buildRateLimits, buildUnpricedUsage } from "../tooling/demo-data/usage";
import { buildUsers, hashPasswords, insertUsers, seedUserId } from "../tooling/demo-data/users";

export type SeedOptions = {
  /** N >= 1: also load the benchmark volumes. */
  scale?: number;
  log?: (line: string) => void;
  /** Remove the demo data first and seed again. */
  force?: boolean;
  /** Row counts of the scale path, for tests of it at a tiny size. */
  scaleRows?: Partial<BulkSizes>;
  /** The instant the generated times are relative to (default: now). */
  now?: Date;
};

/** The demo is present when its admin account is. */
async function demoPresent(tx: Tx): Promise<boolean> {
  const rows = await tx.unsafe(`select 1 from auth.users where email = 'admin@example.com'`);
  return rows.length > 0;
}

export async function seedDemo(adminUrl: string, opts: SeedOptions = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  const scale = opts.scale ?? 0;
  if (!Number.isInteger(scale) || scale < 0) throw new Error(`scale must be a whole number, 1 or more (got ${opts.scale})`);
  const clock = new Clock(opts.now ?? new Date());
  const sql = connect(adminUrl);
  try {
    await seedBase(sql, clock, opts, log);
    if (scale >= 1) {
      const present = await loadUsersPresent(sql);
      // --force removed the load users together with the demo, so any present now are wanted.
      if (present > 0) {
        log(`bulk data already present (${present} load users); use --force to regenerate it`);
      } else {
        const catalog = await loadCatalog(sql);
        const t = performance.now();
        await seedBulk(adminUrl, clock.anchor, catalog, bulkSizes(scale, opts.scaleRows), log);
        log(`Bulk data loaded in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
      }
    }
  } finally {
    await sql.end();
  }
}

/** The demo itself, in one transaction: all of it or none of it. Returns whether it seeded. */
async function seedBase(sql: ReturnType<typeof connect>, clock: Clock, opts: SeedOptions, log: (l: string) => void): Promise<boolean> {
  if ((await demoPresent(sql)) && !opts.force) {
    log("demo data already present (admin@example.com exists); use --force to replace it");
    return false;
  }
  const users = buildUsers(clock);
  // bcrypt is slow on purpose: hash before the transaction opens, not while it holds locks.
  const hashes = await hashPasswords(users);
  return sql.begin(async (tx) => {
    // Two seeders started at once (dev.ts and a manual db:seed) must not both insert.
    await tx.unsafe(`select pg_advisory_xact_lock(hashtext('seed-demo'))`);
    if (opts.force) await deleteDemoData(tx, log);
    else if (await demoPresent(tx)) {
      log("demo data already present");
      return false;
    }
    const t = performance.now();
    const ctx: SeedContext = { clock, users, catalog: await loadCatalog(tx), actions: [] };

    // Generation is pure and ordered: generators that report user actions run before the
    // activity logs are built from them.
    const chats = buildChats(ctx);
    const rateLimits = buildRateLimits(ctx);
    const directives = buildDirectives(ctx);
    const contexts = buildContexts(ctx);
    const sessions = buildSessions(ctx);
    const operations = buildOperations(ctx);
    const errors = buildErrorLogs(ctx);
    const github = buildGithubRepositories(ctx);
    const unpriced = buildUnpricedUsage(ctx);
    const activity = buildActivityLogs(ctx);

    // Users first: triggers validate user ids against auth.users.
    await insertUsers(tx, users, hashes);
    await insertRows(tx, "directives", directives.directives);
    await insertRows(tx, "directive_versions", directives.versions);
    await insertRows(tx, "runs", directives.runs);
    await insertRows(tx, "lockfiles", directives.lockfiles);
    await insertRows(tx, "Chat", chats.chats);
    await insertRows(tx, "Message_v2", chats.messages);
    await insertRows(tx, "Vote_v2", chats.votes);
    await insertRows(tx, "Stream", chats.streams);
    await insertRows(tx, "Document", chats.documents);
    await insertRows(tx, "Suggestion", chats.suggestions);
    await insertRows(tx, "usage_logs", [...chats.usage, ...unpriced]);
    await insertRows(tx, "rate_limit_tracking", rateLimits);
    await insertRows(tx, "github_repositories", github);
    await insertRows(tx, "error_logs", errors);
    // Issue 5: pin each resolved group's latest note (error_groups), where that migration exists.
    const [{ groups }] = await tx.unsafe(`select to_regprocedure('public.rebuild_error_groups()') is not null as groups`);
    if (groups) await tx.unsafe(`select public.rebuild_error_groups()`);
    await insertRows(tx, "user_activity_logs", activity.user);
    await insertRows(tx, "agent_activity_logs", activity.agent);
    await insertRows(tx, "Context", contexts.contexts);
    await insertRows(tx, "Message", contexts.messages);
    await insertRows(tx, "Action", contexts.actions);
    await insertRows(tx, "Preview", contexts.previews);
    await insertRows(tx, "sessions", sessions.sessions);
    // Children through plain INSERTs: the counter triggers fill revision/draft/hole counts.
    await insertRows(tx, "session_revisions", sessions.revisions);
    await insertRows(tx, "session_drafts", sessions.drafts);
    await insertRows(tx, "hole_resolutions", sessions.holes);
    // The counter triggers touched updated_at (now()); put back when each session last changed.
    // Replica mode keeps the updated_at trigger from overwriting it again.
    await tx.unsafe(`set local session_replication_role = replica`);
    await tx.unsafe(
      `update public.sessions s set updated_at = x.updated_at
         from json_populate_recordset(null::public.sessions, $1::text::json) x where s.id = x.id`,
      [JSON.stringify([...sessions.finalTimes].map(([id, at]) => ({ id, updated_at: at.toISOString() })))],
    );
    await tx.unsafe(`set local session_replication_role = origin`);
    await insertRows(tx, "projects", operations.projects);
    await insertRows(tx, "ingest_jobs", operations.ingestJobs);
    await insertRows(tx, "ingest_skipped_rows", operations.skippedRows);
    await insertRows(tx, "data_records", operations.records);
    await insertRows(tx, "analytics_jobs", operations.analyticsJobs);
    await insertRows(tx, "bonus_windows", operations.bonusWindows);
    await insertRows(tx, "likert_scores", operations.likert);
    log(`Demo data seeded in ${((performance.now() - t) / 1000).toFixed(1)} s (${users.length} users, password hashing excluded).`);
    return true;
  });
}

/** Row counts of every table the seed writes, for the summary. */
export async function tableCounts(adminUrl: string): Promise<{ table: string; rows: number }[]> {
  const sql = connect(adminUrl);
  try {
    const tables = await sql.unsafe(
      `select format('%I.%I', n.nspname, c.relname) as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and (n.nspname = 'public' or (n.nspname = 'auth' and c.relname in ('users', 'identities')))
        order by n.nspname, c.relname`,
    );
    const out: { table: string; rows: number }[] = [];
    for (const t of tables) {
      const [{ n }] = await sql.unsafe(`select count(*)::bigint as n from ${t.name}`);
      out.push({ table: t.name as string, rows: Number(n) });
    }
    return out;
  } finally {
    await sql.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      force: { type: "boolean", default: false },
      "allow-remote": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log("usage: npm run db:seed -- [--scale N] [--force] [--allow-remote]");
    return;
  }
  const scale = values.scale === undefined ? 0 : Number(values.scale);
  if (values.scale !== undefined && (!Number.isInteger(scale) || scale < 1)) {
    throw new Error(`--scale must be a whole number of at least 1 (got "${values.scale}")`);
  }
  const started = performance.now();
  const log = (l: string) => console.log(l);
  const db = await openDatabase({ reuseRunning: true, log });
  if (!db.embedded && !values["allow-remote"]) {
    // Demo accounts have published passwords, one of them an admin's: never by accident on a real project.
    await db.stop();
    throw new Error("DATABASE_URL is set: demo accounts with known passwords (one an admin) would be created there. Add --allow-remote if that is what you want.");
  }
  try {
    await migrateDatabase(db.adminUrl, log, { embedded: db.embedded });
    await seedDemo(db.adminUrl, { scale, force: values.force, log });
    const counts = await tableCounts(db.adminUrl);
    const width = Math.max(...counts.map((c) => c.table.length));
    console.log("\nRows per table:");
    for (const c of counts) console.log(`  ${c.table.padEnd(width)}  ${c.rows.toLocaleString("en-US").padStart(11)}`);
    // Known passwords of a local demo (tooling/demo-accounts.ts), printed for convenience.
    console.log("\nDemo accounts:");
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(8)} ${a.email.padEnd(22)} ${a.password}`);
    console.log(`  (and 20 colleagues, e.g. carla.mendes@example.com / demo-carla-pass)`);
    if (scale) console.log(`  load users: user00001@${LOAD_EMAIL_DOMAIN} ... user10000@${LOAD_EMAIL_DOMAIN} / ${LOAD_USER_PASSWORD}`);
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await db.stop();
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // Any failure: exit non-zero, with the statement that failed.
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (e) => {
      console.error(failureText(e));
      process.exit(1);
    },
  );
}

// Exported for tests and dev.ts: the id a demo user gets, derived from its e-mail.
export { seedUserId };
