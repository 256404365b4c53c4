import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { IngestFileError, readCsv } from "@/lib/ingest/csv-reader";

/** A byte stream of `bytes` in chunks of `size` (so characters and records straddle chunks). */
const chunked = (bytes: Buffer, size: number) =>
  Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })());

async function read(bytes: Buffer, size = 64 * 1024) {
  const out: { line: number; fields: string[] }[] = [];
  for await (const r of readCsv(chunked(bytes, size))) out.push(r);
  return out;
}

async function failure(bytes: Buffer, size = 64 * 1024): Promise<IngestFileError> {
  try {
    await read(bytes, size);
  } catch (e) {
    if (e instanceof IngestFileError) return e;
    throw e;
  }
  throw new Error("the file was read without an error");
}

describe("readCsv", () => {
  it("reports the line each record ends on, across quoted newlines and blank lines", async () => {
    const csv = Buffer.from('content,notes\nfirst,a\n"second\nspans\nthree lines",b\n\nfourth,c\n');
    expect(await read(csv)).toEqual([
      { line: 1, fields: ["content", "notes"] },
      { line: 2, fields: ["first", "a"] },
      { line: 5, fields: ["second\nspans\nthree lines", "b"] },
      { line: 7, fields: ["fourth", "c"] },
    ]);
  });

  it("reads multi-byte characters cut by any chunk boundary", async () => {
    const text = "content\nnaïve café\n日本語のテキスト\nemoji 🚀 ok\n";
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 7; size++) {
      const rows = await read(bytes, size);
      expect(rows.map((r) => r.fields[0])).toEqual(["content", "naïve café", "日本語のテキスト", "emoji 🚀 ok"]);
    }
  });

  it("names the line of a byte that is not UTF-8, whatever the chunking", async () => {
    const bytes = Buffer.concat([Buffer.from("content\nok\nfine ü\ncaf"), Buffer.from([0xe9]), Buffer.from("\nlater\n")]);
    for (const size of [1, 2, 3, 5, 64 * 1024]) {
      const err = await failure(bytes, size);
      expect(err.message).toMatch(/^Line 4: the file is not valid UTF-8 \(byte 0xe9\)/);
      expect(err.line).toBe(4);
    }
  });

  it("fails a file that ends in the middle of a character", async () => {
    const bytes = Buffer.concat([Buffer.from("content\nok\n"), Buffer.from("🚀").subarray(0, 2)]);
    expect((await failure(bytes, 3)).message).toMatch(/^Line 3: the file ends in the middle of a UTF-8 character/);
  });

  it("refuses UTF-16 and ragged rows, naming the line", async () => {
    expect((await failure(Buffer.from("\ufeffcontent\nx\n", "utf16le"))).message).toMatch(/^Line 1: the file is UTF-16/);
    expect((await failure(Buffer.from("a,b\n1,2\n3\n"))).message).toMatch(/^Line 3: 1 field, but the header has 2/);
  });
});
