/**
 * Bulk loading for demo scale and benchmarks: building an index once over a loaded table is
 * several times faster than maintaining it row by row, so secondary indexes are dropped for the
 * load and recreated, inside the same transaction, from their own definitions.
 */
import type postgres from "postgres";

export async function withIndexesRebuilt<T>(
  tx: postgres.TransactionSql,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const defs = await tx<{ indexname: string; indexdef: string }[]>`
    select i.indexname, i.indexdef
    from pg_indexes i
    join pg_class c on c.relname = i.indexname
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = 'public' and i.tablename = ${table}
      and not x.indisprimary and not x.indisunique`;
  for (const d of defs) await tx.unsafe(`drop index public."${d.indexname}"`);
  const result = await load();
  for (const d of defs) await tx.unsafe(d.indexdef);
  return result;
}
