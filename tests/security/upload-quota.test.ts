/**
 * Issue 16 item 7: what one person may hold in flight is capped. Files are real files in the
 * uploads folder; sizes beyond the test's writes are made with sparse files (truncate), so a
 * gigabyte costs no disk.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { appendChunk, MAX_BYTES_IN_FLIGHT, MAX_UPLOADS_IN_FLIGHT, uploadPath, UploadError } from "@/lib/ingest/uploads";

const viewer = randomUUID();
const dir = path.dirname(uploadPath(viewer, randomUUID()));

function body(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream() as ReadableStream<Uint8Array>;
}

async function refusal(p: Promise<unknown>): Promise<UploadError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(UploadError);
  return e as UploadError;
}

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("upload quota", () => {
  it(`refuses a new upload beyond ${MAX_UPLOADS_IN_FLIGHT} in flight, with a message; an hour-idle one makes room`, async () => {
    const ids = Array.from({ length: MAX_UPLOADS_IN_FLIGHT }, () => randomUUID());
    for (const id of ids) expect(await appendChunk(viewer, id, 0, body("a,b\n1,2\n"))).toBe(8);
    const extra = randomUUID();
    const e = await refusal(appendChunk(viewer, extra, 0, body("a,b\n")));
    expect(e.status).toBe(429);
    expect(e.message).toMatch(/already have 3 uploads waiting/);
    expect(fs.existsSync(uploadPath(viewer, extra))).toBe(false);
    // Resuming one of the three still works.
    expect(await appendChunk(viewer, ids[0], 8, body("3,4\n"))).toBe(12);

    const old = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    fs.utimesSync(uploadPath(viewer, ids[1]), old, old);
    expect(await appendChunk(viewer, extra, 0, body("a,b\n"))).toBe(4);
    expect(fs.existsSync(uploadPath(viewer, ids[1]))).toBe(false);
    expect(fs.existsSync(uploadPath(viewer, ids[0]))).toBe(true);
  });

  it("refuses bytes beyond what the others leave, and removes the refused file", async () => {
    const big = randomUUID();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(uploadPath(viewer, big), "");
    fs.truncateSync(uploadPath(viewer, big), MAX_BYTES_IN_FLIGHT - 10);
    const next = randomUUID();
    const e = await refusal(appendChunk(viewer, next, 0, body("x".repeat(64))));
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/at most 1024 MB together/);
    expect(fs.existsSync(uploadPath(viewer, next))).toBe(false);
    // Within the room left, an upload goes through.
    expect(await appendChunk(viewer, next, 0, body("x".repeat(5)))).toBe(5);
  });

  it("another person's uploads do not count against this one", async () => {
    const other = randomUUID();
    for (let i = 0; i < MAX_UPLOADS_IN_FLIGHT; i++) await appendChunk(other, randomUUID(), 0, body("a\n"));
    expect(await appendChunk(viewer, randomUUID(), 0, body("a\n"))).toBe(2);
    fs.rmSync(path.dirname(uploadPath(other, randomUUID())), { recursive: true, force: true });
  });
});
