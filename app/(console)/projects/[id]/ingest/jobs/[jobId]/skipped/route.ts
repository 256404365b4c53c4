/**
 * GET /projects/[id]/ingest/jobs/[jobId]/skipped — the rows a job skipped as CSV: line, reason,
 * message, then the row's own columns. Streamed in keyset batches, each read as the viewer.
 */
import { csvStream } from "@/lib/csv";
import { getIngestJob, iterateSkippedRows, type SkippedRow } from "@/lib/db/queries/projects";
import { withViewer, type Tx } from "@/lib/db/with-viewer";
import { defineRoute } from "@/lib/routes";

export const dynamic = "force-dynamic";

export const GET = defineRoute<{ id: string; jobId: string }>({ roles: "signed-in" }, async (_request, { viewer, params }) => {
  const { id: projectId, jobId } = params;
  const runAs = <T,>(fn: (tx: Tx) => Promise<T>) => withViewer(viewer, fn);
  const job = await runAs((tx) => getIngestJob(tx, jobId));
  if (!job || job.projectId !== projectId) return Response.json({ error: "Import not found." }, { status: 404 });

  // The row's columns, in the file's order, from the first skipped row (every row of a file has them all).
  const batches = iterateSkippedRows(runAs, jobId);
  const first = await batches.next();
  const firstRows: SkippedRow[] = first.done ? [] : first.value;
  const columns = Object.keys(firstRows[0]?.row ?? {});
  async function* all() {
    if (firstRows.length) yield firstRows;
    for await (const b of batches) yield b;
  }
  const body = csvStream(["line", "reason", "message", ...columns], all(), (r) => [r.line, r.reason, r.message, ...columns.map((c) => r.row?.[c] ?? "")]);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="skipped-rows-${jobId.slice(0, 8)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
