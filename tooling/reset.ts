/**
 * `db:reset`: drops what the migrations made, never schema `public` itself. On Supabase, public
 * carries Supabase's grants (PUBLIC usage, the API roles' usage, the realtime admin's create) and
 * default privileges (its own and supabase_admin's); dropping and recreating the schema would lose
 * them and give it another owner. So every object in public that no extension owns goes (views,
 * tables with their policies and triggers, sequences, routines, aggregates, types, domains),
 * triggers on auth tables that call them go with them (CASCADE), then the migration and seed
 * history and every auth user. The schema, its owner, its ACL and its default privileges stay.
 */
import type postgres from "postgres";

type Log = (line: string) => void;

/** Objects in public that belong to no extension: `drop` statements in an order that needs little cascading. */
async function dropStatements(tx: postgres.TransactionSql): Promise<string[]> {
  const rows = await tx<{ stmt: string }[]>`
    with ext as (
      select classid, objid from pg_depend where deptype = 'e'
    ),
    rels as (
      select c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('v', 'm', 'r', 'p', 'f', 'S')
        and not exists (select 1 from ext where ext.classid = 'pg_class'::regclass and ext.objid = c.oid)
        -- a partition goes with its parent; a sequence owned by a column goes with its table
        and not c.relispartition
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                        and d.deptype in ('a', 'i') and c.relkind = 'S')
    ),
    routines as (
      select p.oid, p.prokind, format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public'
        and not exists (select 1 from ext where ext.classid = 'pg_proc'::regclass and ext.objid = p.oid)
    ),
    types as (
      select t.oid, t.typtype, format('%I.%I', n.nspname, t.typname) as name
      from pg_type t join pg_namespace n on n.oid = t.typnamespace
      -- enums, domains, ranges (their multirange goes with them) and standalone composite
      -- types; a table's row type goes with the table, an array type with its element type
      where n.nspname = 'public' and t.typtype in ('e', 'c', 'd', 'r')
        and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')
    )
    select stmt from (
      select 1 as ord, format('drop %s if exists %s cascade',
               case relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table'
                            when 'S' then 'sequence' else 'table' end, name) as stmt
        from rels
      union all
      select 2, format('drop %s if exists %s cascade', case prokind when 'a' then 'aggregate' else 'routine' end, name)
        from routines
      union all
      select 3, format('drop %s if exists %s cascade', case typtype when 'd' then 'domain' else 'type' end, name)
        from types
        where not exists (select 1 from ext where ext.classid = 'pg_type'::regclass and ext.objid = types.oid)
    ) s
    order by ord, stmt`;
  return rows.map((r) => r.stmt);
}

/** What is left in public that an extension does not own: empty after a reset. */
export async function leftoversInPublic(sql: postgres.Sql | postgres.TransactionSql): Promise<string[]> {
  const rows = await sql<{ what: string }[]>`
    select 'relation ' || c.relname as what from pg_class c
      where c.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    union all
    select 'routine ' || p.proname from pg_proc p
      where p.pronamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
    union all
    select 'type ' || t.typname from pg_type t
      where t.typnamespace = 'public'::regnamespace and t.typrelid = 0 and t.typelem = 0
        and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
    order by 1`;
  return rows.map((r) => r.what);
}

export async function resetDatabase(sql: postgres.Sql, log: Log = () => {}): Promise<void> {
  await sql.begin(async (tx) => {
    const drops = await dropStatements(tx);
    log(`Dropping the ${drops.length} objects the migrations made in public (the schema and its grants stay), the migration history and all auth users...`);
    for (const stmt of drops) await tx.unsafe(stmt);
    const left = await leftoversInPublic(tx);
    if (left.length) throw new Error(`db:reset left objects in public it does not know how to drop: ${left.join(", ")}`);
    await tx.unsafe(`drop schema if exists supabase_migrations cascade`);
    // The profile triggers went with their functions; nothing of the project's runs on delete now.
    await tx.unsafe(`delete from auth.users`);
  });
}
