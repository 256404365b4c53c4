/**
 * The drizzle schema (lib/db/schema) must mirror the migrated database, which
 * supabase/migrations/*.sql own. This compares the two through the live catalog, so they
 * cannot drift: relations, columns (name, SQL type, nullability, whether a default exists),
 * primary keys, foreign keys, RLS, the enums, the value lists of enum-like text columns and
 * the views' columns. Every failure names the table and the column.
 */
import { getTableColumns, is } from "drizzle-orm";
import {
  getTableConfig,
  getViewConfig,
  isPgEnum,
  PgColumn,
  PgEnumColumn,
  PgTable,
  PgView,
  type PgEnum,
} from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { createTestDb, type TestDb } from "../helpers/db";

// ---------------------------------------------------------------------------------------
// The drizzle side
// ---------------------------------------------------------------------------------------
const exported = Object.values(schema as Record<string, unknown>);
const drizzleTables = exported.filter((v): v is PgTable => is(v, PgTable));
const drizzleViews = exported.filter((v): v is PgView => is(v, PgView));
const drizzleEnums = exported.filter((v): v is PgEnum<[string, ...string[]]> => isPgEnum(v));

const drizzleTableByName = new Map(drizzleTables.map((t) => [getTableConfig(t).name, t]));
const tableConfigs = new Map(drizzleTables.map((t) => [getTableConfig(t).name, getTableConfig(t)]));
const viewConfigs = new Map(drizzleViews.map((v) => [getViewConfig(v).name, getViewConfig(v)]));

/** Qualified name as in error messages: "Chat"."total_cost". */
const q = (table: string, column?: string) => (column === undefined ? `"${table}"` : `"${table}"."${column}"`);

// ---------------------------------------------------------------------------------------
// Type names: drizzle's getSQLType() vs Postgres' format_type(atttypid, atttypmod).
// Every drizzle spelling this schema uses is listed; anything else is reported as unknown
// rather than guessed, so a new column type forces this map to be extended on purpose.
// ---------------------------------------------------------------------------------------
const DRIZZLE_TYPE_TO_PG: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^uuid$/, () => "uuid"],
  [/^text$/, () => "text"],
  [/^varchar$/, () => "character varying"],
  [/^varchar\((\d+)\)$/, (m) => `character varying(${m[1]})`],
  [/^integer$/, () => "integer"],
  [/^smallint$/, () => "smallint"],
  [/^bigint$/, () => "bigint"],
  [/^boolean$/, () => "boolean"],
  [/^double precision$/, () => "double precision"],
  [/^numeric$/, () => "numeric"],
  [/^numeric\((\d+)\)$/, (m) => `numeric(${m[1]},0)`], // Postgres spells numeric(p) as numeric(p,0)
  [/^numeric\((\d+),\s*(\d+)\)$/, (m) => `numeric(${m[1]},${m[2]})`], // drizzle: "numeric(10, 6)"
  [/^json$/, () => "json"],
  [/^jsonb$/, () => "jsonb"],
  [/^timestamp with time zone$/, () => "timestamp with time zone"],
  [/^timestamp$/, () => "timestamp without time zone"],
  [/^timestamp \((\d+)\) with time zone$/, (m) => `timestamp(${m[1]}) with time zone`],
];

const enumNames = new Set(drizzleEnums.map((e) => e.enumName));

