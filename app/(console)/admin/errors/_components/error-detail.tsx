import Link from "next/link";
import type { ReactNode } from "react";
import { JsonTree } from "@/components/content/json-view";
import { Badge } from "@/components/ui/badge";
import type { AgentActivityRow, UserActivityRow } from "@/lib/db/queries/activity-logs";
import type { ErrorLogDetail } from "@/lib/db/queries/error-logs";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { SEVERITY_LABELS } from "@/lib/validation/error-logs";
import { CloseDetailLink, SingleTriage } from "./detail-actions";

const when = (iso: string | null) => (iso ? formatDateTimeUtc(iso) : "—");

/** The stack trace of error_details, when there is one (`stack` or `stackTrace`, text). */
function stackOf(details: unknown): string | null {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  const s = d.stack ?? d.stackTrace ?? d.stack_trace;
  return typeof s === "string" ? s : null;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8.5rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="min-w-0 break-words text-zinc-900">{children}</dd>
    </div>
  );
}

/**
 * Every column of one error, error_details as a collapsible tree, the stack trace as text (React
 * escapes it: never HTML), and the activity of the same session or correlation.
 */
export function ErrorDetailPanel({
  detail,
  related,
}: {
  detail: ErrorLogDetail | null;
  related: { user: UserActivityRow[]; agent: AgentActivityRow[] } | null;
}) {
  return (
    <aside
      aria-label="Error details"
      className="fixed inset-y-0 right-0 z-40 w-full max-w-2xl overflow-y-auto border-l border-zinc-200 bg-white shadow-2xl"
    >
      <div className="sticky top-0 z-10 flex items-center justify-between border-b border-zinc-200 bg-white px-5 py-3">
        <h2 className="text-base font-semibold">Error details</h2>
        <CloseDetailLink />
      </div>
      {!detail ? (
        <p className="p-5 text-sm text-zinc-600">This error does not exist, or was purged.</p>
      ) : (
        <div className="space-y-6 p-5">
          <div className="space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={detail.severity === "info" ? "blue" : detail.severity === "warning" ? "amber" : detail.severity === "error" ? "red" : "violet"}>
                {SEVERITY_LABELS[detail.severity]}
              </Badge>
              {detail.resolved ? <Badge tone="green">Resolved</Badge> : <Badge>Open</Badge>}
              {detail.groupResolvedAt && !detail.resolved && detail.createdAt > detail.groupResolvedAt ? <Badge tone="red">Regression</Badge> : null}
            </div>
            <p className="text-sm font-medium whitespace-pre-wrap text-zinc-900" data-testid="error-message">
              {detail.errorMessage}
            </p>
            <SingleTriage id={detail.id} resolved={detail.resolved} />
          </div>

          {detail.groupNote ? (
            <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
              <div className="text-xs font-medium text-amber-900">Pinned note of this group</div>
              <p className="whitespace-pre-wrap text-amber-950">{detail.groupNote}</p>
            </div>
          ) : null}

          <dl className="divide-y divide-zinc-100">
            <Row label="id"><span className="font-mono text-xs">{detail.id}</span></Row>
            <Row label="error_type">{detail.errorType}</Row>
            <Row label="error_category">{detail.errorCategory}</Row>
            <Row label="severity">{detail.severity}</Row>
            <Row label="created_at">{when(detail.createdAt)}</Row>
            <Row label="user">
              {detail.userId ? (
                <Link className="underline" href={`/admin/errors?user=${detail.userId}`}>
                  {detail.userEmail ?? detail.userId}
                </Link>
              ) : (
                "anonymous"
              )}
            </Row>
            <Row label="request">
              <span className="font-mono text-xs">
                {detail.requestMethod ?? ""} {detail.requestPath ?? "—"}
              </span>
            </Row>
            <Row label="user_agent"><span className="text-xs">{detail.userAgent ?? "—"}</span></Row>
            <Row label="ip_address">{detail.ipAddress ?? "—"}</Row>
            <Row label="session_id"><span className="font-mono text-xs">{detail.sessionId ?? "—"}</span></Row>
            <Row label="resolved">{detail.resolved ? "yes" : "no"}</Row>
            <Row label="resolved_by">{detail.resolvedBy ? (detail.resolvedByEmail ?? detail.resolvedBy) : "—"}</Row>
            <Row label="resolved_at">{when(detail.resolvedAt)}</Row>
            <Row label="resolution_notes"><span className="whitespace-pre-wrap">{detail.resolutionNotes ?? "—"}</span></Row>
            <Row label="group">
              <Link className="font-mono text-xs underline" href={`/admin/errors?fp=${detail.fingerprint}`}>
                {detail.fingerprint.slice(0, 12)} (all occurrences)
              </Link>
            </Row>
          </dl>

          {stackOf(detail.errorDetails) ? (
            <section>
              <h3 className="mb-1 text-sm font-semibold">Stack trace</h3>
              <pre className="max-h-80 overflow-auto rounded-md bg-zinc-950 p-3 text-xs leading-relaxed text-zinc-100" data-testid="stack-trace">
                {stackOf(detail.errorDetails)}
              </pre>
            </section>
          ) : null}

          <section>
            <h3 className="mb-1 text-sm font-semibold">error_details</h3>
            {detail.errorDetails == null ? <p className="text-sm text-zinc-500">None.</p> : <JsonTree value={detail.errorDetails} className="rounded-md border border-zinc-200 bg-zinc-50 p-2" />}
          </section>

          <section>
            <h3 className="mb-1 text-sm font-semibold">Related activity</h3>
            <p className="mb-2 text-xs text-zinc-500">Same session{detail.sessionId ? "" : " (none recorded)"} or correlation, nearest in time.</p>
            {related && (related.user.length || related.agent.length) ? (
              <ol className="space-y-1 text-sm">
                {[...related.user.map((u) => ({ at: u.createdAt, node: <UserLine key={u.id} a={u} /> })), ...related.agent.map((a) => ({ at: a.createdAt, node: <AgentLine key={a.id} a={a} /> }))]
                  .sort((x, y) => x.at.localeCompare(y.at))
                  .map((x) => x.node)}
              </ol>
            ) : (
              <p className="text-sm text-zinc-500">No related user or agent activity.</p>
            )}
          </section>
        </div>
      )}
    </aside>
  );
}

function UserLine({ a }: { a: UserActivityRow }) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <span className="text-xs text-zinc-500 tabular-nums">{when(a.createdAt)}</span>
      <Badge tone="blue">user</Badge>
      <span>{a.activityType}</span>
      {!a.success ? <Badge tone="red">failed</Badge> : null}
      <Link className="text-xs underline" href={`/admin/activity/correlation/${a.correlationId}`}>
        timeline
      </Link>
    </li>
  );
}

function AgentLine({ a }: { a: AgentActivityRow }) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <span className="text-xs text-zinc-500 tabular-nums">{when(a.createdAt)}</span>
      <Badge tone="violet">agent</Badge>
      <span>
        {a.agentType} · {a.operationType}
      </span>
      {a.durationMs != null ? <span className="text-xs text-zinc-500">{formatInt(a.durationMs)} ms</span> : null}
      {!a.success ? <Badge tone="red">failed</Badge> : null}
      <Link className="text-xs underline" href={`/admin/activity/correlation/${a.correlationId}`}>
        timeline
      </Link>
    </li>
  );
}
