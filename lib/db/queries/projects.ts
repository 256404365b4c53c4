/**
 * Reads for /projects and /projects/[id] (seed 004). Every function takes the viewer's
 * transaction (withViewer): RLS decides which projects, records, scores and jobs exist (owners
 * their own projects, admins all); the explicit filters are added as well (docs/access-model.md#policies-written-for-speed).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { encodeCursor } from "@/lib/validation/data-table";
import { LLM_USER_ID, type IngestStatus, type RecordCategory, type RecordType, type RecordsTableQuery } from "@/lib/validation/projects";

type Rows<T> = T[];
const rows = async <T>(tx: Tx, q: SQL): Promise<Rows<T>> => (await tx.execute(q)) as unknown as T[];

export type RecordCounts = Record<RecordType, Record<RecordCategory | "NONE", number>>;
const emptyCounts = (): RecordCounts => ({
  TASK: { TOP_10: 0, BOTTOM_10: 0, NONE: 0 },
  FEEDBACK: { TOP_10: 0, BOTTOM_10: 0, NONE: 0 },
});

export type ProjectSummary = {
  id: string;
  name: string;
  ownerEmail: string | null;
  ownerId: string | null;
  guidelinesFileName: string | null;
  lastTaskAnalysis: string | null;
  lastFeedbackAnalysis: string | null;
  updatedAt: Date;
  counts: RecordCounts;
  total: number;
};

/** The projects the viewer can see (owners: their own; admins: all), by name, with record counts. */
export async function listProjects(tx: Tx, opts: { q?: string; limit?: number } = {}): Promise<ProjectSummary[]> {
  const q = opts.q?.trim();
  const projects = await rows<Omit<ProjectSummary, "counts" | "total"> & { updatedAt: string }>(
    tx,
    sql`select p.id, p.name, p."ownerId" as "ownerId", o.email as "ownerEmail", p."guidelinesFileName" as "guidelinesFileName",
               left(p."lastTaskAnalysis", 400) as "lastTaskAnalysis", left(p."lastFeedbackAnalysis", 400) as "lastFeedbackAnalysis",
               p."updatedAt" as "updatedAt"
        from public.projects p
        left join public.profiles o on o.id = p."ownerId"
        ${q ? sql`where p.name ilike ${"%" + q.replace(/[\\%_]/g, (c) => `\\${c}`) + "%"}` : sql``}
        order by lower(p.name), p.id
        limit ${opts.limit ?? 200}`,
  );
  if (projects.length === 0) return [];
  const counts = await rows<{ projectId: string; type: RecordType; category: RecordCategory | null; n: number }>(
    tx,
    sql`select "projectId", type, category, count(*)::int as n
        from public.data_records
        where "projectId" in (select json_array_elements_text(${JSON.stringify(projects.map((p) => p.id))}::json))
        group by 1, 2, 3`,
  );
  const byProject = new Map<string, RecordCounts>();
  for (const c of counts) {
    const m = byProject.get(c.projectId) ?? emptyCounts();
    m[c.type][c.category ?? "NONE"] += Number(c.n);
    byProject.set(c.projectId, m);
  }
  return projects.map((p) => {
    const c = byProject.get(p.id) ?? emptyCounts();
    const total = Object.values(c).reduce((a, t) => a + t.TOP_10 + t.BOTTOM_10 + t.NONE, 0);
    return { ...p, updatedAt: new Date(p.updatedAt), counts: c, total };
  });
}

