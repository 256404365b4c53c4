/**
 * Triage writes on error_logs (issue 5), in the admin's transaction (withViewer): RLS's
 * "Admins can update error_logs" allows them, and error_logs_resolution_stamp sets resolved_by
 * and resolved_at from the server (auth.uid(), now()), whatever the caller sends.
 *
 * A bulk action is one UPDATE over exactly the rows of the target (selected ids, or the filter
 * re-parsed on the server), with no cap and no batching: it commits whole or not at all, and
 * reports how many rows it changed. The groups it touched get the note pinned and, when no
 * unresolved occurrence is left, their resolution time (what a later occurrence regresses from).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { errorFilterSql, planErrorSearch } from "@/lib/db/queries/error-logs";
import type { ErrorFilter } from "@/lib/validation/error-logs";

export type ErrorTarget = { scope: "ids"; ids: string[] } | { scope: "filter"; filter: ErrorFilter };

async function targetSql(tx: Tx, t: ErrorTarget): Promise<SQL> {
  if (t.scope === "ids") return sql`e.id = any(${`{${t.ids.join(",")}}`}::uuid[])`;
  return errorFilterSql(await planErrorSearch(tx, t.filter));
}

export type TriageResult = { changed: number; groups: number };

export async function resolveErrors(tx: Tx, target: ErrorTarget, note: string): Promise<TriageResult> {
  const noteValue = note.trim() || null;
  const rows = (await tx.execute(sql`
    with changed as (
      update public.error_logs e
         set resolved = true, resolution_notes = coalesce(${noteValue}::text, e.resolution_notes)
       where ${await targetSql(tx, target)} and not e.resolved
      returning e.fingerprint, e.error_type, e.error_category, e.error_message
    )
    select fingerprint, min(error_type) as error_type, min(error_category) as error_category,
           public.normalize_error_message(min(error_message)) as message, count(*)::bigint as n
      from changed group by fingerprint`)) as unknown as { fingerprint: string; error_type: string; error_category: string; message: string; n: string }[];
  const changed = rows.reduce((s, r) => s + Number(r.n), 0);
  if (rows.length === 0) return { changed: 0, groups: 0 };

  const groups = JSON.stringify(rows.map((r) => ({ fingerprint: r.fingerprint, error_type: r.error_type, error_category: r.error_category, normalized_message: r.message })));
  // Pin the note, and stamp the groups left with nothing unresolved (the same transaction: the
  // UPDATE above is visible here).
  await tx.execute(sql`
    insert into public.error_groups as g (fingerprint, error_type, error_category, normalized_message, resolution_notes, notes_updated_at, notes_updated_by, resolved_at)
    select x.fingerprint, x.error_type, x.error_category, x.normalized_message,
           ${noteValue}::text, case when ${noteValue}::text is not null then now() end,
           case when ${noteValue}::text is not null then auth.uid() end,
           case when not exists (select 1 from public.error_logs u where u.fingerprint = x.fingerprint and not u.resolved) then now() end
      from json_to_recordset(${groups}::json) as x(fingerprint text, error_type text, error_category text, normalized_message text)
     order by x.fingerprint
    on conflict (fingerprint) do update set
      resolution_notes = coalesce(excluded.resolution_notes, g.resolution_notes),
      notes_updated_at = coalesce(excluded.notes_updated_at, g.notes_updated_at),
      notes_updated_by = coalesce(excluded.notes_updated_by, g.notes_updated_by),
      resolved_at = coalesce(excluded.resolved_at, g.resolved_at)`);
  return { changed, groups: rows.length };
}

export async function reopenErrors(tx: Tx, target: ErrorTarget, note: string): Promise<TriageResult> {
  const noteValue = note.trim() || null;
  const rows = (await tx.execute(sql`
    with changed as (
      update public.error_logs e
         set resolved = false, resolution_notes = coalesce(${noteValue}::text, e.resolution_notes)
       where ${await targetSql(tx, target)} and e.resolved
      returning e.fingerprint
    )
    select fingerprint, count(*)::bigint as n from changed group by fingerprint`)) as unknown as { fingerprint: string; n: string }[];
  const changed = rows.reduce((s, r) => s + Number(r.n), 0);
  if (rows.length) {
    // A reopened group is open again, not a regression.
    await tx.execute(sql`
      update public.error_groups g set resolved_at = null
       where g.fingerprint = any(${`{${rows.map((r) => r.fingerprint).join(",")}}`}::text[])`);
  }
  return { changed, groups: rows.length };
}
