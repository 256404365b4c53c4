"use client";

/**
 * The usage charts (recharts). Each receives small series aggregated in SQL and the
 * formatting of its values; the numbers behind each chart are rendered next to it by the page.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { valueAxis, type ValueFormat } from "@/lib/chart-ticks";
import { formatDurationShort, formatInt, formatUsdFixed } from "@/lib/format";
import { colorAt, OTHER_COLOR } from "./chart-colors";

export type { ValueFormat };
const fmt = (f: ValueFormat) => (v: number) => (f === "usd" ? formatUsdFixed(v) : f === "ms" ? formatDurationShort(v) : formatInt(v));
export type SeriesSpec = { key: string; label: string; color?: string };
export type Point = { label: string } & Record<string, number | string | null>;

const axisStyle = { fontSize: 11, fill: "#71717a" };

export function StackedBars({
  data,
  series,
  format,
  height = 240,
  ariaLabel,
}: {
  data: Point[];
  series: SeriesSpec[];
  format: ValueFormat;
  height?: number;
  ariaLabel: string;
}) {
  const stackMax = Math.max(0, ...data.map((p) => series.reduce((sum, s) => sum + (Number(p[s.key]) || 0), 0)));
  return (
    <div role="img" aria-label={ariaLabel} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e4e4e7" />
          <XAxis dataKey="label" tick={axisStyle} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis tick={axisStyle} tickLine={false} axisLine={false} width={56} {...valueAxis(stackMax, format)} />
          <Tooltip
            formatter={(v) => fmt(format)(Number(v))}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e4e4e7" }}
            cursor={{ fill: "#f4f4f5" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" iconSize={8} />
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="a"
              fill={s.color ?? (s.key === "__other" ? OTHER_COLOR : colorAt(i))}
              isAnimationActive={false}
              maxBarSize={48}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function HorizontalBars({
  data,
  format,
  ariaLabel,
  color = "#2563eb",
}: {
  data: { label: string; value: number }[];
  format: ValueFormat;
  ariaLabel: string;
  color?: string;
}) {
  const height = Math.max(120, data.length * 30 + 30);
  return (
    <div role="img" aria-label={ariaLabel} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e4e4e7" />
          <XAxis type="number" tick={axisStyle} tickLine={false} axisLine={false} {...valueAxis(Math.max(0, ...data.map((d) => d.value)), format)} />
          <YAxis type="category" dataKey="label" tick={axisStyle} tickLine={false} axisLine={false} width={170} />
          <Tooltip formatter={(v) => fmt(format)(Number(v))} contentStyle={{ fontSize: 12, borderRadius: 6 }} cursor={{ fill: "#f4f4f5" }} />
          <Bar dataKey="value" name="Cost" fill={color} isAnimationActive={false} maxBarSize={22} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function LatencyLines({ data, ariaLabel }: { data: { label: string; p50: number | null; p95: number | null }[]; ariaLabel: string }) {
  return (
    <div role="img" aria-label={ariaLabel} className="w-full" style={{ height: 240 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e4e4e7" />
          <XAxis dataKey="label" tick={axisStyle} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis tick={axisStyle} tickLine={false} axisLine={false} width={56} {...valueAxis(Math.max(0, ...data.map((p) => Math.max(p.p50 ?? 0, p.p95 ?? 0))), "ms")} />
          <Tooltip formatter={(v) => (v === null || v === undefined ? "no calls" : formatDurationShort(Number(v)))} contentStyle={{ fontSize: 12, borderRadius: 6 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" iconSize={8} />
          <Line type="monotone" dataKey="p50" name="p50" stroke="#2563eb" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="p95" name="p95" stroke="#e11d48" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
