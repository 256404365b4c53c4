/**
 * tooling/sql-split.ts splits as the Supabase CLI's parser does (pkg/parser): on the real
 * migration files and seed.sql, the raw tokens join back to the file byte for byte, and each
 * trimmed element is exactly one statement: run one by one through the extended protocol (which
 * refuses two commands in one query, as the CLI's batch does) on an empty database, they build
 * the whole schema. The migrated template records them so in schema_migrations, and the seed in
 * seed_files.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyLocalLayer, listMigrations, ROOT, SEED_PATH } from "../../tooling/migrate";
import { splitRaw, splitStatements } from "../../tooling/sql-split";
import { createTestDb, type TestDb } from "../helpers/db";

const files = [...listMigrations().map((m) => m.file), path.join(ROOT, "supabase/seed.sql")];

describe("splitting SQL as the Supabase CLI does", () => {
  it("keeps ; inside strings, quoted names, dollar quotes, comments, parentheses and BEGIN ATOMIC", () => {
    const text = [
      "select 'a;b', 'it''s;', \"x;y\" from t;",
      "create function f() returns int language plpgsql as $$ begin perform 1; return 2; end $$;",
      "create function g() returns text language sql as $body$ select ';' $body$;",
      "-- a comment; with a semicolon\nselect 1;",
      "/* block; /* nested; */ still; */ select 2;",
      // (the CLI's parenthesis state ends at the first ")", so this holds only without nested parentheses)
      "create rule r as on insert to t do also (insert into u select 1; insert into u select 2);",
      "create function h() returns int language sql begin atomic select 1; select 2; end;",
      "select E'\\\\';",
      "-- trailing comment",
    ].join("\n");
    expect(splitRaw(text).join("")).toBe(text);
    expect(splitStatements(text)).toEqual([
      "select 'a;b', 'it''s;', \"x;y\" from t",
      "create function f() returns int language plpgsql as $$ begin perform 1; return 2; end $$",
      "create function g() returns text language sql as $body$ select ';' $body$",
      "-- a comment; with a semicolon\nselect 1",
      "/* block; /* nested; */ still; */ select 2",
      "create rule r as on insert to t do also (insert into u select 1; insert into u select 2)",
      "create function h() returns int language sql begin atomic select 1; select 2; end",
      "select E'\\\\'",
      "-- trailing comment",
    ]);
  });

  it("gives back each real migration file and seed.sql when its tokens are joined", () => {
    for (const f of files) {
      const text = fs.readFileSync(f, "utf8");
      expect(splitRaw(text).join(""), path.basename(f)).toBe(text);
      const statements = splitStatements(text);
      expect(statements.length, path.basename(f)).toBeGreaterThan(0);
      for (const s of statements) expect(s).toBe(s.trim());
    }
  });
});

describe("each element is one statement (on Postgres)", () => {
  let db: TestDb;
  let root: postgres.Sql;
  const name = `split_${Date.now().toString(36)}`;
  beforeAll(async () => {
    db = await createTestDb();
    root = postgres(db.adminUrl, { max: 1, onnotice: () => {} });
    await root.unsafe(`create database ${name}`);
  });
  afterAll(async () => {
    await root?.unsafe(`drop database if exists ${name} with (force)`);
    await root?.end();
    await db?.drop();
  });

  it("builds the schema from the split statements, one query each through the extended protocol", async () => {
    const sql = postgres(db.adminUrl.replace(/\/[^/]+$/, `/${name}`), { max: 1, onnotice: () => {} });
    try {
      await applyLocalLayer(sql);
      // The check itself: two statements in one extended-protocol query are refused.
      await expect(sql.unsafe("select 1; select 2", [], { simple: false } as postgres.UnsafeQueryOptions)).rejects.toThrow(/multiple commands/);
      let n = 0;
      for (const f of files) {
        await sql.begin(async (tx) => {
          for (const s of splitStatements(fs.readFileSync(f, "utf8"))) {
            await tx.unsafe(s, [], { simple: false } as postgres.UnsafeQueryOptions);
            n++;
          }
        });
      }
      expect(n).toBeGreaterThan(files.length * 2);
      const [{ count }] = await sql`select count(*)::int as count from pg_policies where schemaname = 'public'`;
      expect(count).toBeGreaterThan(50);
    } finally {
      await sql.end();
    }
  });

  it("schema_migrations holds the split statements and seed_files the seed's path and SHA-256, as the CLI records them", async () => {
    const rows = await db.admin<{ version: string; name: string; statements: string[] }[]>`
      select version, name, statements from supabase_migrations.schema_migrations order by version`;
    const migrations = listMigrations();
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    for (const [i, m] of migrations.entries()) {
      expect(rows[i].name).toBe(m.name);
      expect(rows[i].statements).toEqual(splitStatements(fs.readFileSync(m.file, "utf8")));
    }
    expect(rows.some((r) => r.statements.length > 1)).toBe(true);
    const seed = await db.admin`select path, hash from supabase_migrations.seed_files`;
    const hash = createHash("sha256").update(fs.readFileSync(path.join(ROOT, "supabase/seed.sql"))).digest("hex");
    expect(seed).toEqual([{ path: SEED_PATH, hash }]);
    expect(SEED_PATH).toBe("supabase/seed.sql");
  });
});
