/**
 * A fingerprint of the database's rows: per table, the row count and a hash of every row's text.
 * Two fingerprints are equal when no row was added, removed or changed.
 *
 * Left out, by exact schema-qualified name, are only the tables requests write on their own:
 * the activity log the system writer appends to on sign-ins and admin actions
 * (lib/logging/system-log.ts), the sign-in counters every attempt moves, and the Auth API's
 * bookkeeping (every auth table but users and identities). `public.error_logs` is in: a request
 * that writes an error row, or an action that resolves or reopens errors, shows. So is
 * `public.sessions`: code-generation sessions people own (a pattern over bare table names once
 * left it out with the auth tables it was meant for).
 */
import type postgres from "postgres";

/** The public tables requests add to on their own, schema-qualified (nothing matched by pattern). */
export const VOLATILE_TABLES: ReadonlySet<string> = new Set(["public.user_activity_logs", "public.sign_in_limits"]);

/** The auth tables that hold accounts; the rest of the auth schema is the Auth API's session bookkeeping. */
const AUTH_ACCOUNT_TABLES: ReadonlySet<string> = new Set(["auth.users", "auth.identities"]);

/** Whether `schema.name` is left out of a fingerprint. */
export function isVolatile(qualified: string): boolean {
  if (qualified.startsWith("auth.")) return !AUTH_ACCOUNT_TABLES.has(qualified);
  return VOLATILE_TABLES.has(qualified);
}

export type Fingerprint = Map<string, { rows: number; hash: string }>;

export async function fingerprint(sql: postgres.Sql, opts: { schemas?: string[] } = {}): Promise<Fingerprint> {
  const schemas = opts.schemas ?? ["public", "auth"];
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name
      from information_schema.tables
     where table_schema = any(${schemas}) and table_type = 'BASE TABLE'
     order by 1, 2`;
  const out: Fingerprint = new Map();
  for (const t of tables) {
    if (isVolatile(`${t.schema}.${t.name}`)) continue;
    const q = `select count(*)::int as rows,
                 coalesce(sum(hashtextextended(x::text, 0)), 0)::text as hash
            from "${t.schema}"."${t.name}" x`;
    const [r] = await sql.unsafe<{ rows: number; hash: string }[]>(q);
    out.set(`${t.schema}.${t.name}`, r);
  }
  return out;
}

/** The tables whose rows differ, with before/after counts. */
export function diffFingerprints(a: Fingerprint, b: Fingerprint): string[] {
  const out: string[] = [];
  for (const [table, before] of a) {
    const after = b.get(table);
    if (!after) out.push(`${table}: gone`);
    else if (after.rows !== before.rows || after.hash !== before.hash) out.push(`${table}: ${before.rows} -> ${after.rows} rows${after.hash !== before.hash ? ", contents changed" : ""}`);
  }
  for (const table of b.keys()) if (!a.has(table)) out.push(`${table}: new`);
  return out;
}

/** The names of the tables whose rows differ. */
export function changedTables(a: Fingerprint, b: Fingerprint): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((t) => a.get(t)?.rows !== b.get(t)?.rows || a.get(t)?.hash !== b.get(t)?.hash).sort();
}

export function totalRows(f: Fingerprint): number {
  let n = 0;
  for (const v of f.values()) n += v.rows;
  return n;
}

/** One table's rows by primary key (`key`, as text), each with the full row as JSON. */
export type RowSnapshot = Map<string, Record<string, unknown>>;

export async function rowSnapshot(sql: postgres.Sql, qualified: string, key = "id"): Promise<RowSnapshot> {
  const [schema, name] = qualified.split(".");
  const rows = await sql.unsafe<{ k: string; row: Record<string, unknown> }[]>(
    `select x."${key}"::text as k, to_jsonb(x) as row from "${schema}"."${name}" x`,
  );
  return new Map(rows.map((r) => [r.k, r.row]));
}

/** Rows added, removed and changed between two snapshots of one table, by key. */
export function diffRows(a: RowSnapshot, b: RowSnapshot): { added: string[]; removed: string[]; changed: string[] } {
  const added = [...b.keys()].filter((k) => !a.has(k)).sort();
  const removed = [...a.keys()].filter((k) => !b.has(k)).sort();
  const changed = [...a.keys()].filter((k) => b.has(k) && JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))).sort();
  return { added, removed, changed };
}
