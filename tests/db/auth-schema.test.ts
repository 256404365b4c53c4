/**
 * The local auth schema (supabase/local/01_auth.sql) against the Auth service's own definitions,
 * recorded in supabase/local/auth-reference.json by scripts/auth-reference.ts from Supabase
 * Auth's and Supabase Postgres's migrations. Column by column: a missing or extra column, another
 * type, nullability, default or generation expression fails, and so does a table without RLS or a
 * claims function with another volatility, parallel label, owner or search_path.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../tooling/migrate";
import { insertAccount } from "../../e2e/support/accounts";
import { createTestDb, createUser, type TestDb } from "../helpers/db";

type Column = { name: string; type: string; nullable: boolean; default: string | null; generated: string | null };
type Reference = {
  source: Record<string, unknown>;
  tables: Record<string, { rls: boolean; columns: Column[] }>;
  functions: Record<string, { returns: string; language: string; volatility: string; parallel: string; owner: string; security_definer: boolean; config: string[] | null; public_execute: boolean }>;
};
const reference = JSON.parse(fs.readFileSync(path.join(ROOT, "supabase/local/auth-reference.json"), "utf8")) as Reference;

/** The tables the project and the Auth stand-in use: the local layer must have at least these. */
const REQUIRED = ["users", "identities", "sessions", "refresh_tokens"];

/**
 * A default compared by value, not by spelling: `''::character varying` (a column that was varchar
 * when hosted added it and text now) and `''::text` are the same default, and so are
 * `NULL::character varying` and no default at all.
 */
export function normalizeDefault(d: string | null): string | null {
  if (d === null) return null;
  const bare = d.replace(/::(?:"?[a-z_ ]+"?)(?:\(\d+\))?(?:\[\])?/gi, "").trim();
  return /^null$/i.test(bare) ? null : bare;
}

let db: TestDb;
beforeAll(async () => { db = await createTestDb(); });
afterAll(async () => { await db?.drop(); });

async function localTables() {
  const tables = await db.admin<{ table: string; rls: boolean; owner: string }[]>`
    select c.relname as table, c.relrowsecurity as rls, pg_get_userbyid(c.relowner) as owner
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'auth' and c.relkind in ('r', 'p') order by 1`;
  const columns = await db.admin<(Column & { table: string })[]>`
    select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
           not a.attnotnull as nullable,
           case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end as default,
           case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end as generated
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = 'auth' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`;
  return { tables, columns };
}

const shape = (c: Column) => ({
  type: c.type,
  nullable: c.nullable,
  default: normalizeDefault(c.default),
  generated: c.generated,
});

