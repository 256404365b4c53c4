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

/**
 * What one person may hold in flight (uploaded, job not yet run): a few files and twice the
 * largest file. Without a cap, anyone could park any number of 512 MB files for a day. An upload
 * untouched for an hour gives way when it stands in the way of a new one (it could be resumed
 * until then); beyond that, a new upload is refused with a message saying what to do.
 */
export const MAX_UPLOADS_IN_FLIGHT = 3;
export const MAX_BYTES_IN_FLIGHT = 2 * MAX_UPLOAD_BYTES;
const IDLE_MS = 60 * 60 * 1000;

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

type HeldFile = { file: string; size: number; mtimeMs: number };

/** The person's other uploads on disk (not `except`), after removing those a day old. */
function heldUploads(dir: string, except: string): HeldFile[] {
  const held: HeldFile[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return held; // no folder yet: nothing held
  }
  for (const f of names) {
    const file = path.join(dir, f);
    if (file === except) continue;
    try {
      const st = fs.statSync(file);
      if (Date.now() - st.mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
      else held.push({ file, size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      /* removed meanwhile */
    }
  }
  return held;
}

/**
 * Room for a new upload: at most MAX_UPLOADS_IN_FLIGHT files and MAX_BYTES_IN_FLIGHT bytes with
 * the others. Idle uploads (an hour untouched) are removed, oldest first, while they are in the
 * way. Returns the bytes the others hold.
 */
function makeRoom(dir: string, file: string): number {
  const held = heldUploads(dir, file).sort((a, b) => a.mtimeMs - b.mtimeMs);
  const total = () => held.reduce((n, h) => n + h.size, 0);
  while (held.length && (held.length >= MAX_UPLOADS_IN_FLIGHT || total() >= MAX_BYTES_IN_FLIGHT) && Date.now() - held[0].mtimeMs > IDLE_MS) {
    fs.rmSync(held.shift()!.file, { force: true });
  }
  if (held.length >= MAX_UPLOADS_IN_FLIGHT) {
    throw new UploadError(
      `You already have ${held.length} uploads waiting to be imported. Import one of them first; an upload left untouched for an hour makes room by itself.`,
      429,
    );
  }
  return total();
}

/** Appends one chunk (streamed) at `offset`, which must be the size on disk; returns the new size. */
export async function appendChunk(viewerId: string, uploadId: string, offset: number, body: ReadableStream<Uint8Array> | null): Promise<number> {
  const file = uploadPath(viewerId, uploadId);
  if (!body) throw new UploadError("The request has no body.", 400);
  const size = uploadSize(viewerId, uploadId);
  if (offset === 0) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } else if (size !== offset) {
    throw new UploadError(`The upload is at ${size ?? 0} bytes, not ${offset}. Resume from there.`, 409);
  }
  const othersHold = makeRoom(path.dirname(file), file);
  const room = MAX_BYTES_IN_FLIGHT - othersHold;
  let received = 0;
  let pastLimit = false;
  const limit = new Transform({
    transform(chunk: Buffer, _e, cb) {
      received += chunk.length;
      if (received > UPLOAD_CHUNK_BYTES) return cb(new UploadError(`A chunk may hold at most ${UPLOAD_CHUNK_BYTES} bytes.`, 413));
      if (offset + received > MAX_UPLOAD_BYTES) {
        pastLimit = true;
        return cb(new UploadError(`Files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, 413));
      }
      if (offset + received > room) {
        pastLimit = true;
        return cb(new UploadError(`Your uploads waiting to be imported may hold at most ${MAX_BYTES_IN_FLIGHT / 1024 / 1024} MB together. Import one of them first; an upload left untouched for an hour makes room by itself.`, 413));
      }
      cb(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>),
      limit,
      fs.createWriteStream(file, { flags: offset === 0 ? "w" : "a" }),
    );
  } catch (err) {
    // Past a size limit the upload can never complete: it holds no room while it is refused.
    if (pastLimit) fs.rmSync(file, { force: true });
    throw err;
  }
  return offset + received;
}
