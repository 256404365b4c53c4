/**
 * CSV (RFC 4180) streamed row by row. Cells that a spreadsheet would run as a formula (starting
 * with = + - @ or a tab/CR) get a leading apostrophe: exported user content must not execute.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

function cell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: CsvValue[]): string {
  return `${values.map(cell).join(",")}\r\n`;
}

/** A text stream: the header, then each batch of rows as it arrives. */
export function csvStream<T>(header: string[], batches: AsyncIterable<T[]>, toValues: (row: T) => CsvValue[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // BOM: spreadsheet programs then read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      const { value, done } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(value.map((row) => csvLine(toValues(row))).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
