/**
 * POST /projects/[id]/ingest/uploads/[uploadId]/dry-run — reads the whole uploaded file with the
 * import's own checks (as the viewer, nothing written) and answers the problems by line.
 */
import fs from "node:fs";
import { z } from "zod";
import { getProject } from "@/lib/db/queries/projects";
import { withViewer, type Tx } from "@/lib/db/with-viewer";
import { dryRunIngest } from "@/lib/ingest/pipeline";
import { uploadPath, uploadSize } from "@/lib/ingest/uploads";
import { defineRoute } from "@/lib/routes";
import { columnMapping, RECORD_TYPES } from "@/lib/validation/projects";

export const dynamic = "force-dynamic";

const body = z.object({ type: z.enum(RECORD_TYPES), mapping: columnMapping });

export const POST = defineRoute<{ id: string; uploadId: string }>({ roles: "signed-in" }, async (request, { viewer, params }) => {
  const { id: projectId, uploadId } = params;
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Choose the record type and the content column." }, { status: 400 });
  if (uploadSize(viewer.id, uploadId) === null) return Response.json({ error: "The uploaded file is gone. Choose the file again." }, { status: 404 });
  const runAs = <T,>(fn: (tx: Tx) => Promise<T>) => withViewer(viewer, fn);
  if (!(await runAs((tx) => getProject(tx, projectId)))) return Response.json({ error: "Project not found." }, { status: 404 });
  const file = uploadPath(viewer.id, uploadId);
  const report = await dryRunIngest({
    runAs,
    projectId,
    type: parsed.data.type,
    mapping: parsed.data.mapping,
    uploader: { id: viewer.id, email: viewer.email },
    open: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
  });
  return Response.json(report);
});
