/**
 * Reads for /documents and /documents/[id] (seed 001 "Document", "Suggestion"). Versions of a
 * document share `id`; `version_id` names one version and `parent_version_id` points at the
 * version it was made from (the version tree). RLS: owners read theirs, admins all.
 */
import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, likePattern, planKeysetPage, type KeysetPage, type KeysetSort } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import type { DocumentKind, DocumentsTableQuery } from "@/lib/validation/documents";
import { dayStart, iso, nextDayStart, one, rows } from "./sql-helpers";

export type DocumentListRow = {
  id: string;
  title: string;
  kind: DocumentKind;
  latestVersion: number;
  versionCount: number;
  chatId: string | null;
  chatTitle: string | null;
  updatedAt: string;
};

const SORTS: Record<"updated" | "title", KeysetSort> = {
  updated: { expr: sql`l."createdAt"`, type: "timestamptz" },
  title: { expr: sql`l.title`, type: "text" },
};

/**
 * The latest version of each of the viewer's documents (DISTINCT ON over idx_document_versions),
 * one keyset page of them. A person has hundreds of documents, not millions: the latest-version
 * set is computed per request and paged by (sort value, id).
 */
export async function listDocuments(tx: Tx, q: DocumentsTableQuery): Promise<KeysetPage<DocumentListRow>> {
  const sort = SORTS[q.sort.key];
  const plan = planKeysetPage({ sort, id: sql`l.id`, dir: q.sort.dir, cursor: q.cursor, size: q.size });
  const conds: (SQL | undefined)[] = [plan.where];
  if (q.q) conds.push(sql`l.title ilike ${likePattern(q.q)}`);
  if (q.kind.length) conds.push(sql`l.kind in ${sql`(${sql.join(q.kind.map((k) => sql`${k}`), sql`, `)})`}`);
  if (q.from) conds.push(sql`l."createdAt" >= ${dayStart(q.from)}::timestamptz`);
  if (q.to) conds.push(sql`l."createdAt" < ${nextDayStart(q.to)}::timestamptz`);
  const fetched = await rows<DocumentListRow & { cursorValue: string | null }>(
    tx,
    sql`with l as (
          select distinct on (d.id) d.id, d.title, d.kind, d.version_number, d.chat_id, d."createdAt",
                 count(*) over (partition by d.id) as version_count
            from public."Document" d
           where d.user_id = (select auth.uid())
           order by d.id, d.version_number desc)
        select l.id, l.title, l.kind, l.version_number as "latestVersion", l.version_count::int as "versionCount",
               l.chat_id as "chatId", c.title as "chatTitle", ${iso(sql`l."createdAt"`)} as "updatedAt",
               (${sort.expr})::text as "cursorValue"
          from l left join public."Chat" c on c.id = l.chat_id
         where ${and(...conds) ?? sql`true`}
         order by ${sql.join(plan.orderBy, sql`, `)}
         limit ${plan.limit}`,
  );
  const page = finishKeysetPage(fetched, plan, q.cursor, q.size);
  return { ...page, rows: page.rows.map(({ cursorValue: _c, ...r }) => r) };
}

export type DocumentVersion = {
  versionId: string;
  parentVersionId: string | null;
  versionNumber: number;
  title: string;
  kind: DocumentKind;
  content: string | null;
  createdAt: string;
  metadata: Record<string, unknown>;
  chatId: string | null;
  userId: string;
};

/** Every version of a document, oldest first; empty when it does not exist or RLS hides it. */
export async function getDocumentVersions(tx: Tx, documentId: string): Promise<DocumentVersion[]> {
  return rows<DocumentVersion>(
    tx,
    sql`select d.version_id as "versionId", d.parent_version_id as "parentVersionId", d.version_number as "versionNumber",
               d.title, d.kind, d.content, ${iso(sql`d."createdAt"`)} as "createdAt", d.metadata, d.chat_id as "chatId",
               d.user_id as "userId"
          from public."Document" d
         where d.id = ${documentId}
         order by d.version_number`,
  );
}

export type DocumentHeader = { isOwner: boolean; ownerEmail: string | null; chatTitle: string | null };

export async function getDocumentHeader(tx: Tx, documentId: string): Promise<DocumentHeader | null> {
  return one<DocumentHeader>(
    tx,
    sql`select d.user_id = (select auth.uid()) as "isOwner", p.email as "ownerEmail", c.title as "chatTitle"
          from public."Document" d
          left join public.profiles p on p.id = d.user_id
          left join public."Chat" c on c.id = d.chat_id
         where d.id = ${documentId}
         order by d.version_number desc limit 1`,
  );
}

export type SuggestionRow = {
  id: string;
  versionNumber: number | null;
  originalText: string;
  suggestedText: string;
  description: string | null;
  isResolved: boolean;
  createdAt: string;
};

/** The suggestions made on any version of the document, newest first. */
export async function listSuggestions(tx: Tx, documentId: string): Promise<SuggestionRow[]> {
  return rows<SuggestionRow>(
    tx,
    sql`select s.id, d.version_number as "versionNumber", s."originalText", s."suggestedText", s.description,
               s."isResolved", ${iso(sql`s."createdAt"`)} as "createdAt"
          from public."Suggestion" s
          left join public."Document" d on d.id = s."documentId" and d."createdAt" = s."documentCreatedAt"
         where s."documentId" = ${documentId}
         order by s."isResolved", s."createdAt" desc`,
  );
}
