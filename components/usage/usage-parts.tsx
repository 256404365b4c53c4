/**
 * Server-rendered parts of the usage pages: chart cards with their numbers table and CSV link,
 * totals with the change against the previous period, the sessions panel and the activity feed.
 */
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DownloadIcon } from "@/components/ui/icons";
import type { ActivityEvent, DraftStats, SessionsSummary } from "@/lib/db/queries/usage";
import { clipText, formatDurationShort, formatInt, formatUsdFixed } from "@/lib/format";
import { change } from "@/lib/usage/metrics";
import { NumbersTable, UnpricedMarker, type Column } from "./numbers-table";

export { NumbersTable, UnpricedMarker, type Column };

export function ChartCard({
  title,
  note,
  exportHref,
  exportLabel,
  children,
  table,
  className,
}: {
  title: string;
  note: ReactNode;
  exportHref?: string;
  exportLabel?: string;
  children: ReactNode;
  table: ReactNode;
  className?: string;
}) {
  return (
    <Card className={cn("p-4", className)}>
      <section aria-label={title}>
        <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
          <div>
            <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
            <p className="mt-0.5 text-xs text-zinc-500">{note}</p>
          </div>
          {exportHref ? (
            <a
              href={exportHref}
              download
              className="inline-flex h-7 items-center gap-1 rounded-md border border-zinc-300 bg-white px-2 text-xs font-medium text-zinc-800 shadow-xs hover:bg-zinc-50"
            >
              <DownloadIcon size={14} />
              {exportLabel ?? `Export CSV`}
              <span className="sr-only"> of {title}</span>
            </a>
          ) : null}
        </div>
        {children}
        <details className="group mt-3 border-t border-zinc-100 pt-2">
          <summary className="cursor-pointer text-xs font-medium text-zinc-600 select-none hover:text-zinc-900">
            Numbers<span className="sr-only"> behind {title}</span>
          </summary>
          <div className="mt-2 max-h-96 overflow-auto">{table}</div>
        </details>
      </section>
    </Card>
  );
}

export function EstimatedMarker() {
  return (
    <Badge tone="violet" className="ml-1 px-1.5">
      <abbr title="Estimated: tokens × current model_config prices, for calls without a recorded cost" className="no-underline">
        est.
      </abbr>
    </Badge>
  );
}

/** A row's cost in a numbers table: the dollars, "est." when part is estimated, the unpriced calls beside it. */
export function CostCell({ row }: { row: { cost: number; estimatedCost: number; unpricedCalls: number; unpricedTokens: number } }) {
  return (
    <span>
      {formatUsdFixed(row.cost)}
      {row.estimatedCost > 0 ? <EstimatedMarker /> : null}
      {row.unpricedCalls > 0 ? <> + <UnpricedMarker calls={row.unpricedCalls} tokens={row.unpricedTokens} /></> : null}
    </span>
  );
}

function Delta({ current, previous, lowerIsBetter = false, format }: { current: number; previous: number; lowerIsBetter?: boolean; format: (n: number) => string }) {
  const c = change(current, previous);
  if (c === null) return <span className="text-xs text-zinc-500">new (nothing in the previous period)</span>;
  const up = c > 0;
  const good = c === 0 ? null : lowerIsBetter ? !up : up;
  return (
    <span className={cn("text-xs", good === null ? "text-zinc-500" : good ? "text-emerald-700" : "text-red-700")}>
      <span aria-hidden>{c === 0 ? "→" : up ? "▲" : "▼"}</span> {c === 0 ? "no change" : `${(Math.abs(c) * 100).toFixed(1)}%`}
      <span className="text-zinc-500"> vs {format(previous)}</span>
    </span>
  );
}

export type TotalsLike = {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  recordedCost: number;
  estimatedCost: number;
  estimatedCalls: number;
  unpricedCalls: number;
  unpricedTokens: number;
  cost: number;
  p50: number | null;
  p95: number | null;
};

export function TotalsCards({ totals, previous, previousLabel }: { totals: TotalsLike; previous: TotalsLike; previousLabel: string }) {
  const item = (label: string, value: ReactNode, delta: ReactNode, extra?: ReactNode) => (
    <Card className="p-4">
      <dl>
        <dt className="text-xs font-medium text-zinc-500">{label}</dt>
        <dd className="mt-1 text-xl font-semibold tabular-nums text-zinc-900">{value}</dd>
        <dd className="mt-1">{delta}</dd>
        {extra ? <dd className="mt-1 text-xs text-zinc-500">{extra}</dd> : null}
      </dl>
    </Card>
  );
  return (
    <section aria-label="Totals" className="mb-6">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        {item("Calls", formatInt(totals.calls), <Delta current={totals.calls} previous={previous.calls} format={formatInt} />)}
        {item("Input tokens", formatInt(totals.inputTokens), <Delta current={totals.inputTokens} previous={previous.inputTokens} format={formatInt} />)}
        {item("Output tokens", formatInt(totals.outputTokens), <Delta current={totals.outputTokens} previous={previous.outputTokens} format={formatInt} />)}
        {item(
          "Cost",
          <>
            {formatUsdFixed(totals.cost)}
            {totals.estimatedCost > 0 ? <EstimatedMarker /> : null}
          </>,
          <Delta current={totals.cost} previous={previous.cost} lowerIsBetter format={formatUsdFixed} />,
          <>
            {formatUsdFixed(totals.recordedCost)} recorded
            {totals.estimatedCost > 0 ? <> + {formatUsdFixed(totals.estimatedCost)} estimated ({formatInt(totals.estimatedCalls)} calls)</> : null}
            {totals.unpricedCalls > 0 ? (
              <span className="mt-1 block">
                not included: <UnpricedMarker calls={totals.unpricedCalls} tokens={totals.unpricedTokens} />
              </span>
            ) : null}
          </>,
        )}
        {item(
          "Latency p50 / p95",
          <>
            {formatDurationShort(totals.p50)} <span className="text-zinc-400">/</span> {formatDurationShort(totals.p95)}
          </>,
          <span className="text-xs text-zinc-500">
            previous: {formatDurationShort(previous.p50)} / {formatDurationShort(previous.p95)}
          </span>,
        )}
      </div>
      <p className="mt-2 text-xs text-zinc-500">Change against {previousLabel}.</p>
    </section>
  );
}

