import Link from "next/link";
import { notFound } from "next/navigation";
import { CodeBlock } from "@/components/content/code-block";
import { JsonBlock } from "@/components/content/json-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { UtcTime } from "@/components/ui/utc-time";
import { requireViewer } from "@/lib/auth/viewer";
import { getDraftStats, getSession, listDrafts, listHoleResolutions, listRevisions, listSessionActivity } from "@/lib/db/queries/sessions";
import { isUuid } from "@/lib/db/queries/sql-helpers";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatDuration, formatInt, formatUsd } from "@/lib/format";
import { Stat, StatStrip, StatusBadge } from "../../_browse/cells";

export const metadata = { title: "Session" };

const EVENT_LABEL: Record<string, string> = {
  session_created: "Session created",
  revision_created: "Revision",
  draft_created: "Draft",
  hole_resolved: "Hole resolved",
};

function pct(v: string | null) {
  return v === null ? "—" : `${Number(v).toFixed(0)} %`;
}

function errorsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return v ? [JSON.stringify(v)] : [];
  return v.map((e) => (typeof e === "string" ? e : e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : JSON.stringify(e)));
}

function Section({ id, title, children, count }: { id: string; title: string; children: React.ReactNode; count?: number }) {
  return (
    <Card className="p-4">
      <section aria-labelledby={id}>
        <h2 id={id} className="mb-3 text-base font-semibold text-zinc-900">
          {title} {count !== undefined ? <span className="text-sm font-normal text-zinc-500">({formatInt(count)})</span> : null}
        </h2>
        {children}
      </section>
    </Card>
  );
}

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const session = await getSession(tx, id);
      if (!session) return null;
      return {
        session,
        activity: await listSessionActivity(tx, id),
        revisions: await listRevisions(tx, id),
        drafts: await listDrafts(tx, id),
        holes: await listHoleResolutions(tx, id),
        stats: await getDraftStats(tx, id),
      };
    }),
  );
  if (!data) notFound();
  const { session: s, activity, revisions, drafts, holes, stats } = data;

  return (
    <div className="space-y-5">
      <div>
        <Link href="/sessions" className="text-sm text-zinc-500 hover:text-zinc-800">
          ← Sessions
        </Link>
        <h1 className="mt-2 text-xl font-semibold tracking-tight break-words text-zinc-900">{s.originalInput}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-500">
          <StatusBadge status={s.status} />
          <Badge>{s.source}</Badge>
          <span>
            Started <UtcTime iso={s.createdAt} />
            {s.finalizedAt ? (
              <>
                {" "}· finalized <UtcTime iso={s.finalizedAt} />
              </>
            ) : null}
          </span>
        </p>
      </div>
      {!s.isOwner ? <Alert tone="info" title="Read-only">This session belongs to {s.ownerEmail ?? "another account"}.</Alert> : null}

      <StatStrip label="Session summary">
        <Stat label="Revisions">{formatInt(s.revisionCount)}</Stat>
        <Stat label="Drafts">{formatInt(s.draftCount)}</Stat>
        <Stat label="Holes">{formatInt(s.holeCount)}</Stat>
        <Stat label="Tokens">{formatInt(s.tokens)}</Stat>
        <Stat label="Cost">{formatUsd(s.cost)}</Stat>
        <Stat label="Generation time">{formatDuration(s.generationMs)}</Stat>
        <Stat label="Duration">{formatDuration(s.durationSeconds === null ? null : Number(s.durationSeconds) * 1000)}</Stat>
      </StatStrip>

      {stats ? (
        <StatStrip label="Draft validation">
          <Stat label="Syntax valid">{`${stats.syntaxValidCount}/${stats.totalDrafts} (${pct(stats.syntaxValidPercent)})`}</Stat>
          <Stat label="AST valid">{`${stats.astValidCount}/${stats.totalDrafts} (${pct(stats.astValidPercent)})`}</Stat>
          <Stat label="Fully valid">{`${stats.fullyValidCount}/${stats.totalDrafts} (${pct(stats.fullyValidPercent)})`}</Stat>
          <Stat label="Avg generation">{formatDuration(stats.avgGenerationTimeMs)}</Stat>
          <Stat label="Avg validation">{formatDuration(stats.avgValidationTimeMs)}</Stat>
          <Stat label="Drafts cost">{formatUsd(stats.totalCost)}</Stat>
        </StatStrip>
      ) : null}

      <Section id="timeline" title="Timeline" count={activity.length}>
        <ol aria-label="Timeline" className="space-y-1.5 border-l border-zinc-200 pl-4 text-sm">
          {activity.map((a, i) => (
            <li key={i} className="relative">
              <span aria-hidden className="absolute top-1.5 -left-[21px] size-2.5 rounded-full border-2 border-white bg-zinc-400" />
              <span className="font-medium text-zinc-800">{EVENT_LABEL[a.eventType] ?? a.eventType}</span>{" "}
              <span className="text-zinc-600">
                {a.eventType === "revision_created"
                  ? `#${a.eventData.revision_number} (${a.eventData.source}) ${a.eventData.change_summary ?? ""}`
                  : a.eventType === "draft_created"
                    ? `#${a.eventData.draft_number} (${a.eventData.source}) ${a.eventData.syntax_valid && a.eventData.ast_valid ? "valid" : "invalid"}`
                    : a.eventType === "hole_resolved"
                      ? `${a.eventData.hole_id} by ${String(a.eventData.resolution_method).replace(/_/g, " ")}`
                      : `${a.eventData.source ?? ""}`}
              </span>{" "}
              <UtcTime iso={a.eventTime} />
            </li>
          ))}
        </ol>
      </Section>

      <Section id="revisions" title="IR revisions" count={revisions.length}>
        <div className="space-y-3">
          {revisions.map((r) => (
            <article key={r.id} aria-label={`Revision ${r.revisionNumber}`} className="rounded-md border border-zinc-200 p-3">
              <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold">Revision {r.revisionNumber}</span>
                <Badge>{r.source.replace(/_/g, " ")}</Badge>
                <UtcTime iso={r.createdAt} />
                {(r.validationResult as { valid?: boolean } | null)?.valid === false ? <Badge tone="red">invalid</Badge> : null}
                {(r.validationResult as { valid?: boolean } | null)?.valid === true ? <Badge tone="green">valid</Badge> : null}
              </div>
              {r.changeSummary ? <p className="mb-2 text-sm text-zinc-700">{r.changeSummary}</p> : null}
              {r.changedFields.length ? (
                <p className="mb-2 flex flex-wrap items-center gap-1 text-xs text-zinc-500">
                  Changed:
                  {r.changedFields.map((f) => (
                    <Badge key={f} tone="amber">{f}</Badge>
                  ))}
                </p>
              ) : null}
              <JsonBlock value={r.irContent} summary="IR (changed fields highlighted)" highlight={r.changedFields} open={r.revisionNumber === revisions.length} />
              {r.validationResult ? <JsonBlock value={r.validationResult} summary="Validation result" className="mt-2" /> : null}
            </article>
          ))}
          {revisions.length === 0 ? <p className="text-sm text-zinc-500">No revisions yet.</p> : null}
        </div>
      </Section>

      <Section id="drafts" title="Drafts" count={drafts.length}>
        <div className="space-y-3">
          {drafts.map((d) => {
            const errors = errorsOf(d.validationErrors);
            return (
              <article key={d.id} aria-label={`Draft ${d.draftNumber}`} className="rounded-md border border-zinc-200 p-3">
                <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold">Draft {d.draftNumber}</span>
                  <Badge>{d.source.replace(/_/g, " ")}</Badge>
                  {d.revisionNumber ? <span className="text-xs text-zinc-500">from revision {d.revisionNumber}</span> : null}
                  <Badge tone={d.syntaxValid ? "green" : "red"}>{d.syntaxValid ? "syntax valid" : "syntax invalid"}</Badge>
                  <Badge tone={d.astValid ? "green" : "red"}>{d.astValid ? "AST valid" : "AST invalid"}</Badge>
                  <span className="ml-auto flex flex-wrap gap-3 text-xs text-zinc-500 tabular-nums">
                    <span>generated in {formatDuration(d.generationTimeMs)}</span>
                    <span>validated in {formatDuration(d.validationTimeMs)}</span>
                    <span>{formatInt(d.tokens)} tokens</span>
                    <span>{formatUsd(d.cost)}</span>
                    <UtcTime iso={d.createdAt} />
                  </span>
                </div>
                {errors.length ? (
                  <ul aria-label={`Validation errors of draft ${d.draftNumber}`} className="mb-2 list-disc rounded-md bg-red-50 py-1.5 pr-2 pl-6 text-xs text-red-800">
                    {errors.map((e, i) => (
                      <li key={i} className="break-words">{e}</li>
                    ))}
                  </ul>
                ) : null}
                <CodeBlock code={d.codeContent} language={d.language} label={`Draft ${d.draftNumber} code`} />
              </article>
            );
          })}
          {drafts.length === 0 ? <p className="text-sm text-zinc-500">No drafts yet.</p> : null}
        </div>
      </Section>

      <Section id="holes" title="Hole resolutions" count={holes.length}>
        {holes.length === 0 ? (
          <p className="text-sm text-zinc-500">No holes were resolved in this session.</p>
        ) : (
          <div className="overflow-x-auto">
            <table aria-label="Hole resolutions" className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-xs text-zinc-500">
                <tr>
                  <th className="py-2 pr-3">Hole</th>
                  <th className="py-2 pr-3">Type</th>
                  <th className="py-2 pr-3">Method</th>
                  <th className="py-2 pr-3 text-right">Confidence</th>
                  <th className="py-2 pr-3">Resolved value</th>
                  <th className="py-2 pr-3">Suggestions given</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 align-top">
                {holes.map((h) => (
                  <tr key={h.id}>
                    <td className="py-2 pr-3 font-mono text-xs">{h.holeId}{h.revisionNumber ? <div className="font-sans text-zinc-400">rev {h.revisionNumber}</div> : null}</td>
                    <td className="py-2 pr-3"><Badge>{h.holeType.replace(/_/g, " ")}</Badge></td>
                    <td className="py-2 pr-3">{h.method.replace(/_/g, " ")}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{h.confidence === null ? "—" : `${Math.round(Number(h.confidence) * 100)} %`}</td>
                    <td className="py-2 pr-3 font-mono text-xs break-all">{JSON.stringify(h.resolvedValue)}</td>
                    <td className="py-2 pr-3">
                      {Array.isArray(h.suggestions) && h.suggestions.length ? (
                        <JsonBlock value={h.suggestions} summary={`${h.suggestions.length} suggestion${h.suggestions.length === 1 ? "" : "s"}`} />
                      ) : (
                        <span className="text-zinc-400">none</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
