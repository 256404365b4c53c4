"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";

type Row = { name: string; tasks: number; feedback: number };

const ROW_PX = 22;
const shortName = (n: string) => (n.length > 22 ? `${n.slice(0, 21)}…` : n);

/**
 * One horizontal bar per person, highest first, so a team of any size stays legible (names on
 * their own rows, never overlapping); the tier targets are dashed vertical lines.
 */
function MetricChart({ title, data, dataKey, color, t1, t2 }: { title: string; data: Row[]; dataKey: "tasks" | "feedback"; color: string; t1: number; t2: number }) {
  const max = Math.max(t1, t2, ...data.map((d) => d[dataKey]), 1);
  const sorted = [...data].sort((a, b) => b[dataKey] - a[dataKey] || a.name.localeCompare(b.name));
  const height = Math.max(160, sorted.length * ROW_PX + 40);
  return (
    <Card className="p-4">
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      <p className="text-xs text-zinc-500">
        Highest first. Dashed lines: {t1 ? `tier 1 (${t1})` : "tier 1 off"}, {t2 ? `tier 2 (${t2})` : "tier 2 off"}
      </p>
      <div className="mt-2 max-h-[36rem] overflow-y-auto" role="img" aria-label={`${title} per person against the tier targets`}>
        <div style={{ height }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={sorted} layout="vertical" margin={{ top: 16, right: 16, bottom: 0, left: 0 }} barCategoryGap={3}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--color-zinc-200)" />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} domain={[0, Math.ceil(max * 1.1)]} orientation="top" />
              <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} width={150} interval={0} tickFormatter={shortName} />
              <Tooltip contentStyle={{ fontSize: 12, borderRadius: 6 }} />
              <Bar dataKey={dataKey} name={title} fill={color} radius={[0, 3, 3, 0]} isAnimationActive={false} />
              {t1 ? <ReferenceLine x={t1} stroke="var(--color-amber-500)" strokeDasharray="4 4" label={{ value: "T1", fontSize: 10, position: "insideTopRight" }} /> : null}
              {t2 ? <ReferenceLine x={t2} stroke="var(--color-emerald-600)" strokeDasharray="4 4" label={{ value: "T2", fontSize: 10, position: "insideTopRight" }} /> : null}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </Card>
  );
}

/** Tasks and feedback per person in the window, against the tier targets (the numbers are in the table below). */
export function BonusChart({ rows, targets }: { rows: Row[]; targets: { t1: number; f1: number; t2: number; f2: number } }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <MetricChart title="Tasks" data={rows} dataKey="tasks" color="var(--color-blue-500)" t1={targets.t1} t2={targets.t2} />
      <MetricChart title="Feedback" data={rows} dataKey="feedback" color="var(--color-violet-500)" t1={targets.f1} t2={targets.f2} />
    </div>
  );
}
