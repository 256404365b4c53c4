"use client";

/**
 * CSV import: choose a file (its header is read in the browser to map the columns), upload it in
 * chunks (streamed to disk on the server), then a dry run that lists problems by line, or the
 * import itself, whose job is followed live below (polling) with a cancel button.
 */
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import type { IngestJobRow } from "@/lib/db/queries/projects";
import {
  ACTIVE_INGEST_STATUSES,
  guessMapping,
  INGEST_STATUS_LABELS,
  RECORD_TYPE_LABELS,
  SKIP_REASON_LABELS,
  UPLOAD_CHUNK_BYTES,
  type ColumnMapping,
  type RecordType,
} from "@/lib/validation/projects";
import { cancelIngest, startIngest } from "../actions";

type DryRun = {
  ok: boolean;
  header: string[];
  rows: number;
  valid: number;
  problemCount: number;
  byReason: Record<string, number>;
  problems: { line: number; reason: string; message: string }[];
  fatal: string | null;
};

const n = (x: number) => x.toLocaleString("en-US");
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(b < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** The first record of a CSV text (quotes and doubled quotes handled). */
function parseHeader(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cur.trim());
      cur = "";
    } else if (c === "\n" || c === "\r") break;
    else cur += c;
  }
  out.push(cur.trim());
  return out;
}

