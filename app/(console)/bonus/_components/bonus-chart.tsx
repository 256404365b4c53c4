"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { axisMaxWithoutOutliers, valueAxis } from "@/lib/chart-ticks";
import { formatInt } from "@/lib/format";

type Point = { name: string; value: number };

const ROW_PX = 22;
const shortName = (n: string) => (n.length > 22 ? `${n.slice(0, 21)}…` : n);

/**
 * One horizontal bar per person, highest first (the page sends the top ones), names on their own
 * rows; the tier targets are dashed vertical lines labelled above the plot. A bar or two far
 * above everyone else are cut at the axis end and carry their value, so the rest stay readable.
 */
function MetricChart({ title, data, color, t1, t2, total }: { title: string; data: Point[]; color: string; t1: number; t2: number; total: number }) {
  const height = Math.max(160, data.length * ROW_PX + 48);
  const axis = valueAxis(axisMaxWithoutOutliers(data.map((d) => d.value), Math.max(t1, t2, 1)), "int");
  const top = axis.domain[1];
  const bars = data.map((d) => ({ ...d, shown: Math.min(d.value, top), cut: d.value > top ? `${formatInt(d.value)} ›` : "" }));
  const anyCut = bars.some((b) => b.cut);
  return (
    <Card className="p-4">
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      <p className="text-xs text-zinc-500">
        {total > data.length ? `The ${data.length} highest of ${formatInt(total)} people; everyone is in the table below.` : "Highest first."} Dashed
        lines: {t1 ? `tier 1 (${formatInt(t1)})` : "tier 1 off"}, {t2 ? `tier 2 (${formatInt(t2)})` : "tier 2 off"}.
        {anyCut ? " Bars far past the rest are cut at the axis end and show their value." : ""}
      </p>
      <div className="mt-2" role="img" aria-label={`${title} per person against the tier targets`}>
        <div style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={bars} layout="vertical" margin={{ top: 24, right: 24, bottom: 0, left: 0 }} barCategoryGap={3} maxBarSize={18}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--color-zinc-200)" />
              <XAxis type="number" tick={{ fontSize: 11 }} orientation="top" {...axis} />
              <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} width={150} interval={0} tickFormatter={shortName} />
              <Tooltip contentStyle={{ fontSize: 12, borderRadius: 6 }} formatter={(_v, _n, item) => formatInt((item.payload as Point).value)} />
              <Bar dataKey="shown" name={title} fill={color} radius={[0, 3, 3, 0]} isAnimationActive={false}>
                {anyCut ? <LabelList dataKey="cut" position="insideRight" fill="white" fontSize={10} /> : null}
              </Bar>
              {t1 ? <ReferenceLine x={t1} stroke="var(--color-amber-500)" strokeDasharray="4 4" label={{ value: "T1", fontSize: 10, position: "top", offset: 16 }} /> : null}
              {t2 ? <ReferenceLine x={t2} stroke="var(--color-emerald-600)" strokeDasharray="4 4" label={{ value: "T2", fontSize: 10, position: "top", offset: 16 }} /> : null}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </Card>
  );
}

/** Tasks and feedback per person in the window, against the tier targets (the numbers are in the table below). */
export function BonusChart({
  tasks,
  feedback,
  total,
  targets,
}: {
  tasks: Point[];
  feedback: Point[];
  total: number;
  targets: { t1: number; f1: number; t2: number; f2: number };
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <MetricChart title="Tasks" data={tasks} color="var(--color-blue-500)" t1={targets.t1} t2={targets.t2} total={total} />
      <MetricChart title="Feedback" data={feedback} color="var(--color-violet-500)" t1={targets.f1} t2={targets.f2} total={total} />
    </div>
  );
}
