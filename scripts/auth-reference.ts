/**
 * Writes supabase/local/auth-reference.json: the `auth` schema as hosted Supabase builds it, read
 * from a throwaway Postgres on which the same SQL ran in the same order as on a Supabase project:
 *
 *   1. supabase/postgres  migrations/db/init-scripts/00000000000001-auth-schema.sql (the image's
 *      first auth tables, role supabase_auth_admin) and migrations/db/migrations/*auth* owner fixes;
 *   2. supabase/auth      migrations/*.up.sql in version order, as the Auth service runs them at
 *      start-up: logged in as supabase_auth_admin, `{{ index .Options "Namespace" }}` = auth.
 *
 * The record lists per table each column's name, type, nullability, default and generation
 * expression, and whether row level security is on; per claims function its language,
 * volatility, parallel label, owner, settings and whether PUBLIC may execute it. tests/db/auth-schema.test.ts
 * compares the local auth schema (supabase/local/01_auth.sql) with it.
 *
 *   npx tsx scripts/auth-reference.ts <supabase/auth checkout> <supabase/postgres checkout>
 *
 * Each checkout may be a work tree or a bare git directory (files are read with `git show HEAD:`).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { ROOT } from "../tooling/migrate";

const [authRepo, postgresRepo] = process.argv.slice(2);
if (!authRepo || !postgresRepo) {
  console.error("usage: tsx scripts/auth-reference.ts <supabase/auth checkout> <supabase/postgres checkout>");
  process.exit(2);
}

const git = (repo: string, ...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
const show = (repo: string, file: string) => git(repo, "show", `HEAD:${file}`);
const ls = (repo: string, dir: string) => git(repo, "ls-tree", "--name-only", `HEAD:${dir}`).split("\n").filter(Boolean);

async function main() {
  const pg = await startThrowawayPostgres();
  const sql = postgres(pg.url(), { max: 1, onnotice: () => {} });
  try {
    // What the image has before its auth script: the API roles and supabase_admin.
    await sql.unsafe(`
      create role supabase_admin login superuser;
      create role anon nologin noinherit;
      create role authenticated nologin noinherit;
      create role service_role nologin noinherit bypassrls;
      create role dashboard_user nologin;`);
    await sql.unsafe(show(postgresRepo, "migrations/db/init-scripts/00000000000001-auth-schema.sql"));
    for (const f of ls(postgresRepo, "migrations/db/migrations")) {
      if (/update-auth-(owner|permissions)\.sql$/.test(f)) await sql.unsafe(show(postgresRepo, `migrations/db/migrations/${f}`));
    }

    const files = ls(authRepo, "migrations").filter((f) => f.endsWith(".up.sql") && !/\.(cockroach|mysql)\.up\.sql$/.test(f)).sort();
    for (const f of files) {
      const text = show(authRepo, `migrations/${f}`).replace(/\{\{\s*index \.Options "Namespace"\s*\}\}/g, "auth");
      await sql.begin(async (tx) => {
        await tx.unsafe("set local role supabase_auth_admin; set local search_path = auth");
        await tx.unsafe(text);
      });
    }

    const tables = await sql<{ table: string; rls: boolean }[]>`
      select c.relname as table, c.relrowsecurity as rls
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'auth' and c.relkind in ('r', 'p') order by 1`;
    const columns = await sql<{ table: string; name: string; type: string; nullable: boolean; default: string | null; generated: string | null }[]>`
      select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
             not a.attnotnull as nullable,
             case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end as default,
             case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end as generated
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = 'auth' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`;
    const functions = await sql<{ name: string; args: string; returns: string; language: string; volatility: string; parallel: string; owner: string; security_definer: boolean; config: string[] | null; acl: string[] | null }[]>`
      select p.proname as name, pg_get_function_identity_arguments(p.oid) as args,
             pg_get_function_result(p.oid) as returns, l.lanname as language,
             case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end as volatility,
             case p.proparallel when 's' then 'safe' when 'r' then 'restricted' else 'unsafe' end as parallel,
             pg_get_userbyid(p.proowner) as owner, p.prosecdef as security_definer, p.proconfig as config,
             p.proacl::text[] as acl
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
      where n.nspname = 'auth' order by 1`;

    const out = {
      comment:
        "The auth schema as hosted Supabase has it, written by scripts/auth-reference.ts from the upstream SQL named in `source`. " +
        "tests/db/auth-schema.test.ts compares supabase/local/01_auth.sql with it. Regenerate, do not edit.",
      source: {
        "supabase/auth": { commit: git(authRepo, "rev-parse", "HEAD").trim(), migrations: files.length, last: files[files.length - 1] },
        "supabase/postgres": { commit: git(postgresRepo, "rev-parse", "HEAD").trim(), files: ["migrations/db/init-scripts/00000000000001-auth-schema.sql", "migrations/db/migrations/*update-auth-owner*, *update-auth-permissions*"] },
        postgres: (await sql`show server_version`)[0].server_version,
      },
      tables: Object.fromEntries(
        tables.map((t) => [
          t.table,
          {
            rls: t.rls,
            columns: columns.filter((c) => c.table === t.table).map(({ table: _t, ...c }) => c),
          },
        ]),
      ),
      functions: Object.fromEntries(
        // Of the ACL only PUBLIC's EXECUTE is recorded: the other entries depend on which role ran
        // the image's init scripts (supabase_admin there, the superuser here).
        functions.map(({ name, acl, ...f }) => [`${name}(${f.args})`, { ...f, public_execute: acl === null || acl.some((a) => a.startsWith("=X/")) }]),
      ),
    };
    const file = path.join(ROOT, "supabase/local/auth-reference.json");
    fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
    console.log(`wrote ${path.relative(ROOT, file)}: ${tables.length} tables, ${columns.length} columns, ${functions.length} functions`);
  } finally {
    await sql.end();
    await pg.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