export type ProjectDetail = {
  id: string;
  name: string;
  ownerId: string | null;
  ownerEmail: string | null;
  guidelinesFileName: string | null;
  lastTaskAnalysis: string | null;
  lastFeedbackAnalysis: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export async function getProject(tx: Tx, id: string): Promise<ProjectDetail | null> {
  const [p] = await rows<ProjectDetail>(
    tx,
    sql`select p.id, p.name, p."ownerId" as "ownerId", o.email as "ownerEmail", p."guidelinesFileName" as "guidelinesFileName",
               p."lastTaskAnalysis" as "lastTaskAnalysis", p."lastFeedbackAnalysis" as "lastFeedbackAnalysis",
               p."createdAt" as "createdAt", p."updatedAt" as "updatedAt"
        from public.projects p left join public.profiles o on o.id = p."ownerId"
        where p.id = ${id}`,
  );
  return p ? { ...p, createdAt: new Date(p.createdAt), updatedAt: new Date(p.updatedAt) } : null;
}

export async function countRecords(tx: Tx, projectId: string): Promise<RecordCounts> {
  const c = emptyCounts();
  const r = await rows<{ type: RecordType; category: RecordCategory | null; n: number }>(
    tx,
    sql`select type, category, count(*)::int as n from public.data_records where "projectId" = ${projectId} group by 1, 2`,
  );
  for (const x of r) c[x.type][x.category ?? "NONE"] += Number(x.n);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------
export type RecordRow = {
  id: string;
  type: RecordType;
  category: RecordCategory | null;
  content: string; // the first 280 characters
  contentLength: number;
  source: string;
  createdById: string | null;
  createdByName: string | null;
  createdByEmail: string | null;
  hasBeenReviewed: boolean;
  isCategoryCorrect: boolean | null;
  reviewedBy: string | null;
  avgRealism: number | null;
  avgQuality: number | null;
  humanRatings: number;
  llmRatings: number;
  createdAt: string;
};

function dayStart(day: string) {
  return `${day}T00:00:00.000Z`;
}
function nextDayStart(day: string) {
  const d = new Date(dayStart(day));
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

function recordFilters(projectId: string, q: Omit<RecordsTableQuery, "cursor" | "size" | "page" | "sort" | "hide">): SQL {
  const parts: SQL[] = [sql`r."projectId" = ${projectId}`];
  if (q.type.length) parts.push(sql`r.type::text in (select json_array_elements_text(${JSON.stringify(q.type)}::json))`);
  if (q.category.length) {
    const cats = q.category.filter((c) => c !== "NONE");
    const none = q.category.includes("NONE");
    parts.push(
      sql`(${cats.length ? sql`r.category::text in (select json_array_elements_text(${JSON.stringify(cats)}::json))` : sql`false`} ${none ? sql`or r.category is null` : sql``})`,
    );
  }
  if (q.reviewed.length === 1) parts.push(sql`r."hasBeenReviewed" = ${q.reviewed[0] === "yes"}`);
  if (q.creator.length) parts.push(sql`r."createdById" in (select json_array_elements_text(${JSON.stringify(q.creator)}::json))`);
  if (q.from) parts.push(sql`r."createdAt" >= ${dayStart(q.from)}::timestamptz`);
  if (q.to) parts.push(sql`r."createdAt" < ${nextDayStart(q.to)}::timestamptz`);
  if (q.q) parts.push(sql`r.content ilike ${"%" + q.q.replace(/[\\%_]/g, (c) => `\\${c}`) + "%"}`);
  return sql.join(parts, sql` and `);
}

export type RecordsPage = { rows: RecordRow[]; nextCursor: string | null; prevCursor: string | null };

/**
 * One page of a project's records, newest first, by keyset on ("createdAt", id)
 * (idx_record_project_created); size + 1 rows tell whether another page follows.
 */
export async function listRecords(tx: Tx, projectId: string, q: RecordsTableQuery): Promise<RecordsPage> {
  const backwards = q.cursor?.dir === "before";
  const desc = q.sort.dir === "desc";
  const readDesc = backwards ? !desc : desc;
  const op = sql.raw(readDesc ? "<" : ">");
  const order = sql.raw(readDesc ? "desc" : "asc");
  const where = q.cursor
    ? sql`and (r."createdAt", r.id) ${op} (${q.cursor.value}::timestamptz, ${q.cursor.id}::text)`
    : sql``;
  const fetched = await rows<RecordRow & { cursorValue: string }>(
    tx,
    sql`select r.id, r.type, r.category, left(r.content, 280) as content, length(r.content) as "contentLength", r.source,
               r."createdById" as "createdById", r."createdByName" as "createdByName", r."createdByEmail" as "createdByEmail",
               r."hasBeenReviewed" as "hasBeenReviewed", r."isCategoryCorrect" as "isCategoryCorrect", r."reviewedBy" as "reviewedBy",
               s.avg_realism::float8 as "avgRealism", s.avg_quality::float8 as "avgQuality",
               coalesce(s.humans, 0)::int as "humanRatings", coalesce(s.llms, 0)::int as "llmRatings",
               to_char(r."createdAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdAt",
               r."createdAt"::text as "cursorValue"
        from public.data_records r
        left join lateral (
          select avg(l."realismScore") filter (where l."userId" <> ${LLM_USER_ID}) as avg_realism,
                 avg(l."qualityScore") filter (where l."userId" <> ${LLM_USER_ID}) as avg_quality,
                 count(*) filter (where l."userId" <> ${LLM_USER_ID}) as humans,
                 count(*) filter (where l."userId" = ${LLM_USER_ID}) as llms
          from public.likert_scores l where l."recordId" = r.id
        ) s on true
        where ${recordFilters(projectId, q)} ${where}
        order by r."createdAt" ${order}, r.id ${order}
        limit ${q.size + 1}`,
  );
  const more = fetched.length > q.size;
  const page = fetched.slice(0, q.size);
  if (backwards) page.reverse();
  const at = (r?: { cursorValue: string; id: string }) => (r ? encodeCursor(r.cursorValue, r.id) : null);
  const first = page[0];
  const last = page[page.length - 1];
  let nextCursor: string | null;
  let prevCursor: string | null;
  if (!q.cursor) [nextCursor, prevCursor] = [more ? at(last) : null, null];
  else if (backwards) [nextCursor, prevCursor] = [at(last), more ? at(first) : null];
  else [nextCursor, prevCursor] = [more ? at(last) : null, at(first)];
  return { rows: page.map(({ cursorValue: _c, ...r }) => r), nextCursor, prevCursor };
}

/** Creators of the project's records, for the filter (at most 100, by email). */
export async function listRecordCreators(tx: Tx, projectId: string): Promise<{ id: string; label: string; count: number }[]> {
  const r = await rows<{ id: string; label: string; count: number }>(
    tx,
    sql`select r."createdById" as id, coalesce(max(r."createdByEmail"), max(r."createdByName"), r."createdById") as label, count(*)::int as count
        from public.data_records r
        where r."projectId" = ${projectId} and r."createdById" is not null
        group by r."createdById" order by 2 limit 100`,
  );
  return r.map((x) => ({ ...x, count: Number(x.count) }));
}

export type RecordDetail = {
  id: string;
  projectId: string;
  type: RecordType;
  category: RecordCategory | null;
  content: string;
  metadata: Record<string, unknown> | null;
  source: string;
  createdByEmail: string | null;
  createdByName: string | null;
  hasBeenReviewed: boolean;
  isCategoryCorrect: boolean | null;
  reviewedBy: string | null;
  alignmentAnalysis: string | null;
  embeddingDims: number;
  createdAt: string;
  scores: { userId: string; rater: string | null; llmModel: string | null; realismScore: number; qualityScore: number; updatedAt: string }[];
};

export async function getRecord(tx: Tx, projectId: string, recordId: string): Promise<RecordDetail | null> {
  const [r] = await rows<Omit<RecordDetail, "scores">>(
    tx,
    sql`select id, "projectId" as "projectId", type, category, content, metadata, source, "createdByEmail" as "createdByEmail",
               "createdByName" as "createdByName", "hasBeenReviewed" as "hasBeenReviewed", "isCategoryCorrect" as "isCategoryCorrect",
               "reviewedBy" as "reviewedBy", "alignmentAnalysis" as "alignmentAnalysis", coalesce(cardinality(embedding), 0) as "embeddingDims",
               to_char("createdAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
        from public.data_records where id = ${recordId} and "projectId" = ${projectId}`,
  );
  if (!r) return null;
  const scores = await rows<RecordDetail["scores"][number]>(
    tx,
    sql`select l."userId" as "userId", p.email as rater, l."llmModel" as "llmModel", l."realismScore" as "realismScore",
               l."qualityScore" as "qualityScore", to_char(l."updatedAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
        from public.likert_scores l left join public.profiles p on p.id::text = l."userId"
        where l."recordId" = ${recordId}
        order by (l."userId" = ${LLM_USER_ID}), l."llmModel" nulls first, l."updatedAt" desc`,
  );
  return { ...r, embeddingDims: Number(r.embeddingDims), scores };
}

// ---------------------------------------------------------------------------------------------
// Agreement between raters
// ---------------------------------------------------------------------------------------------
export type AgreementRow = {
  pair: "humans" | "llm";
  model: string | null;
  pairs: number;
  realismExact: number | null;
  realismWithin1: number | null;
  realismMad: number | null;
  realismCorr: number | null;
  qualityExact: number | null;
  qualityWithin1: number | null;
  qualityMad: number | null;
  qualityCorr: number | null;
};

/**
 * Agreement per project: every pair of human ratings of the same record (humans vs humans), and
 * every human rating against each LLM's rating of the same record (humans vs LLM, per model).
 * Exact agreement, agreement within one point, mean absolute difference and Pearson correlation,
 * per scale.
 */
export async function projectAgreement(tx: Tx, projectId: string): Promise<AgreementRow[]> {
  const metrics = sql`count(*)::int as pairs,
      avg((ar = br)::int)::float8 as "realismExact", avg((abs(ar - br) <= 1)::int)::float8 as "realismWithin1",
      avg(abs(ar - br))::float8 as "realismMad", corr(ar, br)::float8 as "realismCorr",
      avg((aq = bq)::int)::float8 as "qualityExact", avg((abs(aq - bq) <= 1)::int)::float8 as "qualityWithin1",
      avg(abs(aq - bq))::float8 as "qualityMad", corr(aq, bq)::float8 as "qualityCorr"`;
  const r = await rows<AgreementRow>(
    tx,
    sql`with s as (
          select l."recordId" as rid, l."userId" as uid, l."llmModel" as model, l."realismScore" as r, l."qualityScore" as q
          from public.likert_scores l join public.data_records d on d.id = l."recordId"
          where d."projectId" = ${projectId}
        ),
        h as (select * from s where uid <> ${LLM_USER_ID}),
        m as (select * from s where uid = ${LLM_USER_ID}),
        hh as (select a.r as ar, b.r as br, a.q as aq, b.q as bq from h a join h b on a.rid = b.rid and a.uid < b.uid),
        hm as (select h.r as ar, m.r as br, h.q as aq, m.q as bq, m.model from h join m on h.rid = m.rid)
        select 'humans' as pair, null::text as model, ${metrics} from hh
        union all
        select 'llm' as pair, coalesce(model, 'unknown model') as model, ${metrics} from hm group by model
        order by 1 desc, 2`,
  );
  return r.map((x) => ({ ...x, pairs: Number(x.pairs) }));
}

/** How many records each kind of rater scored in the project (for the agreement card). */
export async function ratingCounts(tx: Tx, projectId: string): Promise<{ human: number; llm: number; models: string[] }> {
  const [r] = await rows<{ human: number; llm: number; models: string[] | null }>(
    tx,
    sql`select count(*) filter (where l."userId" <> ${LLM_USER_ID})::int as human,
               count(*) filter (where l."userId" = ${LLM_USER_ID})::int as llm,
               array_agg(distinct l."llmModel") filter (where l."userId" = ${LLM_USER_ID} and l."llmModel" is not null) as models
        from public.likert_scores l join public.data_records d on d.id = l."recordId"
        where d."projectId" = ${projectId}`,
  );
  return { human: Number(r?.human ?? 0), llm: Number(r?.llm ?? 0), models: r?.models ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Ingest jobs
// ---------------------------------------------------------------------------------------------
export type IngestJobRow = {
  id: string;
  projectId: string;
  type: RecordType;
  status: IngestStatus;
  totalRecords: number;
  savedCount: number;
  skippedCount: number;
  skippedDetails: Record<string, number> | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  source: string | null;
  vectorizationPending: boolean;
  storedSkipped: number;
};

const jobColumns = sql`j.id, j."projectId" as "projectId", j.type, j.status, j."totalRecords" as "totalRecords", j."savedCount" as "savedCount",
  j."skippedCount" as "skippedCount", j."skippedDetails" as "skippedDetails", j.error,
  to_char(j."createdAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
  to_char(j."updatedAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt",
  (select d.source from public.data_records d where d."ingestJobId" = j.id limit 1) as source,
  (j.status = 'COMPLETED' and exists (select 1 from public.data_records d where d."ingestJobId" = j.id and d.embedding = '{}')) as "vectorizationPending",
  (select count(*)::int from public.ingest_skipped_rows k where k."jobId" = j.id) as "storedSkipped"`;

export async function listIngestJobs(tx: Tx, projectId: string, limit = 10): Promise<IngestJobRow[]> {
  return rows<IngestJobRow>(
    tx,
    sql`select ${jobColumns} from public.ingest_jobs j where j."projectId" = ${projectId} order by j."createdAt" desc, j.id desc limit ${limit}`,
  );
}

export async function getIngestJob(tx: Tx, jobId: string): Promise<IngestJobRow | null> {
  const [j] = await rows<IngestJobRow>(tx, sql`select ${jobColumns} from public.ingest_jobs j where j.id = ${jobId}`);
  return j ?? null;
}

export type SkippedRow = { line: number; reason: string; message: string | null; row: Record<string, string> | null };

/** A job's skipped rows by line, in batches read by keyset (the CSV download). */
export async function* iterateSkippedRows(runAsViewer: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>, jobId: string, batch = 2000): AsyncGenerator<SkippedRow[]> {
  let after = 0;
  for (;;) {
    const page = await runAsViewer((tx) =>
      rows<SkippedRow>(
        tx,
        sql`select line, reason, message, "row" from public.ingest_skipped_rows
            where "jobId" = ${jobId} and line > ${after} order by line limit ${batch}`,
      ),
    );
    if (page.length) yield page;
    if (page.length < batch) return;
    after = page[page.length - 1].line;
  }
}
