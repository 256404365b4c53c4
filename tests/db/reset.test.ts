/**
 * `db:reset` on a database where schema public carries Supabase's grants (as supabase/postgres's
 * init script 00000000000000-initial-schema.sql and the realtime setup leave them: owner
 * pg_database_owner, PUBLIC usage, the API roles' usage, the realtime admin's create, default
 * privileges of the migrating role and of supabase_admin): the real command, `tsx scripts/db.ts
 * reset --force` with DATABASE_URL, then `db.ts verify`. The schema, its owner, ACL and default
 * privileges are as before; the project's rows and users are gone and its objects back.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../tooling/migrate";
import { createTestDb, createUser, type TestDb } from "../helpers/db";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
  await db.admin.unsafe(`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'supabase_admin') then create role supabase_admin nologin; end if;
      if not exists (select 1 from pg_roles where rolname = 'supabase_realtime_admin') then create role supabase_realtime_admin nologin noinherit; end if;
    end $$;
    alter schema public owner to pg_database_owner;
    revoke all on schema public from public;
    grant usage on schema public to public;
    grant usage on schema public to postgres, anon, authenticated, service_role;
    grant usage, create on schema public to supabase_realtime_admin;
    alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
    alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
    alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
    alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, authenticated, service_role;
    alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, authenticated, service_role;
    alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, authenticated, service_role;`);
});
afterAll(async () => { await db?.drop(); });

/** Owner, ACL and default privileges of schema public, in a comparable form. */
async function publicGrants() {
  const [schema] = await db.admin<{ owner: string; acl: string[] }[]>`
    select pg_get_userbyid(n.nspowner) as owner,
           array(select case when x.grantee = 0 then 'PUBLIC' else pg_get_userbyid(x.grantee) end || ':' || x.privilege_type || ':' || pg_get_userbyid(x.grantor)
                   from aclexplode(n.nspacl) x order by 1) as acl
    from pg_namespace n where n.nspname = 'public'`;
  const defaults = await db.admin<{ entry: string }[]>`
    select pg_get_userbyid(d.defaclrole) || ':' || d.defaclobjtype::text || ':' || case when x.grantee = 0 then 'PUBLIC' else pg_get_userbyid(x.grantee) end || ':' || x.privilege_type as entry
    from pg_default_acl d cross join lateral aclexplode(d.defaclacl) x
    where d.defaclnamespace = 'public'::regnamespace order by 1`;
  return { ...schema, defaults: defaults.map((d) => d.entry) };
}

const env = () => ({ ...process.env, DATABASE_URL: db.adminUrl, APP_DATABASE_URL: db.appUrl });

describe("db:reset keeps schema public and Supabase's grants on it", () => {
  it("drops the project's objects and data, migrates again, and leaves owner, ACL and default privileges as they were", async () => {
    const before = await publicGrants();
    expect(before.owner).toBe("pg_database_owner");
    expect(before.acl).toEqual(expect.arrayContaining(["PUBLIC:USAGE:pg_database_owner", "supabase_realtime_admin:CREATE:pg_database_owner"]));
    expect(before.defaults.some((d) => d.startsWith("supabase_admin:"))).toBe(true);
    const [{ oid: schemaOid }] = await db.admin`select oid from pg_namespace where nspname = 'public'`;

    await createUser(db.admin, { role: "ADMIN" });
    // Something of the project's own that no migration makes: a reset removes it too.
    await db.admin.unsafe(`create table public.scratch (x int); create function public.scratch_fn() returns int language sql as 'select 1'`);

    const reset = await run(TSX, ["scripts/db.ts", "reset", "--force"], { cwd: ROOT, env: env(), timeout: 180_000 });
    expect(reset.stdout).toMatch(/Dropping/);

    expect(await publicGrants()).toEqual(before);
    const [{ oid: after }] = await db.admin`select oid from pg_namespace where nspname = 'public'`;
    expect(after).toBe(schemaOid); // the same schema, never dropped and recreated
    const [counts] = await db.admin`
      select (select count(*)::int from auth.users) as users, (select count(*)::int from public.profiles) as profiles,
             to_regclass('public.scratch') is null as scratch_gone, to_regprocedure('public.scratch_fn()') is null as fn_gone,
             (select count(*)::int from supabase_migrations.schema_migrations) as migrations`;
    expect(counts).toMatchObject({ users: 0, profiles: 0, scratch_gone: true, fn_gone: true });
    expect(counts.migrations).toBeGreaterThan(0);

    const verify = await run(TSX, ["scripts/db.ts", "verify"], { cwd: ROOT, env: env(), timeout: 180_000 });
    expect(verify.stdout).not.toMatch(/FAILED/);
    expect(verify.stdout).toMatch(/PASSED/);
  }, 300_000);
});
