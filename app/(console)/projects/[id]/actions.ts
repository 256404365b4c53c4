"use server";

/**
 * /projects/[id] actions: start and cancel a CSV ingest, review records, score them. Each one
 * parses its schema, re-checks the role, runs as the viewer (RLS decides whether the project's
 * rows may change) and answers with a message.
 */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { cancelIngestJob, createIngestJob, reviewRecords, saveLikertScore } from "@/lib/db/mutations/projects";
import { getProject } from "@/lib/db/queries/projects";
import { withViewer } from "@/lib/db/with-viewer";
import { formatCount } from "@/lib/format";
import { startIngestJob } from "@/lib/ingest/runner";
import { uploadPath, uploadSize } from "@/lib/ingest/uploads";
import { cancelIngestInput, ingestOptions, likertInput, reviewRecordsInput } from "@/lib/validation/projects";

const MEMBERS = ["USER", "MANAGER", "ADMIN"] as const;

export const startIngest = defineAction(ingestOptions, MEMBERS, async (input, viewer): Promise<ActionResult<{ jobId: string }>> => {
  const size = uploadSize(viewer.id, input.uploadId);
  if (size === null) return failure("The uploaded file is gone (uploads are kept for a day). Choose the file again.", { file: ["Upload the file again."] });
  if (size === 0) return failure("The file is empty.", { file: ["Choose a CSV file with a header row."] });
  const jobId = await withViewer(viewer, async (tx) => {
    if (!(await getProject(tx, input.projectId))) return null;
    return createIngestJob(tx, { projectId: input.projectId, type: input.type });
  });
  if (!jobId) return failure("This project does not exist or is not yours.");
  // Runs after this answer, as the viewer (withViewer with the viewer's claims).
  void startIngestJob({
    viewer,
    jobId,
    projectId: input.projectId,
    type: input.type,
    fileName: input.fileName,
    mapping: input.mapping,
    onError: input.onError,
    file: uploadPath(viewer.id, input.uploadId),
  });
  return { ok: true, jobId, message: "Import started." };
});

export const cancelIngest = defineAction(cancelIngestInput, MEMBERS, async (input, viewer): Promise<ActionResult> => {
  const row = await withViewer(viewer, (tx) => cancelIngestJob(tx, { jobId: input.jobId, by: viewer.email }));
  if (!row) return failure("This import has already ended.");
  refresh();
  return { ok: true, message: "Import cancelled. The rows saved so far are kept." };
});

export const reviewProjectRecords = defineAction(reviewRecordsInput, MEMBERS, async (input, viewer): Promise<ActionResult<{ changed: number }>> => {
  if (input.reviewed === undefined && input.categoryCorrect === undefined) return failure("Choose what to set.");
  const changed = await withViewer(viewer, (tx) => reviewRecords(tx, { ...input, reviewer: viewer.email }));
  refresh();
  if (changed === 0) return failure("None of these records can be changed by you.");
  const what =
    input.categoryCorrect !== undefined
      ? input.categoryCorrect === null
        ? "category check cleared"
        : input.categoryCorrect
          ? "category marked correct"
          : "category marked incorrect"
      : input.reviewed
        ? "marked reviewed"
        : "marked not reviewed";
  return { ok: true, changed, message: `${formatCount(changed, "record")} ${what}.` };
});

export const scoreRecord = defineAction(likertInput, MEMBERS, async (input, viewer): Promise<ActionResult> => {
  const ok = await withViewer(viewer, (tx) => saveLikertScore(tx, { ...input, userId: viewer.id }));
  if (!ok) return failure("You cannot score this record.");
  refresh();
  return { ok: true, message: "Score saved." };
});
