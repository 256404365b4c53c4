/**
 * Usage numbers shared by the server (queries, CSV) and the browser (charts, tables): the
 * latency histogram's buckets and percentiles, and the change against the previous period. How
 * they are printed for people is lib/format.ts.
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

/** Change against the previous period: null when there was nothing before. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}
