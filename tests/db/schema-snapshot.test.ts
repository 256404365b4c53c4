/**
 * The schema the migrations build must be the committed one: supabase/schema-snapshot.txt is a
 * normalised dump of the catalog (functions with volatility, parallel label, definer, config,
 * ACL and body hash; views; tables and columns; constraints; indexes; triggers; RLS; policies;
 * grants; types). Any drift fails with the diff.
 */
import fs from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseSqlBody, schemaSnapshot } from "../../tooling/schema-snapshot";
import { createTestDb, type TestDb } from "../helpers/db";

const SNAPSHOT_FILE = path.resolve(import.meta.dirname, "../../supabase/schema-snapshot.txt");

function drift(committed: string, built: string): string {
  const out: string[] = [];
  for (const part of diffLines(committed, built))
    if (part.added || part.removed)
      for (const line of part.value.replace(/\n$/, "").split("\n")) out.push(`${part.added ? "+" : "-"} ${line}`);
  return out.join("\n");
}

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

describe("schema snapshot", () => {
  it("the migrations build exactly the committed supabase/schema-snapshot.txt", async () => {
    const built = await schemaSnapshot(db.admin);
    const committed = fs.readFileSync(SNAPSHOT_FILE, "utf8");
    const diff = drift(committed, built);
    expect(
      diff,
      `The migrations build another schema than supabase/schema-snapshot.txt (- committed, + built).\n` +
        `If the change is meant (a new migration), run \`npm run db:snapshot\` and commit the file.\n${diff}`,
    ).toBe("");
  });

  it("notices a changed function: the snapshot is not blind to bodies, labels or grants", async () => {
    const before = await schemaSnapshot(db.admin);
    await db.admin.begin(async (tx) => {
      await tx.unsafe(`alter function public.get_user_role() volatile`);
      const after = await schemaSnapshot(tx as never);
      expect(drift(before, after)).toMatch(/^[-+] function get_user_role\(\): .*volatile/m);
      await tx.unsafe(`revoke execute on function public.get_user_role() from anon`);
      expect(drift(before, await schemaSnapshot(tx as never))).toMatch(/^\+ function get_user_role\(\): acl /m);
      await tx.unsafe(`create or replace view public.snapshot_probe as select 1 as x`);
      expect(drift(before, await schemaSnapshot(tx as never))).toMatch(/^\+ view snapshot_probe/m);
      throw new Error("rollback");
    }).catch((e) => {
      if ((e as Error).message !== "rollback") throw e;
    });
  });

  it("normalises only comments and whitespace in bodies", () => {
    expect(normaliseSqlBody("select 1 -- one\n  +  2 /* two */")).toBe("select 1 + 2");
    expect(normaliseSqlBody("select '--  not a comment'")).toBe("select '--  not a comment'");
    expect(normaliseSqlBody("select $q$ a  -- b $q$")).toBe("select $q$ a  -- b $q$");
    expect(normaliseSqlBody("select 1")).not.toBe(normaliseSqlBody("select 2"));
  });
});
