/**
 * Writes for /projects (seed 004), each in the viewer's transaction (withViewer): RLS decides
 * what may change (owners their projects' records, admins all); a row RLS hides is not changed
 * and the caller is told how many rows were.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { ACTIVE_INGEST_STATUSES, type RecordType } from "@/lib/validation/projects";

const count = (r: unknown) => (r as unknown[]).length;

/** Marks records reviewed (or not) and/or sets whether their category is correct (which also marks them reviewed). */
export async function reviewRecords(
  tx: Tx,
  input: { projectId: string; recordIds: string[]; reviewed?: boolean; categoryCorrect?: boolean | null; reviewer: string },
): Promise<number> {
  const setCorrect = input.categoryCorrect !== undefined;
  const reviewed = setCorrect ? (input.categoryCorrect !== null ? true : (input.reviewed ?? null)) : (input.reviewed ?? null);
  const r = await tx.execute(sql`
    update public.data_records
    set "hasBeenReviewed" = coalesce(${reviewed}::boolean, "hasBeenReviewed"),
        "isCategoryCorrect" = case when ${setCorrect} then ${input.categoryCorrect ?? null}::boolean else "isCategoryCorrect" end,
        "reviewedBy" = case when coalesce(${reviewed}::boolean, "hasBeenReviewed") then ${input.reviewer} else null end
    where "projectId" = ${input.projectId}
      and id in (select json_array_elements_text(${JSON.stringify(input.recordIds)}::json))
    returning id`);
  return count(r);
}

/** The viewer's own Likert score of a record (one per rater and record; a new score replaces it). */
export async function saveLikertScore(tx: Tx, input: { recordId: string; userId: string; realismScore: number; qualityScore: number }): Promise<boolean> {
  const r = await tx.execute(sql`
    insert into public.likert_scores ("recordId", "userId", "realismScore", "qualityScore", "llmModel")
    values (${input.recordId}, ${input.userId}, ${input.realismScore}, ${input.qualityScore}, null)
    on conflict ("recordId", "userId", "llmModel") do update
      set "realismScore" = excluded."realismScore", "qualityScore" = excluded."qualityScore"
    returning id`);
  return count(r) > 0;
}

export async function createProject(tx: Tx, input: { name: string; ownerId: string }): Promise<{ id: string } | "taken"> {
  const taken = await tx.execute(sql`select 1 from public.projects where lower(name) = lower(${input.name}) limit 1`);
  if (count(taken)) return "taken";
  const [row] = (await tx.execute(sql`
    insert into public.projects (name, "ownerId") values (${input.name}, ${input.ownerId})
    on conflict (name) do nothing returning id`)) as unknown as { id: string }[];
  return row ?? "taken";
}

export async function createIngestJob(tx: Tx, input: { projectId: string; type: RecordType }): Promise<string | null> {
  const [row] = (await tx.execute(sql`
    insert into public.ingest_jobs ("projectId", type) values (${input.projectId}, ${input.type}::public."RecordType") returning id`)) as unknown as { id: string }[];
  return row?.id ?? null;
}

/**
 * Cancels a job that has not ended. A batch that already added its counts to the job row holds
 * the row's lock, so this waits for it to commit; a batch that has not yet finds the job
 * CANCELLED when it tries and rolls back whole (lib/ingest/pipeline.ts). Either way the job
 * keeps exactly what was saved and counted, and the runner stops.
 */
export async function cancelIngestJob(tx: Tx, input: { jobId: string; by: string }): Promise<{ projectId: string } | null> {
  const [row] = (await tx.execute(sql`
    update public.ingest_jobs set status = 'CANCELLED', error = ${`Cancelled by ${input.by}`}
    where id = ${input.jobId} and status in (select json_array_elements_text(${JSON.stringify(ACTIVE_INGEST_STATUSES)}::json))
    returning "projectId" as "projectId"`)) as unknown as { projectId: string }[];
  return row ?? null;
}
