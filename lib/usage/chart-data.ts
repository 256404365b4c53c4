/**
 * Turns usage_series() rows into what the charts and their numbers tables show: one point per
 * bucket (zero-filled by SQL), the biggest groups as their own series and the rest as "Other".
 */
import type { SeriesRow } from "@/lib/db/queries/usage";
import { addHistograms, histogramQuantile } from "./metrics";

export const MAX_SERIES = 8;
export const OTHER_KEY = "__other";
const NONE_KEY = "__none";

export type GroupSpec = { key: string; label: string };
export type BucketPoint = {
  bucket: string;
  label: string;
  calls: Record<string, number>;
  cost: Record<string, number>;
  estimatedCost: number;
  unpricedCalls: number;
  unpricedTokens: number;
  totalCalls: number;
  totalCost: number;
  inputTokens: number;
  outputTokens: number;
  durationCalls: number;
  p50: number | null;
  p95: number | null;
};

export function bucketLabeler(tz: string, bucket: "hour" | "day") {
  const f =
    bucket === "day"
      ? new Intl.DateTimeFormat("en-US", { timeZone: tz, month: "short", day: "numeric" })
      : new Intl.DateTimeFormat("en-US", { timeZone: tz, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (iso: string) => f.format(new Date(iso));
}

/** ISO date or date-time of a bucket in the zone, for tables and CSV ("2026-11-25" / "2026-11-25 14:00"). */
export function bucketLocal(tz: string, bucket: "hour" | "day" | "all") {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  return (iso: string) => {
    const parts = Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
    const day = `${parts.year}-${parts.month}-${parts.day}`;
    return bucket === "hour" ? `${day} ${parts.hour}:${parts.minute}` : day;
  };
}

export function buildSeries(rows: SeriesRow[], tz: string, bucket: "hour" | "day", labelOf: (key: string | null) => string) {
  // the groups, biggest cost first (then calls); the first MAX_SERIES get their own series
  const totals = new Map<string, { cost: number; calls: number; key: string | null }>();
  // rows with `rest`: per bucket, the sums of that many further groups, none of them among the
  // biggest (lib/usage/dashboard.ts, by user); they count and chart as "Other"
  let restGroups = 0;
  for (const r of rows) {
    if (r.rest !== undefined) {
      restGroups = Math.max(restGroups, r.rest);
      continue;
    }
    const k = r.key ?? NONE_KEY;
    const t = totals.get(k) ?? { cost: 0, calls: 0, key: r.key };
    t.cost += r.recordedCost + r.estimatedCost;
    t.calls += r.calls;
    totals.set(k, t);
  }
  const ordered = [...totals.entries()].filter(([, t]) => t.calls > 0).sort((a, b) => b[1].cost - a[1].cost || b[1].calls - a[1].calls);
  const count = ordered.length + restGroups;
  const shown = ordered.slice(0, count > MAX_SERIES + 1 ? MAX_SERIES : MAX_SERIES + 1);
  const shownKeys = new Set(shown.map(([k]) => k));
  const groups: GroupSpec[] = shown.map(([k, t]) => ({ key: k, label: labelOf(t.key) }));
  if (count > shown.length) groups.push({ key: OTHER_KEY, label: `Other (${count - shown.length})` });

  const label = bucketLabeler(tz, bucket);
  const points = new Map<string, BucketPoint & { hist: number[] }>();
  for (const r of rows) {
    let p = points.get(r.bucket);
    if (!p) {
      p = {
        bucket: r.bucket, label: label(r.bucket), calls: {}, cost: {}, estimatedCost: 0, unpricedCalls: 0, unpricedTokens: 0,
        totalCalls: 0, totalCost: 0, inputTokens: 0, outputTokens: 0, durationCalls: 0, p50: null, p95: null, hist: [],
      };
      for (const g of groups) {
        p.calls[g.key] = 0;
        p.cost[g.key] = 0;
      }
      points.set(r.bucket, p);
    }
    const k = r.key ?? NONE_KEY;
    const g = r.rest !== undefined ? (restGroups > 0 ? OTHER_KEY : null) : shownKeys.has(k) ? k : totals.has(k) ? OTHER_KEY : null;
    if (g) {
      p.calls[g] = (p.calls[g] ?? 0) + r.calls;
      p.cost[g] = (p.cost[g] ?? 0) + r.recordedCost + r.estimatedCost;
    }
    p.totalCalls += r.calls;
    p.totalCost += r.recordedCost + r.estimatedCost;
    p.estimatedCost += r.estimatedCost;
    p.unpricedCalls += r.unpricedCalls;
    p.unpricedTokens += r.unpricedTokens;
    p.inputTokens += r.inputTokens;
    p.outputTokens += r.outputTokens;
    p.durationCalls += r.durationCalls;
    p.hist = addHistograms(p.hist, r.durationHist);
  }
  const list = [...points.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
  for (const p of list) {
    p.p50 = histogramQuantile(p.hist, 0.5);
    p.p95 = histogramQuantile(p.hist, 0.95);
  }
  return { groups, points: list.map(({ hist: _h, ...p }) => p) };
}
