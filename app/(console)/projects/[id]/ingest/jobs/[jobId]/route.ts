/** GET /projects/[id]/ingest/jobs/[jobId] — the job's state and counts, for the progress bar (polled). */
import { getIngestJob } from "@/lib/db/queries/projects";
import { withViewer } from "@/lib/db/with-viewer";
import { routeViewer } from "@/lib/ingest/route-auth";
import { isRunningHere } from "@/lib/ingest/runner";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string; jobId: string }> }) {
  const viewer = await routeViewer(request);
  if (viewer instanceof Response) return viewer;
  const { id: projectId, jobId } = await ctx.params;
  const job = await withViewer(viewer, (tx) => getIngestJob(tx, jobId));
  if (!job || job.projectId !== projectId) return Response.json({ error: "Import not found." }, { status: 404 });
  return Response.json({ ...job, runningHere: isRunningHere(jobId) }, { headers: { "Cache-Control": "no-store" } });
}
