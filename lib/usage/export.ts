/**
 * CSV exports of the usage charts, streamed: the range is cut into chunks of whole buckets and
 * each chunk is read in its own short transaction as the viewer (RLS decides the rows), so an
 * export of any length holds no transaction open and has no row cap.
 *
 *   chart=series   every bucket x group (zero-filled): calls, tokens, recorded / estimated cost,
 *                  unpriced calls and tokens, p50 / p95
 *   chart=latency  every bucket: calls with a duration, p50, p95
 *   chart=models   per model over the range
 *   chart=users    per user over the range, every user (admins)
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/viewer";
import { csvStream, type CsvValue } from "@/lib/csv";
import { resolveUsageRange, usageSeries, userLabels, type SeriesRow } from "@/lib/db/queries/usage";
import { withViewer, type Tx } from "@/lib/db/with-viewer";
import { formatDay } from "@/lib/format";
import { bucketLocal } from "./chart-data";
import { addHistograms, histogramQuantile } from "./metrics";
import type { UsageExport, UsageGroup, UsageParams } from "@/lib/validation/usage";

const HEADER_SERIES = [
  "bucket_start_utc", "bucket_local", "time_zone", "group_by", "group", "calls", "input_tokens", "output_tokens", "total_tokens",
  "recorded_cost_usd", "estimated_cost_usd", "estimated_calls", "unpriced_calls", "unpriced_tokens", "latency_p50_ms", "latency_p95_ms",
];

export function usageCsv(
  viewer: Viewer,
  params: Pick<UsageParams, "range" | "from" | "to" | "group" | "user">,
  tz: string,
  chart: UsageExport,
): { body: ReadableStream<Uint8Array>; filename: string } {
  const as = <T,>(fn: (tx: Tx) => Promise<T>) => withViewer(viewer, fn);
  const user = params.user ?? null;
  const stamp = formatDay(new Date());

  async function* chunks(): AsyncGenerator<{ range: Awaited<ReturnType<typeof resolveUsageRange>>; from: string; to: string }> {
    const range = await as((tx) => resolveUsageRange(tx, params, tz));
    // chunk edges on bucket edges: local midnights every 31 days, or 48 hours
    const step = range.bucket === "day" ? "31 days" : "48 hours";
    const edges = await as((tx) =>
      tx.execute(sql`
        select ((g at time zone ${tz}))::timestamptz as e
        from generate_series(${range.from}::timestamptz at time zone ${tz}, ${range.to}::timestamptz at time zone ${tz}, ${step}::interval) g`),
    );
    const list = edges.map((r) => new Date(r.e as string).toISOString()).filter((e) => e < range.to);
    list.push(range.to);
    for (let i = 0; i + 1 < list.length; i++) yield { range, from: list[i], to: list[i + 1] };
  }

  if (chart === "series" || chart === "latency") {
    const group: UsageGroup = params.group;
    async function* rows(): AsyncGenerator<CsvValue[][]> {
      let labels: Record<string, string> = {};
      for await (const c of chunks()) {
        const local = bucketLocal(tz, c.range.bucket);
        const rs = await as((tx) => usageSeries(tx, { from: c.from, to: c.to, bucket: c.range.bucket, tz, group, user }));
        if (chart === "latency") {
          const by = new Map<string, { n: number; hist: number[] }>();
          for (const r of rs) {
            const b = by.get(r.bucket) ?? { n: 0, hist: [] };
            b.n += r.durationCalls;
            b.hist = addHistograms(b.hist, r.durationHist);
            by.set(r.bucket, b);
          }
          yield [...by.entries()].map(([b, v]) => [b, local(b), tz, v.n, histogramQuantile(v.hist, 0.5), histogramQuantile(v.hist, 0.95)]);
          continue;
        }
        if (group === "user") {
          const missing = [...new Set(rs.map((r) => r.key).filter((k): k is string => !!k && !(k in labels)))];
          if (missing.length) labels = { ...labels, ...(await as((tx) => userLabels(tx, missing))) };
        }
        yield rs.map((r) => seriesLine(r, local(r.bucket), tz, group, group === "user" && r.key ? (labels[r.key] ?? r.key) : r.key));
      }
    }
    return chart === "latency"
      ? { body: csvStream(["bucket_start_utc", "bucket_local", "time_zone", "calls_with_duration", "latency_p50_ms", "latency_p95_ms"], rows(), (r) => r), filename: `usage-latency-${stamp}.csv` }
      : { body: csvStream(HEADER_SERIES, rows(), (r) => r), filename: `usage-by-${group}-${stamp}.csv` };
  }

  // per model or per user over the whole range: one 'all' bucket per chunk, summed
  const group: UsageGroup = chart === "users" ? "user" : "model";
  async function* totals(): AsyncGenerator<CsvValue[][]> {
    const sums = new Map<string, SeriesRow>();
    let range: Awaited<ReturnType<typeof resolveUsageRange>> | null = null;
    for await (const c of chunks()) {
      range = c.range;
      const rs = await as((tx) => usageSeries(tx, { from: c.from, to: c.to, bucket: "all", tz, group, user, latency: group !== "user" }));
      for (const r of rs) {
        if (r.calls === 0) continue;
        const k = r.key ?? "";
        const s = sums.get(k);
        if (!s) sums.set(k, { ...r });
        else {
          for (const f of ["calls", "inputTokens", "outputTokens", "totalTokens", "recordedCost", "estimatedCost", "estimatedCalls", "unpricedCalls", "unpricedTokens", "durationCalls"] as const) s[f] += r[f];
          s.durationHist = addHistograms(s.durationHist, r.durationHist);
        }
      }
    }
    const list = [...sums.values()].sort((a, b) => b.recordedCost + b.estimatedCost - (a.recordedCost + a.estimatedCost));
    const label = range ? `${range.firstDay}..${range.lastDay}` : "";
    for (let i = 0; i < list.length; i += 1000) {
      const part = list.slice(i, i + 1000);
      const labels = group === "user" ? await as((tx) => userLabels(tx, part.map((r) => r.key).filter((k): k is string => !!k))) : {};
      yield part.map((r) => seriesLine(r, label, tz, group, group === "user" && r.key ? (labels[r.key] ?? r.key) : r.key));
    }
  }
  return { body: csvStream(HEADER_SERIES, totals(), (r) => r), filename: `usage-${chart}-${stamp}.csv` };
}

function seriesLine(r: SeriesRow, local: string, tz: string, group: UsageGroup, key: string | null): CsvValue[] {
  return [
    r.bucket, local, tz, group, key, r.calls, r.inputTokens, r.outputTokens, r.totalTokens,
    r.recordedCost.toFixed(6), r.estimatedCost.toFixed(6), r.estimatedCalls, r.unpricedCalls, r.unpricedTokens,
    histogramQuantile(r.durationHist, 0.5), histogramQuantile(r.durationHist, 0.95),
  ];
}
