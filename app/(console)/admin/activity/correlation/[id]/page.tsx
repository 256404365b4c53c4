import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { getCorrelationTimeline, startOf, type TimelineEvent } from "@/lib/db/queries/activity-logs";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatDateTimeMsUtc, formatInt, formatUsdMicro } from "@/lib/format";

export const metadata = { title: "Correlation timeline" };

/** One user action and every agent operation it caused, on one time axis (seed 001 correlation_id). */
export default async function CorrelationPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireRole("ADMIN");
  const { id } = await params;
  const parsed = z.guid().safeParse(id);
  if (!parsed.success) notFound();
  const t = await guardDatabase(() => withViewer(viewer, (tx) => getCorrelationTimeline(tx, parsed.data)));
  if (t.events.length === 0) notFound(); // RLS hides it or it was purged: both look the same

  const start = Math.min(...t.events.map(startOf));
  const end = Math.max(...t.events.map((e) => startOf(e) + (e.kind === "agent" ? (e.durationMs ?? 0) : 0)));
  const span = Math.max(1, end - start);

  return (
    <>
      <PageHeader
        title="Correlation timeline"
        description={<span className="font-mono text-xs">{t.correlationId}</span>}
        actions={
          <Link href="/admin/activity" className="text-sm underline">
            Back to activity
          </Link>
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Totals">
        {[
          ["Agent operations", formatInt(t.totals.operations)],
          ["Total duration", `${formatInt(t.totals.durationMs)} ms`],
          ["Elapsed", `${formatInt(span)} ms`],
          ["Tokens", formatInt(t.totals.tokens)],
          ["Cost", formatUsdMicro(t.totals.cost)],
        ].map(([k, v]) => (
          <div key={k} className="rounded-lg border border-zinc-200 bg-white p-3 shadow-xs">
            <dt className="text-xs text-zinc-500">{k}</dt>
            <dd className="text-lg font-semibold tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      <ol aria-label="Timeline" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white shadow-xs">
        {t.events.map((e) => (
          <TimelineRow key={`${e.kind}-${e.id}`} e={e} start={start} span={span} />
        ))}
      </ol>
      {t.errors.length ? (
        <section className="mt-6">
          <h2 className="mb-2 text-sm font-semibold">Errors with this correlation</h2>
          <ul className="space-y-1 text-sm">
            {t.errors.map((er) => (
              <li key={er.id}>
                <Link className="underline" href={`/admin/errors?error=${er.id}`}>
                  {er.errorMessage}
                </Link>{" "}
                <Badge tone="red">{er.severity}</Badge>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function TimelineRow({ e, start, span }: { e: TimelineEvent; start: number; span: number }) {
  const at = startOf(e);
  const dur = e.kind === "agent" ? (e.durationMs ?? 0) : 0;
  const left = ((at - start) / span) * 100;
  const width = Math.max(0.8, (dur / span) * 100);
  return (
    <li className="grid grid-cols-1 gap-2 p-3 md:grid-cols-[22rem_1fr]" data-testid="timeline-event">
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={e.kind === "user" ? "blue" : "violet"}>{e.kind === "user" ? "User action" : "Agent"}</Badge>
          <span className="font-medium text-zinc-900">{e.kind === "user" ? e.activityType : `${e.agentType} · ${e.operationType}`}</span>
          {!e.success ? <Badge tone="red">Failed</Badge> : null}
        </div>
        <div className="text-xs text-zinc-500 tabular-nums">
          {formatDateTimeMsUtc(at)} · +{formatInt(at - start)} ms
          {e.kind === "agent" ? (
            <>
              {" · "}
              {e.durationMs != null ? `${formatInt(e.durationMs)} ms` : "no duration"}
              {e.totalTokens != null || e.inputTokens != null ? ` · ${formatInt(e.totalTokens ?? (e.inputTokens ?? 0) + (e.outputTokens ?? 0))} tokens` : ""}
              {e.totalCost != null ? ` · ${formatUsdMicro(Number(e.totalCost))}` : ""}
              {e.modelId ? ` · ${e.modelId}` : ""}
              {e.retryCount ? ` · ${e.retryCount} retries` : ""}
            </>
          ) : (
            <> · {e.userEmail ?? e.userId}</>
          )}
        </div>
        {e.errorMessage ? <p className="text-xs whitespace-pre-wrap text-red-700">{e.errorMessage}</p> : null}
      </div>
      <div className="relative h-6 self-center rounded bg-zinc-50" aria-hidden>
        <div
          className={e.kind === "user" ? "absolute top-1 h-4 rounded bg-blue-400" : e.success ? "absolute top-1 h-4 rounded bg-violet-500" : "absolute top-1 h-4 rounded bg-red-500"}
          style={{ left: `${Math.min(left, 99.2)}%`, width: `${Math.min(width, 100 - Math.min(left, 99.2))}%` }}
        />
      </div>
    </li>
  );
}
