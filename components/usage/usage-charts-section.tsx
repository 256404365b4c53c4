/**
 * The over-time charts (calls, tokens, cost by group, latency), each with its numbers table and
 * CSV export. Shared by /admin/usage and /usage.
 */
import { seriesColors } from "@/components/charts/chart-colors";
import { LatencyLines, StackedBars } from "@/components/charts/usage-charts";
import type { SeriesRow } from "@/lib/db/queries/usage";
import { formatDurationShort, formatInt, formatUsdFixed } from "@/lib/format";
import { bucketLocal, buildSeries, OTHER_KEY } from "@/lib/usage/chart-data";
import { AGENT_TYPES } from "@/lib/validation/admin-config";
import { GROUP_LABELS, type UsageGroup } from "@/lib/validation/usage";
import { LazyNumbersTable } from "./lazy-numbers-table";
import { ChartCard, EstimatedMarker, UnpricedMarker } from "./usage-parts";

export function UsageOverTime({
  series,
  tz,
  bucket,
  group,
  labelOf,
  exportHref,
  tzNote,
}: {
  series: SeriesRow[];
  tz: string;
  bucket: "hour" | "day";
  group: UsageGroup;
  labelOf: (key: string | null) => string;
  exportHref: (chart: string) => string;
  tzNote: string;
}) {
  const built = buildSeries(series, tz, bucket, labelOf);
  const { points } = built;
  // The six agent types keep one colour on every chart; "Other" stays grey (StackedBars).
  const keys = built.groups.map((g) => g.key).filter((k) => k !== OTHER_KEY);
  const colorOf = new Map(seriesColors(keys, group === "agent" ? AGENT_TYPES : []).map((c, i) => [keys[i], c]));
  const groups = built.groups.map((g) => ({ ...g, color: colorOf.get(g.key) }));
  const local = bucketLocal(tz, bucket);
  const unit = bucket === "day" ? "Day" : "Hour";
  const by = GROUP_LABELS[group].toLowerCase();
  const note = `${bucket === "day" ? "Days" : "Hours"} in ${tz}${tzNote}; days without usage show as zero.`;
  const groupCols = groups.map((g) => ({ id: g.key, header: g.label }));
  const estimated = points.some((p) => p.estimatedCost > 0);
  const unpriced = points.reduce((s, p) => s + p.unpricedCalls, 0);
  const unpricedTokens = points.reduce((s, p) => s + p.unpricedTokens, 0);

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartCard
        title={`Calls over time by ${by}`}
        note={note}
        exportHref={exportHref("series")}
        table={
          <LazyNumbersTable
            label={`Calls by ${by}, per ${unit.toLowerCase()}`}
            columns={[{ id: "b", header: unit, align: "left" }, ...groupCols, { id: "t", header: "Total" }]}
            rows={points.map((p) => ({
              id: p.bucket,
              cells: [local(p.bucket), ...groups.map((g) => formatInt(p.calls[g.key] ?? 0)), formatInt(p.totalCalls)],
            }))}
          />
        }
      >
        <StackedBars
          ariaLabel={`Calls by ${by} per ${unit.toLowerCase()}`}
          data={points.map((p) => ({ label: p.label, ...p.calls }))}
          series={groups}
          format="int"
        />
      </ChartCard>

      <ChartCard
        title="Tokens over time, input and output"
        note={note}
        exportHref={exportHref("series")}
        table={
          <LazyNumbersTable
            label={`Tokens per ${unit.toLowerCase()}`}
            columns={[
              { id: "b", header: unit, align: "left" },
              { id: "i", header: "Input" },
              { id: "o", header: "Output" },
              { id: "t", header: "Input + output" },
            ]}
            rows={points.map((p) => ({
              id: p.bucket,
              cells: [local(p.bucket), formatInt(p.inputTokens), formatInt(p.outputTokens), formatInt(p.inputTokens + p.outputTokens)],
            }))}
          />
        }
      >
        <StackedBars
          ariaLabel={`Input and output tokens per ${unit.toLowerCase()}`}
          data={points.map((p) => ({ label: p.label, input: p.inputTokens, output: p.outputTokens }))}
          series={[
            { key: "input", label: "Input", color: "#2563eb" },
            { key: "output", label: "Output", color: "#f59e0b" },
          ]}
          format="int"
        />
      </ChartCard>

      <ChartCard
        title={`Cost over time by ${by}`}
        note={
          <>
            {note} Recorded cost{estimated ? <> plus estimates <EstimatedMarker /></> : null}.
            {unpriced > 0 ? (
              <span className="mt-1 block">
                Not in the cost: <UnpricedMarker calls={unpriced} tokens={unpricedTokens} />
              </span>
            ) : null}
          </>
        }
        exportHref={exportHref("series")}
        table={
          <LazyNumbersTable
            label={`Cost by ${by}, per ${unit.toLowerCase()}`}
            columns={[
              { id: "b", header: unit, align: "left" },
              ...groupCols,
              { id: "t", header: "Total" },
              { id: "e", header: "of which estimated" },
              { id: "u", header: "Unpriced" },
            ]}
            rows={points.map((p) => ({
              id: p.bucket,
              cells: [
                local(p.bucket),
                ...groups.map((g) => formatUsdFixed(p.cost[g.key] ?? 0)),
                formatUsdFixed(p.totalCost),
                p.estimatedCost > 0 ? formatUsdFixed(p.estimatedCost) : "—",
                p.unpricedCalls > 0 ? { unpricedCalls: p.unpricedCalls, unpricedTokens: p.unpricedTokens } : "—",
              ],
            }))}
          />
        }
      >
        <StackedBars
          ariaLabel={`Cost by ${by} per ${unit.toLowerCase()}`}
          data={points.map((p) => ({ label: p.label, ...p.cost }))}
          series={groups}
          format="usd"
        />
      </ChartCard>

      <ChartCard
        title="Latency p50 / p95 over time"
        note={`${bucket === "day" ? "Days" : "Hours"} in ${tz}${tzNote}. duration_ms from log-scale histograms (within a factor of √2).`}
        exportHref={exportHref("latency")}
        table={
          <LazyNumbersTable
            label={`Latency per ${unit.toLowerCase()}`}
            columns={[
              { id: "b", header: unit, align: "left" },
              { id: "n", header: "Calls with a duration" },
              { id: "p50", header: "p50" },
              { id: "p95", header: "p95" },
            ]}
            rows={points.map((p) => ({ id: p.bucket, cells: [local(p.bucket), formatInt(p.durationCalls), formatDurationShort(p.p50), formatDurationShort(p.p95)] }))}
          />
        }
      >
        <LatencyLines ariaLabel={`Latency p50 and p95 per ${unit.toLowerCase()}`} data={points.map((p) => ({ label: p.label, p50: p.p50, p95: p.p95 }))} />
      </ChartCard>
    </div>
  );
}
