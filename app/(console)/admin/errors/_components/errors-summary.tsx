"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TableUrlProvider, useTableUrl } from "@/components/data-table";
import { useListParam } from "@/components/data-table/use-table-url";
import { cn } from "@/components/ui/cn";
import { formatCompact, formatHourMinute, formatInt, formatMonthDay } from "@/lib/format";
import { SEVERITIES, SEVERITY_LABELS, type Severity } from "@/lib/validation/error-logs";

type Point = { bucket: string } & Record<Severity, number>;

/** One colour per severity, as CSS variables would give (docs/style.md#charts: a chart config). */
export const SEVERITY_COLORS: Record<Severity, string> = {
  info: "#60a5fa",
  warning: "#f59e0b",
  error: "#ef4444",
  critical: "#7f1d1d",
};


export function ErrorsSummary(props: {
  counts: Record<Severity, number>;
  series: { unit: "hour" | "day"; points: Point[] };
  rangeLabel: string;
}) {
  return (
    <TableUrlProvider>
      <Summary {...props} />
    </TableUrlProvider>
  );
}

function Summary({ counts, series, rangeLabel }: { counts: Record<Severity, number>; series: { unit: "hour" | "day"; points: Point[] }; rangeLabel: string }) {
  const url = useTableUrl();
  const selected = useListParam("severity");
  const total = SEVERITIES.reduce((s, k) => s + counts[k], 0);
  const label = (iso: string) => (series.unit === "hour" ? `${formatMonthDay(iso)} ${formatHourMinute(iso)}` : formatMonthDay(iso));

  return (
    <section aria-label="Errors by severity" className="space-y-3">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <div className="rounded-lg border border-zinc-200 bg-white p-3 shadow-xs">
          <div className="text-xs text-zinc-500">All severities</div>
          <div className="text-2xl font-semibold tabular-nums" data-testid="count-total">{formatInt(total)}</div>
          <div className="text-xs text-zinc-400">in {rangeLabel} (UTC)</div>
        </div>
        {SEVERITIES.map((s) => {
          const active = selected.includes(s);
          return (
            <button
              key={s}
              type="button"
              aria-pressed={active}
              title={`Show only ${SEVERITY_LABELS[s].toLowerCase()}`}
              onClick={() => url.navigate({ severity: active ? selected.filter((x) => x !== s) : [...selected, s] }, { resetPaging: true })}
              className={cn(
                "rounded-lg border bg-white p-3 text-left shadow-xs hover:border-zinc-400",
                active ? "border-zinc-900 ring-1 ring-zinc-900" : "border-zinc-200",
              )}
            >
              <div className="flex items-center gap-1.5 text-xs text-zinc-500">
                <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: SEVERITY_COLORS[s] }} />
                {SEVERITY_LABELS[s]}
              </div>
              <div className="text-2xl font-semibold tabular-nums" data-testid={`count-${s}`}>{formatInt(counts[s])}</div>
            </button>
          );
        })}
      </div>
      <div className="rounded-lg border border-zinc-200 bg-white p-3 shadow-xs">
        <div className="mb-2 flex items-center justify-between text-xs text-zinc-500">
          <span>Errors per {series.unit} by severity, {rangeLabel} (UTC)</span>
        </div>
        <div className="h-44" role="img" aria-label={`Chart of errors per ${series.unit} by severity`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={series.points} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
              <CartesianGrid vertical={false} stroke="#f4f4f5" />
              <XAxis dataKey="bucket" tickFormatter={label} tick={{ fontSize: 11, fill: "#71717a" }} minTickGap={24} tickLine={false} axisLine={false} />
              {/* Compact ticks (36K, not 36000): a 48 px axis clipped five-digit counts to their last four. */}
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#71717a" }} tickLine={false} axisLine={false} width={48} tickFormatter={formatCompact} />
              <Tooltip
                labelFormatter={(v) => label(String(v))}
                formatter={(v, name) => [formatInt(Number(v)), SEVERITY_LABELS[name as Severity] ?? String(name)]}
                contentStyle={{ fontSize: 12, borderRadius: 6 }}
              />
              {SEVERITIES.map((s) => (
                <Bar key={s} dataKey={s} stackId="s" fill={SEVERITY_COLORS[s]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-zinc-500 hover:text-zinc-900">The numbers behind the chart</summary>
          <div className="mt-2 max-h-64 overflow-auto">
            <table className="w-full text-left tabular-nums">
              <thead className="text-zinc-500">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">{series.unit === "hour" ? "Hour" : "Day"}</th>
                  {SEVERITIES.map((s) => (
                    <th key={s} scope="col" className="py-1 pr-3 text-right font-medium">{SEVERITY_LABELS[s]}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {series.points.map((p) => (
                  <tr key={p.bucket}>
                    <td className="py-1 pr-3">{label(p.bucket)}</td>
                    {SEVERITIES.map((s) => (
                      <td key={s} className="py-1 pr-3 text-right">{formatInt(p[s])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </div>
    </section>
  );
}
