/** Small cells shared by the browse lists and pages. Server- and client-safe (no hooks). */
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatInt, formatUsd } from "@/lib/format";

export function Num({ value }: { value: number | string | null }) {
  return <span className="tabular-nums">{formatInt(value)}</span>;
}

export function Usd({ value }: { value: number | string | null }) {
  return <span className="tabular-nums">{formatUsd(value)}</span>;
}

type Tone = "neutral" | "blue" | "green" | "amber" | "red" | "violet";
const STATUS_TONES: Record<string, Tone> = {
  active: "blue",
  live: "green",
  success: "green",
  completed: "green",
  finalized: "green",
  running: "blue",
  generating: "blue",
  setup: "neutral",
  pending: "neutral",
  paused: "amber",
  partial_success: "amber",
  error: "red",
  failed: "red",
  public: "violet",
  private: "neutral",
};

export function StatusBadge({ status, label }: { status: string; label?: ReactNode }) {
  return <Badge tone={STATUS_TONES[status] ?? "neutral"}>{label ?? status.replace(/_/g, " ")}</Badge>;
}

/** A labelled figure for summary strips. */
export function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-28">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold text-zinc-900 tabular-nums">{children}</dd>
    </div>
  );
}

export function StatStrip({ children, label }: { children: ReactNode; label: string }) {
  return (
    <dl aria-label={label} className="flex flex-wrap gap-x-8 gap-y-3 rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-xs">
      {children}
    </dl>
  );
}
