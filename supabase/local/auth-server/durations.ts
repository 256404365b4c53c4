/**
 * Go's `time.ParseDuration`, which Supabase Auth applies to `ban_duration` ("24h", "1h30m",
 * "876000h", "300ms"); "none" lifts a ban.
 */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3, // U+00B5 micro sign
  "μs": 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const PART_RE = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
/** Go durations are int64 nanoseconds: about 292 years. */
const MAX_MS = 9_223_372_036_854;

/** Milliseconds, or null when `text` is not a Go duration. */
export function parseGoDuration(text: string): number | null {
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest[0] === "-" ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return null;
  let total = 0;
  PART_RE.lastIndex = 0;
  while (PART_RE.lastIndex < rest.length) {
    const m = PART_RE.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  if (total > MAX_MS) return null;
  return sign * total;
}
