/**
 * Row insertion for the demo seed. Rows go to Postgres as one JSON document per chunk and are
 * unpacked by `json_populate_recordset`, which converts each value to the column's type (jsonb,
 * json, text[], enums, timestamptz, numeric), so no per-column casting lives in TypeScript and a
 * chunk of thousands of rows is one round trip with one bound parameter.
 *
 * Plain INSERTs: the tables' triggers run (user-id validation, session counters, latest
 * directive version), exactly as for any other writer.
 */
import type postgres from "postgres";

export type Tx = postgres.TransactionSql | postgres.Sql;
export type Row = Record<string, unknown>;

const CHUNK = 2000;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.table` or a bare public table name; mixed-case names are quoted as written. */
export function qualified(table: string): string {
  const [schema, name] = table.includes(".") ? table.split(".") : ["public", table];
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

function toJsonValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v;
}

/**
 * Inserts rows into `table`. The column list is the union of the rows' keys; a key missing from
 * one row is NULL there (columns with defaults must therefore be given in every row or in none).
 */
export async function insertRows(tx: Tx, table: string, rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cols = columns.map(quoteIdent).join(", ");
  const target = qualified(table);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => {
      const o: Row = {};
      for (const c of columns) o[c] = toJsonValue(r[c]);
      return o;
    });
    await tx.unsafe(
      `insert into ${target} (${cols}) select ${cols} from json_populate_recordset(null::${target}, $1::text::json)`,
      [JSON.stringify(chunk)],
    );
  }
  return rows.length;
}
