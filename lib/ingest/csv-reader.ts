/**
 * Streaming CSV reading for the ingest: bytes in, `{ line, fields }` out, one record at a time.
 * Nothing holds the whole file: a UTF-8 guard checks each chunk as it passes, csv-parse splits
 * records, and the caller pulls them with `for await` (backpressure pauses the file read).
 *
 * A malformed file fails with an IngestFileError that names the line: wrong encoding (UTF-16,
 * Latin-1 bytes...), ragged rows (a different number of fields than the header), an unclosed
 * quote. Lines are 1-based lines of the file; the header is line 1.
 */
import { isUtf8 } from "node:buffer";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { CsvError, parse } from "csv-parse";

export class IngestFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = "IngestFileError";
  }
}

/** Count of "\n" bytes in buf[from, to). */
function countNewlines(buf: Buffer, from = 0, to = buf.length): number {
  let n = 0;
  let i = buf.indexOf(10, from);
  while (i !== -1 && i < to) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}

/** Offset of the first byte that is not valid UTF-8 (buf starts at a character boundary). */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return buf.length; // cut at the chunk end: the next chunk decides
      if ((buf[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return buf.length;
}

/** Where the last character of buf ends, if buf ends in the middle of one: the cut before it. */
function completeCharsEnd(buf: Buffer): number {
  let k = buf.length - 1;
  while (k >= 0 && buf.length - 1 - k < 3 && (buf[k] & 0xc0) === 0x80) k--;
  if (k < 0) return buf.length;
  const b = buf[k];
  const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return k + size > buf.length ? k : buf.length;
}

/**
 * Passes bytes through unchanged, failing at the first byte that is not UTF-8, with its line.
 * Each chunk is checked natively (buffer.isUtf8, no string made) up to its last whole
 * character; the bytes of a character cut by the chunk's end are checked with the next chunk.
 */
class Utf8Guard extends Transform {
  private carry: Buffer | null = null;
  private newlines = 0;
  private first = true;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    if (this.first) {
      this.first = false;
      if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        cb(new IngestFileError("Line 1: the file is UTF-16 encoded. Save it as UTF-8 (CSV UTF-8) and upload it again.", 1));
        return;
      }
    }
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = completeCharsEnd(buf);
    if (!isUtf8(buf.subarray(0, end))) {
      const at = Math.min(firstInvalidUtf8(buf), end);
      const line = this.newlines + countNewlines(buf, 0, at) + 1;
      cb(new IngestFileError(`Line ${line}: the file is not valid UTF-8 (byte 0x${(buf[at] ?? 0).toString(16).padStart(2, "0")}). Save it as UTF-8 and upload it again.`, line));
      return;
    }
    this.carry = end < buf.length ? Buffer.from(buf.subarray(end)) : null;
    this.newlines += countNewlines(chunk);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback) {
    if (this.carry) {
      const line = this.newlines + 1;
      cb(new IngestFileError(`Line ${line}: the file ends in the middle of a UTF-8 character.`, line));
      return;
    }
    cb();
  }
}

export type CsvRecord = { line: number; fields: string[] };

function csvErrorMessage(err: CsvError): IngestFileError {
  const e = err as CsvError & { lines?: number };
  const line = typeof e.lines === "number" ? e.lines : null;
  const where = line ? `Line ${line}: ` : "";
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new IngestFileError(`${where}a quoted field is never closed (a missing " before the end of the file).`, line);
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return new IngestFileError(`${where}text follows a closing quote. Quotes inside a field must be doubled ("").`, line);
    case "CSV_MAX_RECORD_SIZE":
      return new IngestFileError(`${where}a record is larger than 1 MB.`, line);
    default:
      return new IngestFileError(`${where}${err.message}`, line);
  }
}

/**
 * The records of a CSV byte stream, the header first. Blank lines are skipped. Records must all
 * have as many fields as the header: a ragged row fails the read, naming its line.
 */
export async function* readCsv(input: Readable): AsyncGenerator<CsvRecord> {
  const guard = new Utf8Guard();
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: 1024 * 1024,
  });
  // The line each record ends on, read from the parser as it hands the record over (what its
  // `info: true` reports, without a copy of its whole info object for every record).
  const push = parser.push.bind(parser);
  parser.push = (record: string[] | null) => push(record === null ? null : { fields: record, line: parser.info.lines });
  input.on("error", (e) => parser.destroy(e));
  guard.on("error", (e) => parser.destroy(e));
  input.pipe(guard).pipe(parser);

  let width = -1;
  try {
    for await (const item of parser as AsyncIterable<CsvRecord>) {
      // The line the record ends on; a record spanning lines starts earlier.
      const { fields, line } = item;
      if (width < 0) width = fields.length;
      else if (fields.length !== width) {
        throw new IngestFileError(`Line ${line}: ${fields.length} field${fields.length === 1 ? "" : "s"}, but the header has ${width}. Check for a missing or extra comma or quote.`, line);
      }
      yield item;
    }
  } catch (err) {
    if (err instanceof IngestFileError) throw err;
    if (err instanceof CsvError) throw csvErrorMessage(err);
    throw err;
  } finally {
    input.unpipe();
    if (!input.destroyed) input.destroy();
    if (!parser.destroyed) parser.destroy();
  }
}

/** Lines in a file, counted by newline bytes (a quick estimate of the record count). */
export async function countLines(input: Readable): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    n += countNewlines(chunk);
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return last === 10 ? n : n + 1;
}