describe("auth schema as hosted Supabase has it", () => {
  it("the reference names its upstream commits", () => {
    expect(reference.source["supabase/auth"]).toMatchObject({ commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(Object.keys(reference.tables)).toEqual(expect.arrayContaining(REQUIRED));
  });

  it("normalizes defaults by value only", () => {
    expect(normalizeDefault("''::character varying")).toBe("''");
    expect(normalizeDefault("''::text")).toBe("''");
    expect(normalizeDefault("NULL::character varying")).toBeNull();
    expect(normalizeDefault("now()")).toBe("now()");
    expect(normalizeDefault("'{}'::jsonb")).toBe("'{}'");
    expect(normalizeDefault("nextval('auth.refresh_tokens_id_seq'::regclass)")).toBe("nextval('auth.refresh_tokens_id_seq')");
  });

  it("has every table the project uses, and no table hosted Auth lacks", async () => {
    const { tables } = await localTables();
    const names = tables.map((t) => t.table);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
    expect(names.filter((n) => !(n in reference.tables))).toEqual([]);
  });

  it("each local auth table has hosted's columns: names, types, nullability, defaults", async () => {
    const { tables, columns } = await localTables();
    const diffs: string[] = [];
    for (const { table } of tables) {
      const ref = reference.tables[table];
      if (!ref) continue;
      const local = new Map(columns.filter((c) => c.table === table).map((c) => [c.name, c]));
      const hosted = new Map(ref.columns.map((c) => [c.name, c]));
      for (const [name, h] of hosted) {
        const l = local.get(name);
        if (!l) diffs.push(`auth.${table}.${name}: missing locally (hosted: ${JSON.stringify(shape(h))})`);
        else if (JSON.stringify(shape(l)) !== JSON.stringify(shape(h))) {
          diffs.push(`auth.${table}.${name}: local ${JSON.stringify(shape(l))} vs hosted ${JSON.stringify(shape(h))}`);
        }
      }
      for (const name of local.keys()) if (!hosted.has(name)) diffs.push(`auth.${table}.${name}: not in hosted Auth`);
    }
    expect(diffs).toEqual([]);
  });

  it("row level security is on where hosted has it, and the Auth admin owns the tables", async () => {
    const { tables } = await localTables();
    const wrong = tables
      .filter((t) => t.table in reference.tables)
      .filter((t) => t.rls !== reference.tables[t.table].rls || t.owner !== "supabase_auth_admin")
      .map((t) => `${t.table}: rls ${t.rls}, owner ${t.owner}`);
    expect(wrong).toEqual([]);
  });

  it("auth.uid(), auth.role(), auth.email(), auth.jwt() carry hosted's labels", async () => {
    const rows = await db.admin<{ key: string; returns: string; language: string; volatility: string; parallel: string; owner: string; security_definer: boolean; config: string[] | null; public_execute: boolean }[]>`
      select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as key,
             pg_get_function_result(p.oid) as returns, l.lanname as language,
             case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end as volatility,
             case p.proparallel when 's' then 'safe' when 'r' then 'restricted' else 'unsafe' end as parallel,
             pg_get_userbyid(p.proowner) as owner, p.prosecdef as security_definer, p.proconfig as config,
             (p.proacl is null or exists (select 1 from aclexplode(p.proacl) x where x.grantee = 0 and x.privilege_type = 'EXECUTE')) as public_execute
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
      where n.nspname = 'auth' and p.proname in ('uid', 'role', 'email', 'jwt') order by 1`;
    const local = Object.fromEntries(rows.map(({ key, ...f }) => [key, f]));
    const hosted = Object.fromEntries(
      Object.entries(reference.functions)
        .filter(([k]) => ["uid()", "role()", "email()", "jwt()"].includes(k))
        .map(([k, f]) => [k, { returns: f.returns, language: f.language, volatility: f.volatility, parallel: f.parallel, owner: f.owner, security_definer: f.security_definer, config: f.config, public_execute: f.public_execute }]),
    );
    expect(Object.keys(hosted).sort()).toEqual(["email()", "jwt()", "role()", "uid()"]);
    expect(local).toEqual(hosted);
  });

  it("a row that leaves the token columns out has NULLs there, as on hosted (no local default hides it)", async () => {
    const id = "0b8d2c1e-7e49-4f64-9c8b-5a1f0e6d3c21";
    await db.admin`insert into auth.users (id, email) values (${id}, 'defaults@example.test')`;
    const [u] = await db.admin`select confirmation_token, recovery_token, email_change_token_new, email_change,
                                      raw_app_meta_data, created_at from auth.users where id = ${id}`;
    expect(u).toEqual({ confirmation_token: null, recovery_token: null, email_change_token_new: null, email_change: null, raw_app_meta_data: null, created_at: null });
  });

  it("the test and e2e account helpers write users as the demo seeder and Supabase Auth do: '' tokens, timestamps, an email identity", async () => {
    const viaTests = await createUser(db.admin, { role: "USER" });
    const viaE2e = await insertAccount(db.admin, { email: "helper-e2e@example.test", password: "helper-pass-123", role: "USER", name: "Helper" });
    const rows = await db.admin`
      select u.confirmation_token, u.recovery_token, u.email_change_token_new, u.email_change, u.phone_change,
             u.phone_change_token, u.email_change_token_current, u.reauthentication_token, u.email_change_confirm_status,
             u.created_at is not null as created, u.updated_at is not null as updated, u.raw_app_meta_data,
             u.is_sso_user, u.is_anonymous,
             (select count(*)::int from auth.identities i where i.user_id = u.id and i.provider = 'email' and i.provider_id = u.id::text) as identities
      from auth.users u where u.id in (${viaTests.id}, ${viaE2e}) order by u.email`;
    const expected = {
      confirmation_token: "", recovery_token: "", email_change_token_new: "", email_change: "", phone_change: "",
      phone_change_token: "", email_change_token_current: "", reauthentication_token: "", email_change_confirm_status: 0,
      created: true, updated: true, raw_app_meta_data: { provider: "email", providers: ["email"] },
      is_sso_user: false, is_anonymous: false, identities: 1,
    };
    expect(rows).toEqual([expected, expected]);
  });
});
