"use client";

/**
 * CSV import: choose a file (its header is read in the browser to map the columns), upload it in
 * chunks (streamed to disk on the server), then a dry run that lists problems by line, or the
 * import itself, whose job is followed live below (polling) with a cancel button. The requests
 * are in use-upload.ts, the job card in job-card.tsx; this is the form.
 */
import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import type { IngestJobRow } from "@/lib/db/queries/projects";
import { formatCount, formatInt } from "@/lib/format";
import type { DryRunReport as DryRun } from "@/lib/ingest/pipeline";
import { RECORD_TYPE_LABELS, SKIP_REASON_LABELS, type ColumnMapping, type RecordType } from "@/lib/validation/projects";
import { JobCard } from "./job-card";
import { useUpload } from "./use-upload";

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(b < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function IngestPanel({ projectId, jobs, embeddingLabel }: { projectId: string; jobs: IngestJobRow[]; embeddingLabel: string | null }) {
  const ids = useId();
  const u = useUpload(projectId);
  const { file, header, mapping, busy } = u;

  const columnSelect = (key: keyof ColumnMapping, label: string, optional: boolean) => (
    <div className="space-y-1.5">
      <Label htmlFor={`${ids}-${key}`}>{label}</Label>
      <Select
        id={`${ids}-${key}`}
        value={mapping[key] ?? ""}
        onChange={(e) => u.setMapping((m) => ({ ...m, [key]: e.target.value || null }))}
        disabled={!header.length}
      >
        {optional ? <option value="">{key === "creator" ? "None (you)" : "None"}</option> : <option value="">Choose a column…</option>}
        {header.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </Select>
    </div>
  );

  return (
    <section className="mt-6" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="mb-3 text-base font-semibold text-zinc-900">
        Import from CSV
      </h2>
      <Card className="space-y-4 p-4">
        <div className="grid gap-4 md:grid-cols-3">
          <div className="space-y-1.5 md:col-span-1">
            <Label htmlFor={`${ids}-file`}>CSV file</Label>
            <input
              id={`${ids}-file`}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => void u.choose(e.target.files?.[0] ?? null)}
              className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
            />
            <p className="text-xs text-zinc-500">UTF-8, with a header row. Columns you do not map are kept in each record&apos;s metadata.</p>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={`${ids}-type`}>Records are</Label>
            <Select id={`${ids}-type`} value={u.type} onChange={(e) => u.setType(e.target.value as RecordType)}>
              <option value="TASK">{RECORD_TYPE_LABELS.TASK}s</option>
              <option value="FEEDBACK">{RECORD_TYPE_LABELS.FEEDBACK}</option>
            </Select>
          </div>
          <fieldset className="space-y-1.5">
            <legend className="text-sm font-medium text-zinc-800">Bad rows</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${ids}-onerror`} checked={u.onError === "skip"} onChange={() => u.setOnError("skip")} /> Skip bad rows and continue
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${ids}-onerror`} checked={u.onError === "stop"} onChange={() => u.setOnError("stop")} /> Stop at the first bad row
            </label>
          </fieldset>
        </div>
        {u.fileError ? <Alert tone="error">{u.fileError}</Alert> : null}
        {header.length && !mapping.content ? (
          <Alert tone="warning">
            Line 1: no content column. The header has no column named content, text, task, feedback or prompt (columns: {header.join(", ")}). Choose the column that holds
            the content.
          </Alert>
        ) : null}
        {header.length ? (
          <div className="grid gap-4 md:grid-cols-3">
            {columnSelect("content", "Content column", false)}
            {columnSelect("category", "Category column", true)}
            {columnSelect("creator", "Creator column (email or user id)", true)}
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" disabled={!u.canRun} onClick={() => void u.dryRun()}>
            {busy === "dry" ? "Checking…" : "Dry run"}
          </Button>
          <Button disabled={!u.canRun} onClick={() => void u.start()}>
            {busy === "start" ? "Starting…" : "Import"}
          </Button>
          {busy === "upload" && file ? (
            <span className="flex items-center gap-2 text-sm text-zinc-600" role="status">
              Uploading {mb(u.sent)} of {mb(file.size)}
              <progress className="h-2 w-40" max={file.size || 1} value={u.sent} aria-label="Upload progress" />
            </span>
          ) : null}
          {file && !busy ? <span className="text-xs text-zinc-500">{file.name} · {mb(file.size)}</span> : null}
        </div>
        {u.message ? <Alert tone={u.message.ok ? "success" : "error"}>{u.message.text}</Alert> : null}
        {u.report ? <DryRunReport report={u.report} /> : null}
      </Card>

      <div className="mt-4 space-y-3" aria-label="Imports">
        {jobs.length === 0 ? <p className="text-sm text-zinc-500">No imports yet.</p> : null}
        {jobs.map((j) => (
          <JobCard key={j.id} projectId={projectId} initial={j} embeddingLabel={embeddingLabel} />
        ))}
      </div>
    </section>
  );
}

function DryRunReport({ report }: { report: DryRun }) {
  if (report.fatal) {
    return (
      <Alert tone="error" title="The file cannot be imported">
        {report.fatal}
      </Alert>
    );
  }
  return (
    <div className="space-y-2" aria-label="Dry run result">
      <Alert tone={report.ok ? "success" : "warning"} title={report.ok ? "Dry run: no problems found" : `Dry run: ${formatCount(report.problemCount, "problem")}`}>
        {formatInt(report.rows)} rows read, {formatInt(report.valid)} would be imported.
        {Object.entries(report.byReason).map(([r, c]) => (
          <Badge key={r} tone="amber" className="ml-2">
            {SKIP_REASON_LABELS[r] ?? r}: {formatInt(c)}
          </Badge>
        ))}
      </Alert>
      {report.problems.length ? (
        <div className="max-h-64 overflow-auto rounded-md border border-zinc-200">
          <table className="w-full text-sm" aria-label="Problems by line">
            <thead className="sticky top-0 bg-zinc-50 text-left text-xs text-zinc-500">
              <tr>
                <th className="px-2 py-1">Line</th>
                <th className="px-2 py-1">Problem</th>
                <th className="px-2 py-1">Details</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p) => (
                <tr key={`${p.line}-${p.reason}`} className="border-t border-zinc-100">
                  <td className="px-2 py-1 tabular-nums">{p.line}</td>
                  <td className="px-2 py-1">{SKIP_REASON_LABELS[p.reason] ?? p.reason}</td>
                  <td className="px-2 py-1 text-zinc-600">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.problemCount > report.problems.length ? (
            <p className="px-2 py-1 text-xs text-zinc-500">The first {formatInt(report.problems.length)} problems are listed.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