export function IngestPanel({ projectId, jobs, embeddingLabel }: { projectId: string; jobs: IngestJobRow[]; embeddingLabel: string | null }) {
  const router = useRouter();
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping>({ content: "", category: null, creator: null });
  const [type, setType] = useState<RecordType>("TASK");
  const [onError, setOnError] = useState<"skip" | "stop">("skip");
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | "upload" | "dry" | "start">(null);
  const [sent, setSent] = useState(0);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [report, setReport] = useState<DryRun | null>(null);
  const uploaded = useRef<{ file: File; uploadId: string } | null>(null);

  async function choose(f: File | null) {
    setFile(f);
    setReport(null);
    setMessage(null);
    setFileError(null);
    uploaded.current = null;
    setHeader([]);
    if (!f) return;
    const head = new Uint8Array(await f.slice(0, 64 * 1024).arrayBuffer());
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      setFileError("Line 1: the file is UTF-16 encoded. Save it as UTF-8 (CSV UTF-8) and choose it again.");
      return;
    }
    const text = new TextDecoder("utf-8").decode(head).replace(/^\uFEFF/, "");
    const h = parseHeader(text).filter((x, i, all) => x !== "" || i < all.length - 1);
    setHeader(h);
    const g = guessMapping(h);
    setMapping({ content: h.includes(g.content) ? g.content : "", category: g.category, creator: g.creator });
  }

  /** Uploads the file once (chunks of 8 MB, each streamed to disk by the server); returns its id. */
  async function upload(): Promise<string> {
    if (!file) throw new Error("Choose a file first.");
    if (uploaded.current?.file === file) return uploaded.current.uploadId;
    const uploadId = crypto.randomUUID();
    setBusy("upload");
    setSent(0);
    for (let offset = 0; offset < file.size || offset === 0; ) {
      const chunk = file.slice(offset, offset + UPLOAD_CHUNK_BYTES);
      const res = await fetch(`/projects/${encodeURIComponent(projectId)}/ingest/uploads/${uploadId}?offset=${offset}`, { method: "PUT", body: chunk });
      const body = (await res.json().catch(() => ({}))) as { size?: number; error?: string };
      if (!res.ok || typeof body.size !== "number") throw new Error(body.error ?? `Upload failed (${res.status}).`);
      offset = body.size;
      setSent(offset);
      if (file.size === 0) break;
    }
    uploaded.current = { file, uploadId };
    return uploadId;
  }

  async function dryRun() {
    setMessage(null);
    setReport(null);
    try {
      const uploadId = await upload();
      setBusy("dry");
      const res = await fetch(`/projects/${encodeURIComponent(projectId)}/ingest/uploads/${uploadId}/dry-run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type, mapping }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `Dry run failed (${res.status}).`);
      setReport(body as DryRun);
    } catch (e) {
      setMessage({ text: (e as Error).message, ok: false });
    } finally {
      setBusy(null);
    }
  }

  async function start() {
    setMessage(null);
    try {
      const uploadId = await upload();
      setBusy("start");
      const r = await startIngest(null, { projectId, uploadId, fileName: file!.name, type, onError, mapping });
      if (!r.ok) throw new Error(r.message);
      uploaded.current = null; // the job removes the file when it ends
      setMessage({ text: `Import of ${file!.name} started.`, ok: true });
      setReport(null);
      router.refresh();
    } catch (e) {
      setMessage({ text: (e as Error).message, ok: false });
    } finally {
      setBusy(null);
    }
  }

  const canRun = !!file && !fileError && header.length > 0 && !!mapping.content && !busy;
  const columnSelect = (key: keyof ColumnMapping, label: string, optional: boolean) => (
    <div className="space-y-1.5">
      <Label htmlFor={`${ids}-${key}`}>{label}</Label>
      <Select
        id={`${ids}-${key}`}
        value={mapping[key] ?? ""}
        onChange={(e) => setMapping((m) => ({ ...m, [key]: e.target.value || null }))}
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
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
              className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
            />
            <p className="text-xs text-zinc-500">UTF-8, with a header row. Columns you do not map are kept in each record&apos;s metadata.</p>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={`${ids}-type`}>Records are</Label>
            <Select id={`${ids}-type`} value={type} onChange={(e) => setType(e.target.value as RecordType)}>
              <option value="TASK">{RECORD_TYPE_LABELS.TASK}s</option>
              <option value="FEEDBACK">{RECORD_TYPE_LABELS.FEEDBACK}</option>
            </Select>
          </div>
          <fieldset className="space-y-1.5">
            <legend className="text-sm font-medium text-zinc-800">Bad rows</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${ids}-onerror`} checked={onError === "skip"} onChange={() => setOnError("skip")} /> Skip bad rows and continue
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${ids}-onerror`} checked={onError === "stop"} onChange={() => setOnError("stop")} /> Stop at the first bad row
            </label>
          </fieldset>
        </div>
        {fileError ? <Alert tone="error">{fileError}</Alert> : null}
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
          <Button variant="secondary" disabled={!canRun} onClick={() => void dryRun()}>
            {busy === "dry" ? "Checking…" : "Dry run"}
          </Button>
          <Button disabled={!canRun} onClick={() => void start()}>
            {busy === "start" ? "Starting…" : "Import"}
          </Button>
          {busy === "upload" && file ? (
            <span className="flex items-center gap-2 text-sm text-zinc-600" role="status">
              Uploading {mb(sent)} of {mb(file.size)}
              <progress className="h-2 w-40" max={file.size || 1} value={sent} aria-label="Upload progress" />
            </span>
          ) : null}
          {file && !busy ? <span className="text-xs text-zinc-500">{file.name} · {mb(file.size)}</span> : null}
        </div>
        {message ? <Alert tone={message.ok ? "success" : "error"}>{message.text}</Alert> : null}
        {report ? <DryRunReport report={report} /> : null}
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
      <Alert tone={report.ok ? "success" : "warning"} title={report.ok ? "Dry run: no problems found" : `Dry run: ${n(report.problemCount)} problem${report.problemCount === 1 ? "" : "s"}`}>
        {n(report.rows)} rows read, {n(report.valid)} would be imported.
        {Object.entries(report.byReason).map(([r, c]) => (
          <Badge key={r} tone="amber" className="ml-2">
            {SKIP_REASON_LABELS[r] ?? r}: {n(c)}
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
            <p className="px-2 py-1 text-xs text-zinc-500">The first {n(report.problems.length)} problems are listed.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

type LiveJob = IngestJobRow & { runningHere?: boolean };

function JobCard({ projectId, initial, embeddingLabel }: { projectId: string; initial: IngestJobRow; embeddingLabel: string | null }) {
  const router = useRouter();
  const [job, setJob] = useState<LiveJob>(initial);
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelMsg, setCancelMsg] = useState<string | null>(null);
  const active = ACTIVE_INGEST_STATUSES.includes(job.status);

  useEffect(() => setJob(initial), [initial]);
  useEffect(() => {
    if (!ACTIVE_INGEST_STATUSES.includes(job.status)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/projects/${encodeURIComponent(projectId)}/ingest/jobs/${encodeURIComponent(job.id)}`, { cache: "no-store" }).catch(() => null);
      if (!res?.ok || stopped) return;
      const next = (await res.json()) as LiveJob;
      setJob(next);
      if (!ACTIVE_INGEST_STATUSES.includes(next.status)) router.refresh();
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [job.status, job.id, projectId, router]);

  const done = job.savedCount + job.skippedCount;
  const total = Math.max(job.totalRecords, done);
  const percent = job.status === "COMPLETED" ? 100 : total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const tone = job.status === "COMPLETED" ? "green" : job.status === "FAILED" ? "red" : job.status === "CANCELLED" ? "neutral" : "blue";
  const interrupted = active && job.runningHere === false && Date.now() - Date.parse(job.updatedAt) > 60_000;

  return (
    <Card className="p-4" aria-label={`Import ${job.source?.replace(/^csv:/, "") ?? job.id.slice(0, 8)}`} data-testid="ingest-job">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <Badge tone={tone}>{INGEST_STATUS_LABELS[job.status]}</Badge>
          <span className="text-sm font-medium text-zinc-900">{job.source?.replace(/^csv:/, "") ?? "CSV import"}</span>
          <span className="text-xs text-zinc-500">
            {RECORD_TYPE_LABELS[job.type]} · started {job.createdAt.replace("T", " ").replace("Z", " UTC")}
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
                  // Waits for the batch being saved to commit (it holds the job's lock), then stops the job.
                  setCancelling(true);
                  const r = await cancelIngest(null, { jobId: job.id });
                  setCancelling(false);
                  setCancelMsg(r.message ?? null);
                  setConfirming(false);
                  if (r.ok) setJob((j) => ({ ...j, status: "CANCELLED" }));
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
          <div>
            <dt className="inline text-zinc-500">Rows </dt>
            <dd className="inline font-medium" data-testid="job-total">
              {n(job.totalRecords)}
            </dd>
          </div>
          <div>
            <dt className="inline text-zinc-500">Saved </dt>
            <dd className="inline font-medium" data-testid="job-saved">
              {n(job.savedCount)}
            </dd>
          </div>
          <div>
            <dt className="inline text-zinc-500">Skipped </dt>
            <dd className="inline font-medium" data-testid="job-skipped">
              {n(job.skippedCount)}
            </dd>
          </div>
          {job.skippedDetails
            ? Object.entries(job.skippedDetails).map(([r, c]) => (
                <div key={r} className="text-zinc-600">
                  {SKIP_REASON_LABELS[r] ?? r}: {n(Number(c))}
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
      {interrupted ? <p className="mt-2 text-sm text-amber-800">This import is not running any more (the server restarted). Cancel it and import the file again.</p> : null}
      {cancelMsg ? <p className="mt-2 text-sm text-zinc-600">{cancelMsg}</p> : null}
    </Card>
  );
}
