"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useNow } from "@/components/ui/use-now";
import type { IngestJobRow } from "@/lib/db/queries/projects";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { INGEST_STATUS_LABELS, RECORD_TYPE_LABELS, SKIP_REASON_LABELS } from "@/lib/validation/projects";
import { useIngestJob } from "./use-ingest-job";

/** One import: its state, progress and counts, followed live while it runs, with a cancel. */
export function JobCard({ projectId, initial, embeddingLabel }: { projectId: string; initial: IngestJobRow; embeddingLabel: string | null }) {
  const { job, active, cancel, cancelling, cancelMsg } = useIngestJob(projectId, initial);
  const [confirming, setConfirming] = useState(false);

  const done = job.savedCount + job.skippedCount;
  const total = Math.max(job.totalRecords, done);
  const percent = job.status === "COMPLETED" ? 100 : total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const tone = job.status === "COMPLETED" ? "green" : job.status === "FAILED" ? "red" : job.status === "CANCELLED" ? "neutral" : "blue";

  return (
    <Card className="p-4" aria-label={`Import ${job.source?.replace(/^csv:/, "") ?? job.id.slice(0, 8)}`} data-testid="ingest-job">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <Badge tone={tone}>{INGEST_STATUS_LABELS[job.status]}</Badge>
          <span className="text-sm font-medium text-zinc-900">{job.source?.replace(/^csv:/, "") ?? "CSV import"}</span>
          <span className="text-xs text-zinc-500">
            {RECORD_TYPE_LABELS[job.type]} · started {formatDateTimeUtc(job.createdAt)}
          </span>
        </div>
        <div className="flex items-center gap-2">
          {job.storedSkipped > 0 ? (
            <a className="text-sm font-medium text-zinc-700 underline" href={`/projects/${encodeURIComponent(projectId)}/ingest/jobs/${encodeURIComponent(job.id)}/skipped`}>
              Download skipped rows
            </a>
          ) : null}
          {active && !confirming ? (
            <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
              Cancel import
            </Button>
          ) : null}
          {active && confirming ? (
            <span className="flex items-center gap-2 text-sm" role="group" aria-label="Confirm cancel">
              Stop this import? Saved rows are kept.
              <Button
                size="sm"
                variant="danger"
                disabled={cancelling}
                onClick={async () => {
                  await cancel();
                  setConfirming(false);
                }}
              >
                {cancelling ? "Cancelling…" : "Yes, cancel"}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                Keep running
              </Button>
            </span>
          ) : null}
        </div>
      </div>
      <div className="mt-3">
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}% · ${INGEST_STATUS_LABELS[job.status]}`}
          className="h-2 overflow-hidden rounded-full bg-zinc-100"
        >
          <div className={`h-full transition-[width] ${job.status === "FAILED" ? "bg-red-500" : job.status === "CANCELLED" ? "bg-zinc-400" : "bg-emerald-500"}`} style={{ width: `${percent}%` }} />
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm tabular-nums">
          <Count label="Rows" testId="job-total" value={job.totalRecords} />
          <Count label="Saved" testId="job-saved" value={job.savedCount} />
          <Count label="Skipped" testId="job-skipped" value={job.skippedCount} />
          {job.skippedDetails
            ? Object.entries(job.skippedDetails).map(([r, c]) => (
                <div key={r} className="text-zinc-600">
                  {SKIP_REASON_LABELS[r] ?? r}: {formatInt(Number(c))}
                </div>
              ))
            : null}
          <div className="text-zinc-500">{percent}%</div>
        </dl>
      </div>
      {job.status === "FAILED" && job.error ? (
        <Alert tone="error" className="mt-2">
          {job.error}
        </Alert>
      ) : null}
      {job.status === "CANCELLED" ? <p className="mt-2 text-sm text-zinc-600">{job.error ?? "Cancelled."} The rows saved before the cancel are kept.</p> : null}
      {job.status === "COMPLETED" && job.vectorizationPending ? (
        <p className="mt-2 text-sm text-amber-800">
          Vectorization pending: no embedding provider answered{embeddingLabel ? ` (${embeddingLabel})` : ""}, so the records keep empty embeddings until one does.
        </p>
      ) : null}
      {active && job.runningHere === false ? <InterruptedNotice updatedAt={job.updatedAt} /> : null}
      {cancelMsg ? <p className="mt-2 text-sm text-zinc-600">{cancelMsg}</p> : null}
    </Card>
  );
}

function Count({ label, testId, value }: { label: string; testId: string; value: number }) {
  return (
    <div>
      <dt className="inline text-zinc-500">{`${label} `}</dt>
      <dd className="inline font-medium" data-testid={testId}>
        {formatInt(value)}
      </dd>
    </div>
  );
}

/**
 * An active job that no process here runs (the route says so) and that has not moved for a
 * minute was orphaned by a restart. Only mounted for such a job, so only it keeps a clock.
 */
function InterruptedNotice({ updatedAt }: { updatedAt: string }) {
  const stale = useNow(1_000) - Date.parse(updatedAt) > 60_000;
  return stale ? <p className="mt-2 text-sm text-amber-800">This import is not running any more (the server restarted). Cancel it and import the file again.</p> : null;
}
