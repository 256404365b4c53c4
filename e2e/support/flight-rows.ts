/**
 * Reads a server action's answer (a React flight body) row by row, text rows included, for the
 * hostile-input spec: every 200 it gets must have a value it can read.
 *
 * A flight body is rows `<id>:<row>`. Most rows are one line of JSON (`E` before it: an error).
 * A long string is sent as a text row instead, `<id>:T<byte length in hex>,<text>`, with no line
 * break after the text, and the value refers to it as `"$<id>"`. (e2e/support/server-actions.ts
 * reads line rows only: an action whose answer carries a long string, such as a refusal quoting
 * a 1 MB input, reads there as no value.)
 */

export type FlightAnswer = { result: Record<string, unknown> | null; threw: boolean };

type Row = { kind: "json" | "error" | "text"; text: string };

function splitRows(body: string): Map<string, Row> {
  const buf = Buffer.from(body, "utf8");
  const rows = new Map<string, Row>();
  let i = 0;
  while (i < buf.length) {
    const colon = buf.indexOf(":", i);
    if (colon < 0) break;
    const id = buf.subarray(i, colon).toString("utf8");
    if (!/^[0-9a-f]*$/.test(id)) throw new Error(`not a flight row id: ${JSON.stringify(id.slice(0, 40))}`);
    let at = colon + 1;
    if (buf[at] === 0x54 /* T */) {
      const comma = buf.indexOf(",", at);
      const length = parseInt(buf.subarray(at + 1, comma).toString("utf8"), 16);
      if (comma < 0 || Number.isNaN(length)) throw new Error(`a text row without a length at row ${id}`);
      rows.set(id, { kind: "text", text: buf.subarray(comma + 1, comma + 1 + length).toString("utf8") });
      i = comma + 1 + length;
      continue;
    }
    const kind = buf[at] === 0x45 /* E */ ? "error" : "json";
    if (kind === "error") at++;
    let end = buf.indexOf("\n", at);
    if (end < 0) end = buf.length;
    rows.set(id, { kind, text: buf.subarray(at, end).toString("utf8") });
    i = end + 1;
  }
  return rows;
}

/** The action's return value, with `"$<id>"` references to text rows resolved; null when there is none to read. */
export function readFlightAnswer(body: string): FlightAnswer {
  let rows: Map<string, Row>;
  try {
    rows = splitRows(body);
  } catch {
    return { result: null, threw: false };
  }
  const root = rows.get("0");
  if (!root || root.kind !== "json") return { result: null, threw: false };
  let ref: string | undefined;
  try {
    const a = (JSON.parse(root.text) as { a?: unknown }).a;
    ref = typeof a === "string" ? /^\$@([0-9a-f]+)$/.exec(a)?.[1] : undefined;
  } catch {
    return { result: null, threw: false };
  }
  const row = ref === undefined ? undefined : rows.get(ref);
  if (!row) return { result: null, threw: false };
  if (row.kind === "error") return { result: null, threw: true };
  if (row.kind !== "json") return { result: null, threw: false };
  const resolve = (v: unknown): unknown => {
    if (typeof v === "string" && v.startsWith("$")) {
      if (v.startsWith("$$")) return v.slice(1);
      const target = /^\$([0-9a-f]+)$/.exec(v)?.[1];
      const t = target === undefined ? undefined : rows.get(target);
      if (t?.kind === "text") return t.text;
      if (t?.kind === "json") return resolve(JSON.parse(t.text));
      return v;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  try {
    const value = resolve(JSON.parse(row.text));
    return { result: value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null, threw: false };
  } catch {
    return { result: null, threw: false };
  }
}
