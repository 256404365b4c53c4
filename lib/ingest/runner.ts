/**
 * Runs ingest jobs in the app process, after the action that created them has answered.
 *
 * The job writes as the uploading viewer: withViewer with the viewer's verified claims, so RLS
 * applies to every batch exactly as it would to the viewer's own request (never the service
 * role). The uploaded file is removed when the job ends, whatever the outcome.
 * `isRunningHere` tells the page whether a job marked as active is still being worked on by this
 * process (a job left PROCESSING by a restarted server is shown as interrupted and can be cancelled).
 */
import "server-only";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/viewer";
import { withViewer, type Tx } from "@/lib/db/with-viewer";
import { logError } from "@/lib/logging/system-log";
import type { ColumnMapping, RecordType } from "@/lib/validation/projects";
import { countLines } from "./csv-reader";
import { runIngestJob, type IngestOutcome } from "./pipeline";
import { removeUpload } from "./uploads";

const globalForRunner = globalThis as unknown as { __ingestRunning?: Set<string> };
const running = (globalForRunner.__ingestRunning ??= new Set<string>());

export function isRunningHere(jobId: string): boolean {
  return running.has(jobId);
}

export type StartJob = {
  viewer: Pick<Viewer, "id" | "email" | "claims">;
  jobId: string;
  projectId: string;
  type: RecordType;
  fileName: string;
  mapping: ColumnMapping;
  onError: "skip" | "stop";
  file: string;
};

/** Starts the job without waiting for it; the promise is for tests and benchmarks. */
export function startIngestJob(job: StartJob): Promise<IngestOutcome | null> {
  running.add(job.jobId);
  const run = async () => {
    try {
      const estimatedLines = await countLines(fs.createReadStream(job.file));
      return await runIngestJob({
        runAs: <T,>(fn: (tx: Tx) => Promise<T>) => withViewer(job.viewer, fn),
        jobId: job.jobId,
        projectId: job.projectId,
        type: job.type,
        source: `csv:${job.fileName}`,
        mapping: job.mapping,
        onError: job.onError,
        uploader: { id: job.viewer.id, email: job.viewer.email },
        open: () => fs.createReadStream(job.file, { highWaterMark: 256 * 1024 }),
        estimatedLines,
      });
    } catch (err) {
      await logError({
        userId: job.viewer.id,
        errorType: "system",
        errorCategory: "ingest",
        message: `Ingest job ${job.jobId} crashed: ${(err as Error).message}`,
        details: { jobId: job.jobId, projectId: job.projectId },
      });
      await withViewer(job.viewer, (tx) =>
        tx.execute(
          sql`update public.ingest_jobs set status = 'FAILED', error = ${"The import stopped unexpectedly. Try again."}
            where id = ${job.jobId} and status in ('PENDING', 'PROCESSING', 'QUEUED_FOR_VEC', 'VECTORIZING')`,
        ),
      ).catch(() => undefined);
      return null;
    } finally {
      running.delete(job.jobId);
      removeUpload(job.file);
    }
  };
  return run();
}
