/**
 * Writes on documents, as the viewer. RLS lets owners update their suggestions and insert
 * versions of their own documents; admins read only.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { one } from "@/lib/db/queries/sql-helpers";

/** Marks a suggestion resolved; null when it is not the viewer's (or already gone). */
export async function resolveSuggestion(tx: Tx, suggestionId: string): Promise<{ documentId: string; wasResolved: boolean } | null> {
  const before = await one<{ documentId: string; isResolved: boolean }>(
    tx,
    sql`select "documentId", "isResolved" from public."Suggestion" where id = ${suggestionId} and user_id = (select auth.uid())`,
  );
  if (!before) return null;
  if (before.isResolved) return { documentId: before.documentId, wasResolved: true };
  const r = await one<{ documentId: string }>(
    tx,
    sql`update public."Suggestion" set "isResolved" = true
         where id = ${suggestionId} and user_id = (select auth.uid()) and not "isResolved"
     returning "documentId"`,
  );
  return r ? { documentId: r.documentId, wasResolved: false } : { documentId: before.documentId, wasResolved: true };
}

export type RestoreOutcome =
  | { kind: "restored"; versionNumber: number }
  | { kind: "missing" }
  | { kind: "not-owner" }
  | { kind: "stale"; latest: number };

/**
 * Restores an old version by writing a NEW version with its content (no version is deleted or
 * changed): number latest + 1, parent = the latest version, metadata says what was restored.
 * `expectedLatest` is the latest version the person saw; if someone added a version since, the
 * restore is refused rather than silently stacking on a version they have not seen. The row
 * lock on the latest version serialises two restores of the same document.
 */
export async function restoreVersion(
  tx: Tx,
  input: { documentId: string; versionNumber: number; expectedLatest: number },
): Promise<RestoreOutcome> {
  const head = await one<{ owner: boolean }>(
    tx,
    sql`select user_id = (select auth.uid()) as owner from public."Document" where id = ${input.documentId} limit 1`,
  );
  if (!head) return { kind: "missing" };
  if (!head.owner) return { kind: "not-owner" };
  // FOR UPDATE needs the UPDATE policy too (owners only), so it comes after the owner check.
  const latest = await one<{ versionNumber: number; versionId: string }>(
    tx,
    sql`select version_number as "versionNumber", version_id as "versionId"
          from public."Document" where id = ${input.documentId}
         order by version_number desc limit 1 for update`,
  );
  if (!latest) return { kind: "missing" };
  if (latest.versionNumber !== input.expectedLatest) return { kind: "stale", latest: latest.versionNumber };
  const source = await one<{ ok: boolean }>(
    tx,
    sql`select true as ok from public."Document" where id = ${input.documentId} and version_number = ${input.versionNumber}`,
  );
  if (!source) return { kind: "missing" };
  const next = latest.versionNumber + 1;
  await tx.execute(sql`
    insert into public."Document" (id, "createdAt", title, content, kind, user_id, chat_id, parent_version_id, version_number, metadata)
    select s.id, greatest(now(), l."createdAt" + interval '1 microsecond'), s.title, s.content, s.kind, s.user_id, s.chat_id,
           ${latest.versionId}, ${next},
           jsonb_build_object('updateType', 'restore', 'restoredFrom', s.version_number, 'agent', 'console',
                              'lineRange', jsonb_build_object('start', 1, 'end', greatest(1, array_length(string_to_array(coalesce(s.content, ''), E'\n'), 1))))
      from public."Document" s, public."Document" l
     where s.id = ${input.documentId} and s.version_number = ${input.versionNumber}
       and l.id = ${input.documentId} and l.version_number = ${latest.versionNumber}`);
  return { kind: "restored", versionNumber: next };
}
