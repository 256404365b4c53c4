/**
 * Usage numbers shared by the server (queries, CSV) and the browser (charts, tables): the
 * latency histogram's buckets and percentiles, and how numbers are printed for people.
 */

/** Lower bounds (ms) of histogram buckets 1..23 (supabase/migrations/20251125000045_usage.sql); bucket 0 is below 25 ms. */
export const DURATION_THRESHOLDS = [
  25, 36, 50, 71, 100, 142, 200, 283, 400, 566, 800, 1132, 1600, 2263, 3200, 4526, 6400, 9051, 12800, 18102, 25600, 36204, 51200,
];

/**
 * The q-quantile (0..1) of a histogram, interpolated geometrically inside its bucket (the
 * buckets are log-scale), so it is within one bucket (a factor of sqrt 2) of the exact value.
 * Null when the histogram is empty. The last bucket is open: its lower bound is returned.
 */
export function histogramQuantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((s, n) => s + n, 0);
  if (total <= 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = hist[i];
    if (n <= 0) continue;
    if (seen + n >= rank) {
      if (i === hist.length - 1) return DURATION_THRESHOLDS[DURATION_THRESHOLDS.length - 1];
      const lo = i === 0 ? 1 : DURATION_THRESHOLDS[i - 1];
      const hi = DURATION_THRESHOLDS[i];
      const f = Math.min(1, Math.max(0, (rank - seen) / n));
      return Math.round(lo * Math.pow(hi / lo, f));
    }
    seen += n;
  }
  return DURATION_THRESHOLDS[DURATION_THRESHOLDS.length - 1];
}

export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  const out = a.slice();
  for (let i = 0; i < b.length; i++) out[i] = (out[i] ?? 0) + b[i];
  return out;
}

const intFmt = new Intl.NumberFormat("en-US");
const compactFmt = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export const formatInt = (n: number) => intFmt.format(Math.round(n));
export const formatCompact = (n: number) => compactFmt.format(n);

const usdFmt = new Map([2, 4].map((d) => [d, new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: d, maximumFractionDigits: d })]));

export function formatUsd(n: number): string {
  const abs = Math.abs(n);
  return usdFmt.get(abs === 0 ? 2 : abs < 0.01 ? 4 : 2)!.format(n);
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

/** Change against the previous period: null when there was nothing before. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}