export function SessionsPanel({ summary, drafts, byUser }: { summary: SessionsSummary; drafts: DraftStats; byUser?: ReactNode }) {
  const pct = (n: number | null) => (n === null ? "—" : `${n.toFixed(1)}%`);
  const n2 = (n: number | null) => (n === null ? "—" : n.toFixed(2));
  const secs = (s: number | null) => (s === null ? "—" : s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`);
  const stat = (label: string, value: ReactNode) => (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="text-sm font-semibold tabular-nums text-zinc-900">{value}</dd>
    </div>
  );
  return (
    <Card className="p-4">
      <section aria-label="Code-generation sessions">
        <h2 className="text-sm font-semibold text-zinc-900">Code-generation sessions</h2>
        <p className="mt-0.5 text-xs text-zinc-500">All time, from the user_analytics and draft_validation_stats views (not limited to the date range).</p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {stat("Sessions", formatInt(summary.totalSessions))}
          {stat("Finalized / active / error", `${formatInt(summary.finalized)} / ${formatInt(summary.active)} / ${formatInt(summary.error)}`)}
          {stat("Revisions per session", n2(summary.avgRevisionsPerSession))}
          {stat("Drafts per session", n2(summary.avgDraftsPerSession))}
          {stat("Time to finalization (avg)", secs(summary.avgTimeToFinalizationSeconds))}
          {stat("LLM cost", formatUsdFixed(summary.llmCostUsd))}
          {stat("LLM tokens", formatInt(summary.llmTokens))}
          {stat("Users with sessions", formatInt(summary.users))}
        </dl>
        <h3 className="mt-4 text-xs font-semibold text-zinc-700">Draft validation ({formatInt(drafts.totalDrafts)} drafts)</h3>
        <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-5">
          {stat("Syntax valid", pct(drafts.syntaxValidPercent))}
          {stat("AST valid", pct(drafts.astValidPercent))}
          {stat("Fully valid", pct(drafts.fullyValidPercent))}
          {stat("Generation (avg)", formatDurationShort(drafts.avgGenerationMs))}
          {stat("Validation (avg)", formatDurationShort(drafts.avgValidationMs))}
        </dl>
        {byUser}
      </section>
    </Card>
  );
}

const EVENT_LABELS: Record<string, string> = {
  session_created: "Session created",
  revision_created: "Revision",
  draft_created: "Draft",
  hole_resolved: "Hole resolved",
};

function eventDetail(e: ActivityEvent): string {
  const d = e.data;
  switch (e.eventType) {
    case "session_created":
      return [d.status, d.source].filter(Boolean).join(" · ") + (d.original_input ? ` — ${clipText(String(d.original_input), 80)}` : "");
    case "revision_created":
      return `#${d.revision_number ?? "?"}${d.change_summary ? ` — ${clipText(String(d.change_summary), 80)}` : ""}`;
    case "draft_created":
      return `#${d.draft_number ?? "?"} ${d.language ?? ""} · ${d.syntax_valid && d.ast_valid ? "valid" : d.syntax_valid ? "syntax ok, AST invalid" : "invalid"}`;
    case "hole_resolved":
      return `${d.hole_id ?? ""} (${d.hole_type ?? ""}) by ${d.resolution_method ?? "?"}`;
    default:
      return "";
  }
}

export function ActivityFeed({ events, tz, userLabel }: { events: ActivityEvent[]; tz: string; userLabel?: (id: string) => string | null }) {
  const when = new Intl.DateTimeFormat("en-US", { timeZone: tz, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (
    <Card className="p-4">
      <section aria-label="Recent activity">
        <h2 className="text-sm font-semibold text-zinc-900">Recent activity</h2>
        <p className="mt-0.5 text-xs text-zinc-500">Newest session events (recent_activity view), times in {tz}.</p>
        {events.length === 0 ? (
          <p className="mt-4 text-sm text-zinc-500">No session activity yet.</p>
        ) : (
          <ol className="mt-3 space-y-2">
            {events.map((e, i) => (
              <li key={`${e.eventTime}-${i}`} className="flex gap-3 text-xs">
                <time dateTime={e.eventTime} className="w-24 shrink-0 tabular-nums text-zinc-500">
                  {when.format(new Date(e.eventTime))}
                </time>
                <div className="min-w-0">
                  <span className="font-medium text-zinc-900">{EVENT_LABELS[e.eventType] ?? e.eventType}</span>{" "}
                  <span className="break-words text-zinc-600">{eventDetail(e)}</span>
                  {userLabel ? <span className="block text-zinc-400">{userLabel(e.userId) ?? e.userId}</span> : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Card>
  );
}
