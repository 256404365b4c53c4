/**
 * Formatting for people, the same on the server and in the browser (fixed locale and UTC, so a
 * server render and hydration agree whatever the viewer's zone).
 */
const intFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const dayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
const dayTimeFmt = new Intl.DateTimeFormat("en-CA", {
  timeZone: "UTC",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const timeFmt = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
// One formatter per precision, made once: `toLocaleString(locale, options)` builds a new
// Intl.NumberFormat on every call, which costs more than the rest of a table row's render.
const usdFmt = new Map([2, 4, 6].map((d) => [d, new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: d })]));

export function formatInt(n: number | string | null | undefined): string {
  if (n === null || n === undefined || n === "") return "—";
  const v = Number(n);
  return Number.isFinite(v) ? intFmt.format(v) : "—";
}

/** Dollars: cents for amounts of a dollar and more, up to 4 decimals below (token costs are small). */
export function formatUsd(n: number | string | null | undefined): string {
  if (n === null || n === undefined || n === "") return "—";
  const v = Number(n);
  if (!Number.isFinite(v)) return "—";
  if (v === 0) return "$0.00";
  const abs = Math.abs(v);
  const digits = abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  return `${v < 0 ? "-" : ""}$${usdFmt.get(digits)!.format(abs)}`;
}

export function formatDay(iso: string): string {
  return dayFmt.format(new Date(iso));
}
export function formatDayTime(iso: string): string {
  return dayTimeFmt.format(new Date(iso)).replace(",", "");
}
export function formatTime(iso: string): string {
  return timeFmt.format(new Date(iso));
}

/** 1.5 s, 420 ms, 3 min 20 s, 2 h 5 min. */
export function formatDuration(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined || ms === "") return "—";
  const v = Number(ms);
  if (!Number.isFinite(v)) return "—";
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${(v / 1000).toFixed(1)} s`;
  if (v < 3_600_000) return `${Math.floor(v / 60_000)} min ${Math.round((v % 60_000) / 1000)} s`;
  return `${Math.floor(v / 3_600_000)} h ${Math.round((v % 3_600_000) / 60_000)} min`;
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
