/**
 * Formatting for people, the same on the server and in the browser (fixed locale and UTC, so a
 * server render and hydration agree whatever the viewer's zone). The one module for it: a rule
 * that differs gets its own named variant here, never a formatter of its own in a component.
 */

// One formatter per option set, made once: `toLocaleString(locale, options)` builds a new
// Intl.NumberFormat on every call, which costs more than the rest of a table row's render.
const intFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compactFmt = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const usdFmts = new Map<string, Intl.NumberFormat>();

function usdFmt(minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${minDigits}-${maxDigits}`;
  let f = usdFmts.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    usdFmts.set(key, f);
  }
  return f;
}

/** The number to print, or null for a missing or unreadable value (printed "—"). */
function numberOf(n: number | string | null | undefined): number | null {
  if (n === null || n === undefined || n === "") return null;
  const v = Number(n);
  return Number.isFinite(v) ? v : null;
}

type Num = number | string | null | undefined;

/** Whole numbers with separators: 1,234,567. */
export function formatInt(n: Num): string {
  const v = numberOf(n);
  return v === null ? "—" : intFmt.format(v);
}

/** A count and its noun, the count as formatInt prints it: 1 error, 1,234 errors, 2 people. */
export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

/** Always compact, one decimal at most: 950, 12.3K, 4.5M (chart axes). */
export function formatCompact(n: Num): string {
  const v = numberOf(n);
  return v === null ? "—" : compactFmt.format(v);
}

/** Whole numbers, compact from 10,000: 9,999, 12.3K (token counts in sentences and narrow cells). */
export function formatIntCompact(n: Num): string {
  const v = numberOf(n);
  return v === null ? "—" : v >= 10_000 ? compactFmt.format(v) : formatInt(v);
}

/**
 * Dollars for a single row's cost: cents from a dollar up, up to 4 decimals below, up to 6 below
 * a cent (token costs are small): $1,234.50, $0.0123, $0.000123.
 */
export function formatUsd(n: Num): string {
  const v = numberOf(n);
  if (v === null) return "—";
  if (v === 0) return "$0.00";
  const abs = Math.abs(v);
  return usdFmt(2, abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6).format(v);
}

/** As formatUsd, but never more than 4 decimals: $1,234.50, $0.0123, $0.0001 (summed costs on the model pages). */
export function formatUsdShort(n: Num): string {
  const v = numberOf(n);
  if (v === null) return "—";
  return usdFmt(2, Math.abs(v) < 1 && v !== 0 ? 4 : 2).format(v);
}

/** Exactly 2 decimals, exactly 4 below a cent, so figures line up: $12.35, $0.0042, $0.00 (usage totals, charts, their tables). */
export function formatUsdFixed(n: Num): string {
  const v = numberOf(n);
  if (v === null) return "—";
  const abs = Math.abs(v);
  const digits = abs === 0 ? 2 : abs < 0.01 ? 4 : 2;
  return usdFmt(digits, digits).format(v);
}

/** 4 to 6 decimals whatever the amount: $0.0042, $1.2300, $0.000123 (one agent operation's cost). */
export function formatUsdMicro(n: Num): string {
  const v = numberOf(n);
  return v === null ? "—" : usdFmt(4, 6).format(v);
}

/** A difference in dollars with its sign (formatUsdShort's digits): +$4.00, −$0.0012, ±$0.00. */
export function formatUsdSigned(n: Num): string {
  const v = numberOf(n);
  if (v === null) return "—";
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${formatUsdShort(Math.abs(v))}`;
}

/** A price per million tokens, 2 to 4 decimals: $3.00, $0.075, $0.1234. */
export function formatUsdPrice(n: Num): string {
  const v = numberOf(n);
  return v === null ? "—" : `$${v.toFixed(4).replace(/0{1,2}$/, "")}`;
}

/** 1.5 s, 420 ms, 3 min 20 s, 2 h 5 min. */
export function formatDuration(ms: Num): string {
  const v = numberOf(ms);
  if (v === null) return "—";
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${(v / 1000).toFixed(1)} s`;
  if (v < 3_600_000) return `${Math.floor(v / 60_000)} min ${Math.round((v % 60_000) / 1000)} s`;
  return `${Math.floor(v / 3_600_000)} h ${Math.round((v % 3_600_000) / 60_000)} min`;
}

/** Latencies, never in minutes: 420 ms, 1.5 s, 12 s. */
export function formatDurationShort(ms: Num): string {
  const v = numberOf(ms);
  if (v === null) return "—";
  return v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)} s` : `${Math.round(v)} ms`;
}

// Dates and times in UTC. ISO 8601 is already the UTC calendar in the order people here read
// it, so the variants cut its text: exact in every browser (no locale data) and cheap per row.
type Instant = string | number | Date;

/** YYYY-MM-DDTHH:MM:SS.mmmZ of an instant (an ISO string, epoch ms or a Date). */
const isoOf = (t: Instant) => new Date(t).toISOString();

/** 2025-01-02 */
export function formatDay(t: Instant): string {
  return isoOf(t).slice(0, 10);
}
/** 2025-01-02 13:45 */
export function formatDayTime(t: Instant): string {
  return isoOf(t).slice(0, 16).replace("T", " ");
}
/** 2025-01-02 13:45 UTC */
export function formatDayTimeUtc(t: Instant): string {
  return `${formatDayTime(t)} UTC`;
}
/** 2025-01-02 13:45:07 */
export function formatDateTime(t: Instant): string {
  return isoOf(t).slice(0, 19).replace("T", " ");
}
/** 2025-01-02 13:45:07 UTC */
export function formatDateTimeUtc(t: Instant): string {
  return `${formatDateTime(t)} UTC`;
}
/** 2025-01-02 13:45:07.123 UTC */
export function formatDateTimeMsUtc(t: Instant): string {
  return `${isoOf(t).slice(0, 23).replace("T", " ")} UTC`;
}
/** 13:45:07 */
export function formatTime(t: Instant): string {
  return isoOf(t).slice(11, 19);
}
/** 13:45 */
export function formatHourMinute(t: Instant): string {
  return isoOf(t).slice(11, 16);
}

const monthDayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", month: "short", day: "numeric" });
/** Jan 2 (chart axes) */
export function formatMonthDay(t: Instant): string {
  return monthDayFmt.format(new Date(t));
}

export type DateGroup = "Today" | "Yesterday" | "Last 7 days" | "Last 30 days" | "Older";

const dayNumberFormats = new Map<string, Intl.DateTimeFormat>();

/** Days since 1970-01-01 of the calendar day `t` falls on in `tz`. */
function localDayNumber(t: number, tz: string): number {
  let f = dayNumberFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, year: "numeric", month: "numeric", day: "numeric" });
    dayNumberFormats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / 86_400_000;
}

/** The chat-history group of an instant, by calendar days in the viewer's zone relative to `now`. */
export function dateGroup(iso: string, now: number, tz = "UTC"): DateGroup {
  const diff = localDayNumber(now, tz) - localDayNumber(new Date(iso).getTime(), tz);
  if (diff <= 0) return "Today";
  if (diff === 1) return "Yesterday";
  if (diff < 7) return "Last 7 days";
  if (diff < 30) return "Last 30 days";
  return "Older";
}

/** At most `max` characters, cut at a word where one is near, with an ellipsis when cut. */
export function clipText(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
