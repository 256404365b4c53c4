/**
 * The baseline's auth.users triggers can be applied again by a role that is not the owner of
 * auth.users, as on hosted Supabase (supabase_auth_admin owns it; `postgres`, who runs the
 * migrations, holds privileges on it but not ownership). `create or replace trigger` needs the
 * TRIGGER privilege; `drop trigger` would need ownership.
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/db";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../supabase/migrations");

function authUserTriggerStatements(): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).sort()) {
    const text = fs.readFileSync(path.join(MIGRATIONS, file), "utf8");
    for (const m of text.matchAll(/^\s*(create\s+(?:or\s+replace\s+)?trigger\s+\w+[^;]*?\s+on\s+auth\.users\b[^;]*;)/gim)) out.push(m[1]);
    for (const m of text.matchAll(/^\s*(drop\s+trigger\b[^;]*\s+on\s+auth\.users\b[^;]*;)/gim)) out.push(m[1]);
  }
  return out;
}

let db: TestDb;
const role = `not_owner_${randomUUID().slice(0, 8)}`;
beforeAll(async () => {
  db = await createTestDb();
  await db.admin.unsafe(`
    create role ${role} nologin;
    grant usage on schema auth, public to ${role};
    grant trigger, select on auth.users to ${role};`);
});
afterAll(async () => {
  await db.admin.unsafe(`revoke all on auth.users from ${role}; revoke all on schema auth, public from ${role};`);
  await db.drop();
  const root = (await import("postgres")).default(db.adminUrl.replace(/\/[^/]+$/, "/postgres"), { max: 1, onnotice: () => {} });
  await root.unsafe(`drop role if exists ${role}`).finally(() => root.end());
});

async function asNonOwner(statements: string[]) {
  await db.admin.begin(async (tx) => {
    await tx.unsafe(`set local role ${role}`);
    for (const s of statements) await tx.unsafe(s);
    throw new Error("rollback");
  }).catch((e) => {
    if ((e as Error).message !== "rollback") throw e;
  });
}

describe("auth.users triggers re-run without ownership", () => {
  it("the migrations define the three triggers with create or replace and never drop one", () => {
    const statements = authUserTriggerStatements();
    expect(statements.filter((s) => /^create\s+or\s+replace\s+trigger/i.test(s))).toHaveLength(3);
    expect(statements.filter((s) => !/^create\s+or\s+replace\s+trigger/i.test(s))).toEqual([]);
  });

  it("a role with TRIGGER on auth.users but not its owner re-applies them", async () => {
    await expect(asNonOwner(authUserTriggerStatements())).resolves.toBeUndefined();
  });

  it("the same role could not drop one (what the migration used to need)", async () => {
    await expect(asNonOwner(["drop trigger if exists on_auth_user_created on auth.users"])).rejects.toThrow(/must be owner/);
  });
});