/** Postgres quotes mixed-case names ("UserRole") and may qualify them (public."UserRole"). */
function normalisePgType(type: string): string {
  return type.replace(/^public\./, "").replace(/"/g, "");
}

function normaliseDrizzleType(column: PgColumn): string {
  const raw = column.getSQLType();
  const arrays = /(\[\d*\])*$/.exec(raw)![0]; // "uuid[]", "double precision[]"
  const base = raw.slice(0, raw.length - arrays.length);
  if (is(column, PgEnumColumn) || enumNames.has(base)) return normalisePgType(base) + arrays.replace(/\d/g, "");
  for (const [pattern, toPg] of DRIZZLE_TYPE_TO_PG) {
    const m = base.match(pattern);
    if (m) return toPg(m) + arrays.replace(/\d/g, ""); // Postgres ignores declared array sizes
  }
  return `<no mapping for drizzle type "${raw}" in DRIZZLE_TYPE_TO_PG>`;
}

/** Column names are the SQL names; TypeScript keys are their camelCase ("trust_score" -> trustScore). */
const camelCase = (sqlName: string) => sqlName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const PG_FK_ACTION: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

// ---------------------------------------------------------------------------------------
// The catalog side
// ---------------------------------------------------------------------------------------
type CatalogColumn = {
  rel: string;
  column: string;
  type: string;
  isNullable: "YES" | "NO";
  columnDefault: string | null;
  identity: string;
  generated: string;
};
type CatalogFk = {
  table: string;
  name: string;
  columns: string[];
  foreignSchema: string;
  foreignTable: string;
  foreignColumns: string[];
  onDelete: string;
  onUpdate: string;
};

let db: TestDb;
let catalogTables: string[];
let catalogViews: string[];
let columnsByRel: Map<string, CatalogColumn[]>;
let pkByTable: Map<string, string[]>;
let fksByTable: Map<string, CatalogFk[]>;
let rlsByTable: Map<string, boolean>;
let checkListsByColumn: Map<string, string[]>; // `table.column` -> values of its IN (...) check
let catalogEnums: Map<string, string[]>;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

beforeAll(async () => {
  db = await createTestDb();
  const sql = db.admin;

  const rels = await sql<{ relname: string; relkind: string; relrowsecurity: boolean }[]>`
    select relname, relkind::text as relkind, relrowsecurity
    from pg_class
    where relnamespace = 'public'::regnamespace and relkind in ('r', 'p', 'v', 'm')
    order by relname`;
  catalogTables = rels.filter((r) => r.relkind === "r" || r.relkind === "p").map((r) => r.relname);
  catalogViews = rels.filter((r) => r.relkind === "v" || r.relkind === "m").map((r) => r.relname);
  rlsByTable = new Map(rels.map((r) => [r.relname, r.relrowsecurity]));

  // information_schema shows column_default only to the table owner's roles: `admin` is a
  // superuser. is_nullable is attnotnull; column_default is pg_get_expr of pg_attrdef.
  const columns = await sql<CatalogColumn[]>`
    select c.relname as rel, a.attname as column,
           format_type(a.atttypid, a.atttypmod) as type,
           ic.is_nullable as "isNullable", ic.column_default as "columnDefault",
           a.attidentity::text as identity, a.attgenerated::text as generated
    from pg_class c
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join information_schema.columns ic
      on ic.table_schema = 'public' and ic.table_name = c.relname and ic.column_name = a.attname
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
    order by c.relname, a.attnum`;
  columnsByRel = groupBy([...columns], (c) => c.rel);

  const pks = await sql<{ table: string; columns: string[] }[]>`
    select cl.relname as table,
           array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
                 order by k.ord) as columns
    from pg_constraint con join pg_class cl on cl.oid = con.conrelid
    where con.contype = 'p' and cl.relnamespace = 'public'::regnamespace`;
  pkByTable = new Map(pks.map((p) => [p.table, p.columns]));

  const fks = await sql<CatalogFk[]>`
    select cl.relname as table, con.conname as name, fns.nspname as "foreignSchema",
           fcl.relname as "foreignTable",
           array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
                 order by k.ord) as columns,
           array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
                 order by k.ord) as "foreignColumns",
           con.confdeltype::text as "onDelete", con.confupdtype::text as "onUpdate"
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class fcl on fcl.oid = con.confrelid
    join pg_namespace fns on fns.oid = fcl.relnamespace
    where con.contype = 'f' and cl.relnamespace = 'public'::regnamespace`;
  fksByTable = groupBy([...fks], (f) => f.table);

  // Single-column checks of the form `col in ('a', 'b')`, which Postgres stores as
  // `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`.
  const checks = await sql<{ table: string; column: string; def: string }[]>`
    select cl.relname as table, a.attname as column, pg_get_constraintdef(con.oid) as def
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
    where con.contype = 'c' and cl.relnamespace = 'public'::regnamespace
      and cardinality(con.conkey) = 1`;
  checkListsByColumn = new Map();
  for (const c of checks) {
    if (!/= ANY \(+ARRAY\[/.test(c.def)) continue;
    const values = [...c.def.matchAll(/'((?:[^']|'')*)'::/g)].map((m) => m[1].replace(/''/g, "'"));
    checkListsByColumn.set(`${c.table}.${c.column}`, values);
  }

  const enums = await sql<{ name: string; values: string[] }[]>`
    select t.typname as name, array(select e.enumlabel::text from pg_enum e
                                    where e.enumtypid = t.oid order by e.enumsortorder) as values
    from pg_type t
    where t.typnamespace = 'public'::regnamespace and t.typtype = 'e'`;
  catalogEnums = new Map(enums.map((e) => [e.name, e.values]));
});

afterAll(async () => {
  await db?.drop();
});

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------
describe("drizzle schema vs the migrated catalog", () => {
  it("has the same public base tables", () => {
    const problems = diffNames((n) => `table ${q(n)}`, tableConfigs.keys(), catalogTables);
    expect(problems, "tables differ").toEqual([]);
  });

  it("has the same public views", () => {
    const problems = diffNames((n) => `view ${q(n)}`, viewConfigs.keys(), catalogViews);
    expect(problems, "views differ").toEqual([]);
  });

  it("has the same enums, with the same values in the same order", () => {
    const problems = diffNames((n) => `enum ${q(n)}`, enumNames, catalogEnums.keys());
    for (const e of drizzleEnums) {
      const pg = catalogEnums.get(e.enumName);
      if (pg && JSON.stringify(pg) !== JSON.stringify(e.enumValues)) {
        problems.push(
          `enum "${e.enumName}": drizzle ${JSON.stringify(e.enumValues)} ≠ database ${JSON.stringify(pg)}`,
        );
      }
    }
    expect(problems, "enums differ").toEqual([]);
  });

  describe.each([...tableConfigs.keys()].sort())("table %s", (tableName) => {
    const config = tableConfigs.get(tableName)!;

    it("lives in the public schema with RLS enabled", () => {
      const problems: string[] = [];
      if (config.schema !== undefined && config.schema !== "public") {
        problems.push(`${q(tableName)}: drizzle schema "${config.schema}", expected public`);
      }
      if (!config.enableRLS) problems.push(`${q(tableName)}: drizzle table lacks .enableRLS()`);
      if (rlsByTable.get(tableName) === false) problems.push(`${q(tableName)}: RLS is not enabled in the database`);
      expect(problems).toEqual([]);
    });

    it("has the same columns, SQL types, nullability and defaults", () => {
      const pgColumns = new Map((columnsByRel.get(tableName) ?? []).map((c) => [c.column, c]));
      const problems = diffNames(
        (n) => `column ${q(tableName, n)}`,
        config.columns.map((c) => c.name),
        pgColumns.keys(),
      );
      for (const column of config.columns) {
        const pg = pgColumns.get(column.name);
        if (!pg) continue;
        const where = q(tableName, column.name);
        // Identity columns would need their own rules for defaults; none exist. A stored generated
        // column must be generated in drizzle too (generatedAlwaysAs), and has no default.
        if (pg.identity) {
          problems.push(`${where}: identity column in the database; the drift test does not handle it`);
        }
        const drizzleGenerated = Boolean((column as { generated?: unknown }).generated);
        if ((pg.generated === "s") !== drizzleGenerated) {
          problems.push(`${where}: generated column in ${drizzleGenerated ? "drizzle" : "the database"} only`);
        }
        if (drizzleGenerated) continue;
        const drizzleType = normaliseDrizzleType(column);
        const pgType = normalisePgType(pg.type);
        if (drizzleType !== pgType) {
          problems.push(`${where}: type drizzle ${drizzleType} (${column.getSQLType()}) ≠ database ${pgType}`);
        }
        const pgNotNull = pg.isNullable === "NO";
        if (column.notNull !== pgNotNull) {
          const nullability = (notNull: boolean) => (notNull ? "not null" : "nullable");
          problems.push(`${where}: drizzle ${nullability(column.notNull)} ≠ database ${nullability(pgNotNull)}`);
        }
        const pgHasDefault = pg.columnDefault !== null;
        if (column.hasDefault !== pgHasDefault) {
          problems.push(
            `${where}: drizzle ${column.hasDefault ? "has a default" : "has no default"} ≠ database ` +
              (pgHasDefault ? `default ${pg.columnDefault}` : "no default"),
          );
        }
        // A default must be the database's: $defaultFn / $onUpdate would be client-side only.
        if (column.hasDefault && column.default === undefined) {
          problems.push(`${where}: drizzle default is client-side ($defaultFn/$onUpdate); the SQL owns defaults`);
        }
      }
      expect(problems).toEqual([]);
    });

    it("names each column's TypeScript key as the camelCase of its SQL name", () => {
      const problems = Object.entries(getTableColumns(drizzleTableByName.get(tableName)!))
        .filter(([key, column]) => key !== camelCase(column.name))
        .map(([key, column]) => `${q(tableName, column.name)}: key ${key}, expected ${camelCase(column.name)}`);
      expect(problems).toEqual([]);
    });

    it("has the same primary key", () => {
      const drizzlePk = [
        ...config.columns.filter((c) => c.primary).map((c) => c.name),
        ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
      ];
      const pgPk = pkByTable.get(tableName) ?? [];
      expect(
        [...drizzlePk].sort(),
        `${q(tableName)} primary key: drizzle (${drizzlePk.join(", ")}) ≠ database (${pgPk.join(", ")})`,
      ).toEqual([...pgPk].sort());
    });

    it("has the same foreign keys within public (auth.* is not modelled)", () => {
      const describeFk = (cols: string[], table: string, fcols: string[], del: string, upd: string) =>
        `${q(tableName)}(${cols.join(", ")}) -> ${q(table)}(${fcols.join(", ")}) on delete ${del} on update ${upd}`;
      const fromDrizzle = config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return describeFk(
          ref.columns.map((c) => c.name),
          getTableConfig(ref.foreignTable).name,
          ref.foreignColumns.map((c) => c.name),
          fk.onDelete ?? "no action",
          fk.onUpdate ?? "no action",
        );
      });
      const fromPg = (fksByTable.get(tableName) ?? [])
        .filter((fk) => fk.foreignSchema === "public")
        .map((fk) =>
          describeFk(
            fk.columns,
            fk.foreignTable,
            fk.foreignColumns,
            PG_FK_ACTION[fk.onDelete],
            PG_FK_ACTION[fk.onUpdate],
          ),
        );
      expect(diffNames((fk) => `foreign key ${fk}`, fromDrizzle, fromPg)).toEqual([]);
    });

    it("gives enum-like text columns exactly the values of their IN (...) check", () => {
      const problems: string[] = [];
      for (const column of config.columns) {
        if (is(column, PgEnumColumn)) continue; // real enums: compared with pg_enum above
        const where = q(tableName, column.name);
        const drizzleValues = (column.enumValues as string[] | undefined)?.slice().sort();
        const pgValues = checkListsByColumn.get(`${tableName}.${column.name}`)?.slice().sort();
        if (JSON.stringify(drizzleValues) !== JSON.stringify(pgValues)) {
          problems.push(
            `${where}: drizzle enum ${drizzleValues ? JSON.stringify(drizzleValues) : "(none)"} ≠ ` +
              `database check ${pgValues ? JSON.stringify(pgValues) : "(none)"}`,
          );
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe.each([...viewConfigs.keys()].sort())("view %s", (viewName) => {
    const config = viewConfigs.get(viewName)!;
    const columns = Object.entries(config.selectedFields as Record<string, PgColumn>);

    it("has the same column names", () => {
      const pgNames = (columnsByRel.get(viewName) ?? []).map((c) => c.column);
      expect(diffNames((n) => `column ${q(viewName, n)}`, columns.map(([, c]) => c.name), pgNames)).toEqual([]);
    });

    it("has the same column types, and camelCase keys", () => {
      const pgColumns = new Map((columnsByRel.get(viewName) ?? []).map((c) => [c.column, c]));
      const problems: string[] = [];
      for (const [key, column] of columns) {
        const where = q(viewName, column.name);
        if (key !== camelCase(column.name)) problems.push(`${where}: key ${key}, expected ${camelCase(column.name)}`);
        const pg = pgColumns.get(column.name);
        if (!pg) continue;
        const drizzleType = normaliseDrizzleType(column);
        const pgType = normalisePgType(pg.type);
        if (drizzleType !== pgType) {
          problems.push(`${where}: type drizzle ${drizzleType} (${column.getSQLType()}) ≠ database ${pgType}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
});

/** Names found on one side only, as readable problems: `${label(name)}: in the database, missing in drizzle`. */
function diffNames(
  label: (name: string) => string,
  drizzleNames: Iterable<string>,
  pgNames: Iterable<string>,
): string[] {
  const d = new Set(drizzleNames);
  const p = new Set(pgNames);
  return [
    ...[...p].filter((n) => !d.has(n)).sort().map((n) => `${label(n)}: in the database, missing in drizzle`),
    ...[...d].filter((n) => !p.has(n)).sort().map((n) => `${label(n)}: in drizzle, missing in the database`),
  ];
}
