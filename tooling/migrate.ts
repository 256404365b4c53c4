/**
 * Applies the schema the way the Supabase CLI does, so `supabase db push` / `db reset` agree:
 *   1. supabase/local/*.sql   only where Supabase's own layer is missing (no auth.users):
 *                             the embedded Postgres or a plain server, never a Supabase project;
 *   2. supabase/migrations/   in file-name order, each in its own transaction, split into
 *                             statements as the CLI splits them (./sql-split.ts) and run one by
 *                             one, recorded in supabase_migrations.schema_migrations (version,
 *                             name, statements: one element per statement);
 *   3. supabase/seed.sql      idempotent configuration rows, recorded in
 *                             supabase_migrations.seed_files (path, hash) as the CLI records seeds.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { splitStatements } from "./sql-split";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LOCAL_DIR = path.join(ROOT, "supabase/local");
const MIGRATIONS_DIR = path.join(ROOT, "supabase/migrations");
const SEED_FILE = path.join(ROOT, "supabase/seed.sql");

type Sql = postgres.Sql;
type Log = (line: string) => void;

export function connect(url: string, max = 1): Sql {
  return postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
}

export function listMigrations(): { version: string; name: string; file: string }[] {
  if (!fs.existsSync(MIGRATIONS_DIR)) return [];
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(f)!;
      return { version, name, file: path.join(MIGRATIONS_DIR, f) };
    });
}

export async function hasSupabaseLayer(sql: Sql): Promise<boolean> {
  const [row] = await sql`select to_regclass('auth.users') is not null as present`;
  return row.present as boolean;
}

/**
 * `embedded: false` is a plain Postgres reached through DATABASE_URL (maybe on a network): the
 * `authenticator` login then gets AUTHENTICATOR_PASSWORD, or no password at all, never the
 * well-known local one.
 */
export async function applyLocalLayer(sql: Sql, log: Log = () => {}, opts: { embedded?: boolean } = {}): Promise<boolean> {
  if (await hasSupabaseLayer(sql)) return false;
  const files = fs.readdirSync(LOCAL_DIR).filter((f) => f.endsWith(".sql")).sort();
  for (const f of files) {
    log(`local layer: ${f}`);
    await sql.unsafe(fs.readFileSync(path.join(LOCAL_DIR, f), "utf8"));
  }
  if (opts.embedded === false) {
    const password = process.env.AUTHENTICATOR_PASSWORD;
    if (password) await sql.unsafe(`alter role authenticator with password ${escapeLiteral(password)}`);
    else await sql.unsafe(`alter role authenticator with password null`);
    log(password ? "authenticator: password from AUTHENTICATOR_PASSWORD" : "authenticator: no password (set AUTHENTICATOR_PASSWORD to let the app log in as it)");
  }
  return true;
}

function escapeLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A statement that failed, named as the Supabase CLI names it: its index, then its text. */
export class StatementError extends Error {
  constructor(readonly source: string, readonly index: number, readonly statement: string, cause: unknown) {
    const e = cause as { message?: string; detail?: string; position?: string };
    super(
      [`${source}: ${e?.message ?? String(cause)}`, ...(e?.detail ? [e.detail] : []), `At statement: ${index}`, statement].join("\n"),
      { cause },
    );
    this.name = "StatementError";
  }
}

/**
 * Runs the statements one by one in `tx`, each through the extended protocol, as the CLI's batch
 * does (so an element holding two statements fails here as it would there).
 */
async function runStatements(tx: postgres.TransactionSql, source: string, statements: string[]): Promise<void> {
  for (let i = 0; i < statements.length; i++) {
    try {
      // postgres.js would use the simple protocol for a query without parameters.
      await tx.unsafe(statements[i], [], { simple: false } as postgres.UnsafeQueryOptions);
    } catch (e) {
      throw new StatementError(source, i, statements[i], e);
    }
  }
}

export async function applyMigrations(sql: Sql, log: Log = () => {}): Promise<number> {
  // The CLI's own DDL for its history table (pkg/migration/history.go).
  await sql.unsafe(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
    alter table supabase_migrations.schema_migrations add column if not exists statements text[];
    alter table supabase_migrations.schema_migrations add column if not exists name text;`);
  const applied = new Set(
    (await sql`select version from supabase_migrations.schema_migrations`).map((r) => r.version as string),
  );
  const migrations = listMigrations();
  // History that names migrations this repository no longer has (the versions before the schema
  // was folded into its baseline, say): applying the files on top would fail half-way on
  // objects that already exist. Say what to do instead.
  const known = new Set(migrations.map((m) => m.version));
  const foreign = [...applied].filter((v) => !known.has(v)).sort();
  if (foreign.length) {
    throw new Error(
      `This database's migration history has ${foreign.length} version(s) that supabase/migrations/ does not (${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", ..." : ""}): ` +
        "it was migrated from an older layout of the schema. Run `npm run db:reset` to rebuild it (the embedded database: or delete .data/postgres).",
    );
  }
  let count = 0;
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    const statements = splitStatements(fs.readFileSync(m.file, "utf8"));
    log(`migration: ${m.version}_${m.name}`);
    await sql.begin(async (tx) => {
      await runStatements(tx, `${m.version}_${m.name}.sql`, statements);
      await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
               values (${m.version}, ${m.name}, ${statements})`;
    });
    count++;
  }
  return count;
}

/** The seed file's path as the CLI records it in supabase_migrations.seed_files (config sql_paths "./seed.sql"). */
export const SEED_PATH = "supabase/seed.sql";

/**
 * Applies supabase/seed.sql (idempotent: on every migrate, unlike the CLI, which skips a seed
 * whose hash it has recorded) and records it as the CLI does: path and SHA-256 of the file in
 * supabase_migrations.seed_files (pkg/migration/seed.go, file.go).
 */
export async function applySeed(sql: Sql, log: Log = () => {}): Promise<void> {
  if (!fs.existsSync(SEED_FILE)) return;
  log("seed: supabase/seed.sql");
  const text = fs.readFileSync(SEED_FILE);
  const hash = createHash("sha256").update(text).digest("hex");
  await sql.begin(async (tx) => {
    await runStatements(tx, SEED_PATH, splitStatements(text.toString("utf8")));
    await tx.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.seed_files (path text not null primary key, hash text not null);`);
    await tx`insert into supabase_migrations.seed_files (path, hash) values (${SEED_PATH}, ${hash})
             on conflict (path) do update set hash = excluded.hash`;
  });
}

/** Everything `db:migrate` does, on one database. */
export async function migrateDatabase(url: string, log: Log = () => {}, opts: { embedded?: boolean } = {}): Promise<void> {
  const sql = connect(url);
  try {
    await applyLocalLayer(sql, log, opts);
    await applyMigrations(sql, log);
    await applySeed(sql, log);
  } finally {
    await sql.end();
  }
}
