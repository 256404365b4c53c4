/** GET /projects/[id]/ingest/jobs/[jobId] — the job's state and counts, for the progress bar (polled). */
import { getIngestJob } from "@/lib/db/queries/projects";
import { withViewer } from "@/lib/db/with-viewer";
import { isRunningHere } from "@/lib/ingest/runner";
import { defineRoute } from "@/lib/routes";

export const dynamic = "force-dynamic";

export const GET = defineRoute<{ id: string; jobId: string }>({ roles: "signed-in" }, async (_request, { viewer, params }) => {
  const { id: projectId, jobId } = params;
  const job = await withViewer(viewer, (tx) => getIngestJob(tx, jobId));
  if (!job || job.projectId !== projectId) return Response.json({ error: "Import not found." }, { status: 404 });
  return Response.json({ ...job, runningHere: isRunningHere(jobId) }, { headers: { "Cache-Control": "no-store" } });
});
