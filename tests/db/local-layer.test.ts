import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/db";

let db: TestDb;
beforeAll(async () => { db = await createTestDb(); });
afterAll(async () => { await db?.drop(); });

describe("the Supabase layer for the local Postgres", () => {
  it("has the API roles with Supabase's attributes", async () => {
    const rows = await db.admin`select rolname, rolcanlogin, rolbypassrls, rolinherit from pg_roles
      where rolname in ('anon','authenticated','service_role','authenticator') order by rolname`;
    expect(rows.map((r) => [r.rolname, r.rolcanlogin, r.rolbypassrls])).toEqual([
      ["anon", false, false],
      ["authenticated", false, false],
      ["authenticator", true, false],
      ["service_role", false, true],
    ]);
  });

  it("reads auth.uid(), auth.role() and auth.jwt() from request.jwt.claims", async () => {
    const claims = JSON.stringify({ sub: "6f1c1b8e-2a43-4a59-9d0e-8c3f3f3e1a11", role: "authenticated", email: "a@b.c" });
    const [row] = await db.admin.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${claims}, true)`;
      return tx`select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'email' as jwt_email`;
    });
    expect(row).toEqual({ uid: "6f1c1b8e-2a43-4a59-9d0e-8c3f3f3e1a11", role: "authenticated", email: "a@b.c", jwt_email: "a@b.c" });
  });

  it("has the auth tables the Auth API keeps", async () => {
    const rows = await db.admin`select table_name from information_schema.tables where table_schema = 'auth' order by 1`;
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["identities", "refresh_tokens", "sessions", "users"]));
  });
});
