/**
 * `db:seed` against a database that refuses `set session_replication_role` (a role that is not a
 * superuser, like `postgres` on a Supabase project) exits non-zero and prints the statement that
 * failed. The role has what Supabase's `postgres` has on the project's schema (all privileges on
 * public and auth, BYPASSRLS, the migration history), so the seed gets as far as that statement.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../tooling/migrate";
import { createTestDb, type TestDb } from "../helpers/db";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const ROLE = "seed_not_superuser";

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
  await db.admin.unsafe(`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${ROLE}') then
        create role ${ROLE} login nosuperuser bypassrls password '${ROLE}';
      end if;
    end $$;
    grant create on database ${db.name} to ${ROLE};
    grant usage, create on schema public, auth, extensions, supabase_migrations to ${ROLE};
    grant all on all tables in schema public, auth to ${ROLE};
    grant all on all sequences in schema public, auth to ${ROLE};
    grant all on all functions in schema public, auth to ${ROLE};
    alter table supabase_migrations.schema_migrations owner to ${ROLE};
    alter table supabase_migrations.seed_files owner to ${ROLE};`);
});
afterAll(async () => { await db?.drop(); });

function seed(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["scripts/seed-demo.ts", "--allow-remote"],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeout: 240_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

describe("db:seed on a database that refuses a statement", () => {
  it("exits non-zero and prints the statement that failed", async () => {
    const url = db.adminUrl.replace(/\/\/[^@]+@/, `//${ROLE}:${ROLE}@`);
    const r = await seed(url);
    expect(r.stderr).toMatch(/permission denied to set parameter "session_replication_role"/);
    expect(r.stderr).toMatch(/set local session_replication_role = replica/);
    expect(r.code).not.toBe(0);
    // All or nothing: the demo's transaction rolled back.
    const [{ n }] = await db.admin`select count(*)::int as n from auth.users where email = 'admin@example.com'`;
    expect(n).toBe(0);
  }, 300_000);
});
