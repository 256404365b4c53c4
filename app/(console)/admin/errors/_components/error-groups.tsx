"use client";

import Link from "next/link";
import { useState } from "react";
import { DataTableNotice, TableUrlProvider, useTableUrl, type TableNotice } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ChevronLeftIcon, ChevronRightIcon, InboxIcon } from "@/components/ui/icons";
import { UtcTime } from "@/components/ui/utc-time";
import type { ErrorGroupRow } from "@/lib/db/queries/error-logs";
import { formatInt } from "@/lib/format";
import { encodeCursor } from "@/lib/validation/data-table";
import { SEVERITY_LABELS } from "@/lib/validation/error-logs";
import { SEVERITY_TONE } from "./errors-table";
import { TriageDialog, type TriageKind, type TriageTarget } from "./triage-dialog";
import { FilterChips, ViewSwitch } from "./view-switch";

export function ErrorGroupsList(props: { rows: ErrorGroupRow[]; next: { lastSeen: string; fingerprint: string } | null; page: number }) {
  return (
    <TableUrlProvider>
      <Groups {...props} />
    </TableUrlProvider>
  );
}

/** The fingerprint in uuid form, so the shared cursor format (value, uuid) carries it. */
const asGuid = (fp: string) => `${fp.slice(0, 8)}-${fp.slice(8, 12)}-${fp.slice(12, 16)}-${fp.slice(16, 20)}-${fp.slice(20, 32)}`;

function Groups({ rows, next, page }: { rows: ErrorGroupRow[]; next: { lastSeen: string; fingerprint: string } | null; page: number }) {
  const url = useTableUrl();
  const [notice, setNotice] = useState<TableNotice | null>(null);
  const [dialog, setDialog] = useState<{ kind: TriageKind; target: TriageTarget } | null>(null);
  const groupFilter = (fp: string) => {
    const p = new URLSearchParams(url.searchParams);
    for (const k of ["view", "after", "before", "page", "error", "size", "sort", "hide"]) p.delete(k);
    p.set("fp", fp);
    return p.toString();
  };

  return (
    <div className="space-y-3">
      <DataTableNotice notice={notice} onDismiss={() => setNotice(null)} />
      <ViewSwitch view="groups" />
      <FilterChips />
      {rows.length === 0 ? (
        <div className="rounded-lg border border-zinc-200 bg-white">
          <EmptyState icon={<InboxIcon size={28} />} title="No error groups match these filters">
            Try another search, severity or date range.
          </EmptyState>
        </div>
      ) : (
        <ul aria-label="Error groups" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white shadow-xs">
          {rows.map((g) => (
            <li key={g.fingerprint} className="p-3" data-testid="error-group">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0 flex-1 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={SEVERITY_TONE[g.worstSeverity]}>{SEVERITY_LABELS[g.worstSeverity]}</Badge>
                    <span className="font-mono text-xs text-zinc-500">
                      {g.errorType}/{g.errorCategory}
                    </span>
                    {g.regression ? <Badge tone="red">Regression</Badge> : null}
                    {g.unresolved === 0 ? <Badge tone="green">Resolved</Badge> : null}
                  </div>
                  <p className="truncate text-sm font-medium text-zinc-900" title={g.sample}>
                    {g.message}
                  </p>
                  {g.note ? (
                    <p className="text-xs text-zinc-600" data-testid="pinned-note">
                      <span className="mr-1 rounded bg-amber-100 px-1 py-0.5 font-medium text-amber-900">Pinned note</span>
                      {g.note}
                    </p>
                  ) : null}
                  <details className="text-xs">
                    <summary className="cursor-pointer text-zinc-500 hover:text-zinc-900">Occurrences</summary>
                    <div className="mt-1 flex flex-wrap gap-3 text-zinc-600">
                      <span>Example: <span className="font-mono">{g.sample}</span></span>
                      <Link className="underline" href={`/admin/errors?${groupFilter(g.fingerprint)}`}>
                        Show all {formatInt(g.count)} occurrences
                      </Link>
                    </div>
                  </details>
                </div>
                <Sparkline values={g.spark} label={`Occurrences per day of ${g.message}`} />
                {/* Fixed column widths, so the numbers and the button line up from one group to the next. */}
                <dl className="grid shrink-0 grid-cols-3 gap-x-4 gap-y-0.5 text-xs tabular-nums text-zinc-600 sm:grid-cols-[4.5rem_4.5rem_4.5rem_7.5rem_7.5rem]">
                  <div>
                    <dt className="text-zinc-400">Events</dt>
                    <dd className="font-semibold text-zinc-900">{formatInt(g.count)}</dd>
                  </div>
                  <div>
                    <dt className="text-zinc-400">Open</dt>
                    <dd className="font-semibold text-zinc-900">{formatInt(g.unresolved)}</dd>
                  </div>
                  <div>
                    <dt className="text-zinc-400">Users</dt>
                    <dd className="font-semibold text-zinc-900">{formatInt(g.users)}</dd>
                  </div>
                  <div>
                    <dt className="text-zinc-400">First seen</dt>
                    <dd><UtcTime iso={g.firstSeen} /></dd>
                  </div>
                  <div>
                    <dt className="text-zinc-400">Last seen</dt>
                    <dd><UtcTime iso={g.lastSeen} /></dd>
                  </div>
                </dl>
                <div className="flex shrink-0 gap-1 whitespace-nowrap sm:w-24 sm:justify-end">
                  {g.unresolved > 0 ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      aria-label={`Resolve the ${formatInt(g.unresolved)} open of ${g.message}`}
                      onClick={() => setDialog({ kind: "resolve", target: { scope: "filter", filter: groupFilter(g.fingerprint) } })}
                    >
                      Resolve…
                    </Button>
                  ) : (
                    <Button size="sm" variant="ghost" onClick={() => setDialog({ kind: "reopen", target: { scope: "filter", filter: groupFilter(g.fingerprint) } })}>
                      Reopen…
                    </Button>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Pagination" className="flex items-center justify-end gap-2 text-sm">
        <span className="text-zinc-500">Page {page}</span>
        {page > 1 ? (
          <Link className="inline-flex items-center rounded-md border border-zinc-300 px-2 py-1" href={url.hrefFor({}, { resetPaging: true })}>
            <ChevronLeftIcon size={14} /> First
          </Link>
        ) : null}
        {next ? (
          <Link
            className="inline-flex items-center rounded-md border border-zinc-300 px-2 py-1"
            href={url.hrefFor({ after: encodeCursor(next.lastSeen, asGuid(next.fingerprint)), page: String(page + 1) })}
          >
            Next <ChevronRightIcon size={14} />
          </Link>
        ) : null}
      </nav>
      {dialog ? (
        <TriageDialog open kind={dialog.kind} target={dialog.target} onClose={() => setDialog(null)} onDone={(text, ok) => setNotice({ text, ok })} />
      ) : null}
    </div>
  );
}

/** A small bar sparkline of per-day counts (SVG, numbers in the title). */
function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const w = 120;
  const h = 28;
  const bw = values.length ? w / values.length : w;
  return (
    <svg width={w} height={h} role="img" aria-label={label} className="shrink-0">
      <title>{`${label}: ${values.join(", ")}`}</title>
      {values.map((v, i) => {
        const bh = v === 0 ? 1 : Math.max(2, (v / max) * h);
        return <rect key={i} x={i * bw} y={h - bh} width={Math.max(1, bw - 1)} height={bh} fill={v === 0 ? "#e4e4e7" : "#ef4444"} />;
      })}
    </svg>
  );
}
