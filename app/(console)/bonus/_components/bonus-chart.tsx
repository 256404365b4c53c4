"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";

type Row = { name: string; tasks: number; feedback: number };

function MetricChart({ title, data, dataKey, color, t1, t2 }: { title: string; data: Row[]; dataKey: "tasks" | "feedback"; color: string; t1: number; t2: number }) {
  const max = Math.max(t1, t2, ...data.map((d) => d[dataKey]), 1);
  return (
    <Card className="p-4">
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      <p className="text-xs text-zinc-500">
        Dashed lines: {t1 ? `tier 1 (${t1})` : "tier 1 off"}, {t2 ? `tier 2 (${t2})` : "tier 2 off"}
      </p>
      <div className="mt-2 h-56" role="img" aria-label={`${title} per person against the tier targets`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-zinc-200)" />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} angle={data.length > 6 ? -30 : 0} textAnchor={data.length > 6 ? "end" : "middle"} height={data.length > 6 ? 60 : 30} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} domain={[0, Math.ceil(max * 1.1)]} />
            <Tooltip contentStyle={{ fontSize: 12, borderRadius: 6 }} />
            <Bar dataKey={dataKey} name={title} fill={color} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            {t1 ? <ReferenceLine y={t1} stroke="var(--color-amber-500)" strokeDasharray="4 4" label={{ value: "T1", fontSize: 10, position: "right" }} /> : null}
            {t2 ? <ReferenceLine y={t2} stroke="var(--color-emerald-600)" strokeDasharray="4 4" label={{ value: "T2", fontSize: 10, position: "right" }} /> : null}
          </BarChart>
        </ResponsiveContainer>
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
