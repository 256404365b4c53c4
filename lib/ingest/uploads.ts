/**
 * Uploaded CSV files, on local disk under os.tmpdir() until their job has run.
 *
 * The browser sends a file in chunks of UPLOAD_CHUNK_BYTES (PUT ...?offset=N), each streamed
 * from request.body straight to the end of the file: no chunk is held whole in memory, any file
 * size works (Next's middleware buffers at most 10 MB of a request body, so one 100 MB request
 * would be cut), and an interrupted upload can resume at the size on disk.
 * Files live in a folder per viewer id (from verified claims): one person cannot read, extend or
 * import another person's upload. Stale uploads (a day old) are removed when a new one starts.
 */
import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from "@/lib/validation/projects";

const ROOT = path.join(os.tmpdir(), "console-ingest");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STALE_MS = 24 * 60 * 60 * 1000;

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function uploadPath(viewerId: string, uploadId: string): string {
  if (!UUID.test(viewerId) || !UUID.test(uploadId)) throw new UploadError("Unknown upload.", 400);
  return path.join(ROOT, viewerId.toLowerCase(), `${uploadId.toLowerCase()}.csv`);
}

export function uploadSize(viewerId: string, uploadId: string): number | null {
  try {
    return fs.statSync(uploadPath(viewerId, uploadId)).size;
  } catch {
    return null;
  }
}

export function removeUpload(file: string): void {
  fs.rm(file, { force: true }, () => {});
}

function removeStale(dir: string) {
  try {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (Date.now() - fs.statSync(p).mtimeMs > STALE_MS) fs.rmSync(p, { force: true });
    }
  } catch {
    /* nothing to clean */
  }
}

/** Appends one chunk (streamed) at `offset`, which must be the size on disk; returns the new size. */
export async function appendChunk(viewerId: string, uploadId: string, offset: number, body: ReadableStream<Uint8Array> | null): Promise<number> {
  const file = uploadPath(viewerId, uploadId);
  if (!body) throw new UploadError("The request has no body.", 400);
  const size = uploadSize(viewerId, uploadId);
  if (offset === 0) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    removeStale(path.dirname(file));
  } else if (size !== offset) {
    throw new UploadError(`The upload is at ${size ?? 0} bytes, not ${offset}. Resume from there.`, 409);
  }
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _e, cb) {
      received += chunk.length;
      if (received > UPLOAD_CHUNK_BYTES) return cb(new UploadError(`A chunk may hold at most ${UPLOAD_CHUNK_BYTES} bytes.`, 413));
      if (offset + received > MAX_UPLOAD_BYTES) return cb(new UploadError(`Files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, 413));
      cb(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>),
    limit,
    fs.createWriteStream(file, { flags: offset === 0 ? "w" : "a" }),
  );
  return offset + received;
}
