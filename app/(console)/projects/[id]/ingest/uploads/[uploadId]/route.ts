/**
 * PUT /projects/[id]/ingest/uploads/[uploadId]?offset=N — one chunk of a CSV upload, streamed
 * from request.body to the end of the file on disk (lib/ingest/uploads.ts). Answers the new size.
 */
import { appendChunk, UploadError } from "@/lib/ingest/uploads";
import { routeViewer } from "@/lib/ingest/route-auth";

export const dynamic = "force-dynamic";

export async function PUT(request: Request, ctx: { params: Promise<{ id: string; uploadId: string }> }) {
  const viewer = await routeViewer(request);
  if (viewer instanceof Response) return viewer;
  const { uploadId } = await ctx.params;
  const offset = Number(new URL(request.url).searchParams.get("offset") ?? "0");
  if (!Number.isSafeInteger(offset) || offset < 0) return Response.json({ error: "Bad offset." }, { status: 400 });
  try {
    const size = await appendChunk(viewer.id, uploadId, offset, request.body);
    return Response.json({ size });
  } catch (err) {
    if (err instanceof UploadError) return Response.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
