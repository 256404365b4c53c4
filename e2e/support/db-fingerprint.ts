/**
 * A fingerprint of the database's rows: per table, the row count and a hash of every row's text.
 * Two fingerprints are equal when no row was added, removed or changed. Log tables the system
 * writer appends to (lib/logging/system-log.ts) and the Auth API's session bookkeeping are left
 * out: requests may legitimately add to them.
 */
import type postgres from "postgres";

/** Tables whose rows requests may add on their own (activity/error logs, rate-limit and sign-in counters, sessions). */
export const VOLATILE_TABLE = /(^|_)(logs?|activity|sessions|refresh_tokens|rate_limit_tracking|sign_in_limits|flow_state|audit_log_entries|mfa_.*)$/i;

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
    if (VOLATILE_TABLE.test(t.name)) continue;
    if (t.schema === "auth" && t.name !== "users" && t.name !== "identities") continue;
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

export function totalRows(f: Fingerprint): number {
  let n = 0;
  for (const v of f.values()) n += v.rows;
  return n;
}
