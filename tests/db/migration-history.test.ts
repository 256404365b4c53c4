/**
 * A database migrated from an older layout of the schema (versions this repository no longer
 * has, e.g. from before the baseline) is told to reset, not half-migrated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../tooling/migrate";
import { createTestDb, type TestDb } from "../helpers/db";

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.drop();
});

describe("migration history", () => {
  it("an up-to-date database applies nothing", async () => {
    expect(await applyMigrations(db.admin)).toBe(0);
  });

  it("history with versions the repository does not have stops with what to do, changing nothing", async () => {
    await db.admin`insert into supabase_migrations.schema_migrations (version, name) values ('20251125000100', 'tables')`;
    const before = await db.admin`select count(*)::int as n from supabase_migrations.schema_migrations`;
    await expect(applyMigrations(db.admin)).rejects.toThrow(/20251125000100.*npm run db:reset/s);
    const after = await db.admin`select count(*)::int as n from supabase_migrations.schema_migrations`;
    expect(after[0].n).toBe(before[0].n);
  });
});
