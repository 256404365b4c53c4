/**
 * PUT /projects/[id]/ingest/uploads/[uploadId]?offset=N — one chunk of a CSV upload, streamed
 * from request.body to the end of the file on disk (lib/ingest/uploads.ts). Answers the new size.
 */
import { appendChunk, UploadError } from "@/lib/ingest/uploads";
import { defineRoute } from "@/lib/routes";

export const dynamic = "force-dynamic";

// A writing method: under view-as, defineRoute refuses it before a byte reaches the disk.
export const PUT = defineRoute<{ id: string; uploadId: string }>({ roles: "signed-in" }, async (request, { viewer, params }) => {
  const { uploadId } = params;
  const offset = Number(new URL(request.url).searchParams.get("offset") ?? "0");
  if (!Number.isSafeInteger(offset) || offset < 0) return Response.json({ error: "Bad offset." }, { status: 400 });
  try {
    const size = await appendChunk(viewer.id, uploadId, offset, request.body);
    return Response.json({ size });
  } catch (err) {
    if (err instanceof UploadError) return Response.json({ error: err.message }, { status: err.status });
    throw err;
  }
});
