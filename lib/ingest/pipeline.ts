/**
 * The CSV ingest (seed 004 ingest_jobs): a file stream in, data_records out, as the uploading
 * viewer under RLS. The upload route, the job runner and `npm run bench:ingest` all call
 * runIngestJob / dryRunIngest here; nothing else writes records from a file.
 *
 * - Streaming: records are pulled one at a time from readCsv (lib/ingest/csv-reader.ts) and
 *   written in batches of BATCH_SIZE; memory holds three batches (one parsing, two in flight),
 *   whatever the file size.
 * - One transaction per batch, as the viewer, two at once on two connections (Postgres spends
 *   most of the time, index upkeep and foreign key checks, and one backend uses one core): each
 *   stops early if the job is no longer PROCESSING, inserts its batch with one multi-row
 *   INSERT ... SELECT from json_to_recordset, then waits for the batch before it to commit,
 *   takes the job row, and only if the job is still PROCESSING records the skipped rows and adds
 *   its counts; otherwise (cancelled meanwhile) it rolls back whole. So batches commit in file
 *   order, the saved records and the job's counts always agree, and no batch is half-written.
 *   Stopping at the first bad row keeps one batch in flight.
 * - Duplicates (same project, type and content) are found by the INSERT itself: against the
 *   project's records (idx_record_content_hash, which sees every committed batch) and within
 *   the batch (DISTINCT ON the content, the first line wins). A row whose content the batch
 *   still in flight also has is checked and inserted after that batch commits.
 * - States: PENDING -> PROCESSING -> QUEUED_FOR_VEC -> (VECTORIZING ->) COMPLETED, or FAILED /
 *   CANCELLED. Embeddings stay '{}' when no embedding provider answers (lib/ingest/embedding.ts).
 */
import type { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { readAiSettings, type AiSettings } from "@/lib/db/queries/ai-settings";
import type { Tx } from "@/lib/db/run-as";
import { formatInt } from "@/lib/format";
import {
  guessMapping,
  MAX_CONTENT_LENGTH,
  SKIP_REASON_LABELS,
  type ColumnMapping,
  type RecordCategory,
  type RecordType,
  type SkipReason,
} from "@/lib/validation/projects";
import { IngestFileError, readCsv, type CsvRecord } from "./csv-reader";
import { embeddingProviderFor, type EmbeddingProvider } from "./embedding";

export type RunAsViewer = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export const BATCH_SIZE = 2_000;
/** Batches written at once (each its own transaction and connection); commits stay in order. */
export const MAX_BATCHES_IN_FLIGHT = 2;
/** Skipped rows stored per job for the download; the counts stay exact beyond it. */
export const MAX_STORED_SKIPPED = 100_000;
/** Problems a dry run lists; the counts by reason stay exact beyond it. */
export const MAX_DRY_RUN_PROBLEMS = 1_000;

export type Uploader = { id: string; email: string };

type GoodRow = {
  line: number;
  content: string;
  category: RecordCategory | null;
  creatorKey: string | null; // the creator cell, normalised; null: the uploader
  metadata: Record<string, string> | null;
};
type Problem = { line: number; reason: SkipReason; message: string; row: Record<string, string> };

// ---------------------------------------------------------------------------------------------
// Column mapping and per-row checks
// ---------------------------------------------------------------------------------------------
function normaliseCategory(raw: string): RecordCategory | null | "invalid" {
  const v = raw.trim().toUpperCase().replace(/[\s-]+/g, "_");
  if (v === "") return null;
  if (v === "TOP_10" || v === "TOP10") return "TOP_10";
  if (v === "BOTTOM_10" || v === "BOTTOM10") return "BOTTOM_10";
  return "invalid";
}

class RowChecker {
  readonly contentIdx: number;
  readonly categoryIdx: number;
  readonly creatorIdx: number;
  private readonly metaIdx: number[];

  constructor(
    readonly header: string[],
    mapping: ColumnMapping,
  ) {
    const seen = new Set<string>();
    header.forEach((h, i) => {
      const name = h.trim();
      if (name === "") throw new IngestFileError(`Line 1: column ${i + 1} of the header has no name.`, 1);
      if (seen.has(name)) throw new IngestFileError(`Line 1: the header names the column "${name}" twice.`, 1);
      seen.add(name);
    });
    const idx = (name: string | null) => (name ? header.findIndex((h) => h.trim() === name.trim()) : -1);
    this.contentIdx = idx(mapping.content);
    if (this.contentIdx < 0) {
      throw new IngestFileError(
        `Line 1: no content column. The header has no column "${mapping.content}" (columns: ${header.map((h) => h.trim()).join(", ")}).`,
        1,
      );
    }
    this.categoryIdx = idx(mapping.category);
    this.creatorIdx = idx(mapping.creator);
    if (mapping.category && this.categoryIdx < 0) throw new IngestFileError(`Line 1: the header has no column "${mapping.category}" for the category.`, 1);
    if (mapping.creator && this.creatorIdx < 0) throw new IngestFileError(`Line 1: the header has no column "${mapping.creator}" for the creator.`, 1);
    const mapped = new Set([this.contentIdx, this.categoryIdx, this.creatorIdx]);
    this.metaIdx = header.map((_, i) => i).filter((i) => !mapped.has(i));
  }

  private rowObject(fields: string[]): Record<string, string> {
    const o: Record<string, string> = {};
    this.header.forEach((h, i) => (o[h.trim()] = fields[i] ?? ""));
    return o;
  }

  check(rec: CsvRecord): GoodRow | Problem {
    const f = rec.fields;
    const content = f[this.contentIdx].trim();
    if (content === "") return { line: rec.line, reason: "empty_content", message: "The content is empty.", row: this.rowObject(f) };
    if (content.length > MAX_CONTENT_LENGTH) {
      return { line: rec.line, reason: "content_too_long", message: `The content has ${formatInt(content.length)} characters; at most ${formatInt(MAX_CONTENT_LENGTH)}.`, row: this.rowObject(f) };
    }
    let category: RecordCategory | null = null;
    if (this.categoryIdx >= 0) {
      const c = normaliseCategory(f[this.categoryIdx]);
      if (c === "invalid") {
        return { line: rec.line, reason: "invalid_category", message: `Unknown category "${f[this.categoryIdx].slice(0, 40)}" (use TOP_10, BOTTOM_10 or leave it empty).`, row: this.rowObject(f) };
      }
      category = c;
    }
    const creatorCell = this.creatorIdx >= 0 ? f[this.creatorIdx].trim().toLowerCase() : "";
    let metadata: Record<string, string> | null = null;
    if (this.metaIdx.length) {
      metadata = {};
      for (const i of this.metaIdx) metadata[this.header[i].trim()] = f[i];
    }
    return { line: rec.line, content, category, creatorKey: creatorCell || null, metadata };
  }

  problemFor(row: GoodRow, reason: SkipReason, message: string): Problem {
    const o: Record<string, string> = {};
    // Rebuild the row for the skipped-rows download (mapped columns under their header names).
    o[this.header[this.contentIdx].trim()] = row.content;
    if (this.categoryIdx >= 0) o[this.header[this.categoryIdx].trim()] = row.category ?? "";
    if (this.creatorIdx >= 0) o[this.header[this.creatorIdx].trim()] = row.creatorKey ?? "";
    return { line: row.line, reason, message, row: { ...o, ...(row.metadata ?? {}) } };
  }
}

// ---------------------------------------------------------------------------------------------
// Creators: a cell holds a profile id or an email; RLS decides which profiles the uploader sees
// ---------------------------------------------------------------------------------------------
type Creator = { id: string; name: string | null; email: string };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class CreatorResolver {
  private cache = new Map<string, Creator | null>();
  constructor(private readonly uploader: Creator) {}

  async resolve(tx: Tx, keys: Iterable<string | null>): Promise<void> {
    const missing = [...new Set([...keys].filter((k): k is string => !!k && !this.cache.has(k)))];
    if (missing.length === 0) return;
    if (this.cache.size > 50_000) this.cache.clear(); // bounded, whatever the file
    const rows = (await tx.execute(sql`
      select p.id::text as id, p.email, p.name
      from public.profiles p
      where p.id::text in (select json_array_elements_text(${JSON.stringify(missing.filter((k) => UUID_RE.test(k)))}::json))
         or lower(p.email) in (select json_array_elements_text(${JSON.stringify(missing)}::json))`)) as unknown as Creator[];
    for (const k of missing) this.cache.set(k, null);
    for (const r of rows) {
      this.cache.set(r.id, r);
      this.cache.set(r.email.toLowerCase(), r);
    }
  }

  get(key: string | null): Creator | null {
    return key ? (this.cache.get(key) ?? null) : this.uploader;
  }
}

// ---------------------------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------------------------
type BatchResult = { saved: number; problems: Problem[]; stopAt: Problem | null };

/**
 * Lines of `rows` that duplicate a record of the project (or an earlier line of the batch).
 * With `insert`, the other rows are inserted by the same statement.
 */
async function insertOrFindDuplicates(
  tx: Tx,
  job: { projectId: string; type: RecordType; source: string; jobId: string | null },
  rows: (GoodRow & { creator: Creator })[],
  insert: boolean,
): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  // The payload is most of what crosses the wire and what Postgres parses: short keys, no nulls.
  const payload = JSON.stringify(
    rows.map((r) => ({
      l: r.line,
      c: r.content,
      k: r.category ?? undefined,
      u: r.creator.id,
      n: r.creator.name ?? undefined,
      e: r.creator.email,
      m: r.metadata ?? undefined,
    })),
  );
  const src = sql`
    src as (
      select l as line, c as content, k as category, u as creator_id, n as creator_name, e as creator_email, m as metadata
      from json_to_recordset(${payload}::json) as x(l int, c text, k text, u text, n text, e text, m jsonb)
    ),
    firsts as (
      select distinct on (content) * from src order by content, line
    ),
    fresh as (
      -- A scalar sub-select with LIMIT, not NOT EXISTS: it stays a per-row lookup on the content
      -- hash index, where an anti-join (or a BitmapAnd with the project index) planned on stale
      -- statistics would scan the whole project for every row.
      select f.* from firsts f
      where (
        select 1 from public.data_records d
        -- coalesce(): not indexable, so the planner cannot AND in a scan of the whole project
        where d.content = f.content and coalesce(d."projectId", '') = ${job.projectId} and d.type = ${job.type}::public."RecordType"
        limit 1
      ) is null
    )`;
  const result = insert
    ? await tx.execute(sql`
        with ${src},
        ins as (
          insert into public.data_records
            ("projectId", type, category, source, content, metadata, "createdById", "createdByName", "createdByEmail", "ingestJobId")
          select ${job.projectId}, ${job.type}::public."RecordType", category::public."RecordCategory", ${job.source}, content, metadata,
                 creator_id, creator_name, creator_email, ${job.jobId}
          from fresh order by line
          returning 1
        )
        select line from src where line not in (select line from fresh)`)
    : await tx.execute(sql`with ${src} select line from src where line not in (select line from fresh)`);
  return new Set((result as unknown as { line: number }[]).map((r) => Number(r.line)));
}

/**
 * Starts a batch's transaction: index plans only, and the job's status (null: no job, a dry run).
 * The table grows faster than autovacuum analyses it: with stale statistics the planner takes a
 * growing table for an empty one and scans it for every row's duplicate check. The indexes are
 * always the right plan for the batch's statements (a lookup per row), so say so for the
 * transaction; in the same round trip as the status.
 */
async function startBatch(tx: Tx, jobId: string | null): Promise<string | null> {
  const rows = (await tx.execute(sql`
    select set_config('enable_seqscan', 'off', true) as _, (select status from public.ingest_jobs where id = ${jobId}) as status`)) as unknown as JobStatusRow[];
  return rows[0]?.status ?? null;
}

/** Settles a batch in a transaction begun by startBatch. */
async function settleBatch(
  tx: Tx,
  checker: RowChecker,
  creators: CreatorResolver,
  job: { projectId: string; type: RecordType; source: string; jobId: string | null },
  batch: (GoodRow | Problem)[],
  opts: { insert: boolean; stopAtFirst: boolean },
): Promise<BatchResult> {
  await creators.resolve(tx, batch.map((r) => ("content" in r ? r.creatorKey : null)));
  const problems: Problem[] = [];
  const good: (GoodRow & { creator: Creator })[] = [];
  for (const r of batch) {
    if (!("content" in r)) {
      problems.push(r);
      continue;
    }
    const creator = creators.get(r.creatorKey);
    if (!creator) {
      problems.push(checker.problemFor(r, "unknown_creator", `No account you can see has the id or email "${r.creatorKey}".`));
      continue;
    }
    good.push({ ...r, creator });
  }

  if (!opts.stopAtFirst) {
    const dups = await insertOrFindDuplicates(tx, job, good, opts.insert);
    for (const r of good) if (dups.has(r.line)) problems.push(checker.problemFor(r, "duplicate", "The project already has a record with this content and type."));
    problems.sort((a, b) => a.line - b.line);
    return { saved: opts.insert ? good.length - dups.size : 0, problems, stopAt: null };
  }

  // Stop at the first problem: find duplicates first (no writes), then save only the rows before it.
  const dups = await insertOrFindDuplicates(tx, job, good, false);
  for (const r of good) if (dups.has(r.line)) problems.push(checker.problemFor(r, "duplicate", "The project already has a record with this content and type."));
  problems.sort((a, b) => a.line - b.line);
  const stopAt = problems[0] ?? null;
  const before = stopAt ? good.filter((r) => r.line < stopAt.line) : good;
  if (opts.insert && before.length) await insertOrFindDuplicates(tx, job, before, true);
  return { saved: opts.insert ? before.length : 0, problems: stopAt ? [stopAt] : [], stopAt };
}

// ---------------------------------------------------------------------------------------------
// The job
// ---------------------------------------------------------------------------------------------
export type IngestJobInput = {
  runAs: RunAsViewer;
  jobId: string;
  projectId: string;
  type: RecordType;
  /** data_records.source, e.g. "csv:tasks.csv". */
  source: string;
  /** null: guessed from the header (guessMapping). */
  mapping: ColumnMapping | null;
  onError: "skip" | "stop";
  uploader: Uploader;
  /** A fresh byte stream of the uploaded file. */
  open: () => Readable;
  /** Line count of the file, for totalRecords while the job runs (the exact count is set at the end). */
  estimatedLines?: number;
  batchSize?: number;
  /** Resolves the embedding provider; default: from system_settings (embeddingProviderFor). */
  embeddingProvider?: (settings: AiSettings) => EmbeddingProvider | null;
};

export type IngestOutcome = {
  status: "COMPLETED" | "FAILED" | "CANCELLED";
  rows: number;
  saved: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  error: string | null;
  vectorizationPending: boolean;
};

type JobStatusRow = { status: string };

/** The job's status, its row taken until the transaction ends (a cancel waits for it). */
async function lockJobStatus(tx: Tx, jobId: string): Promise<string | null> {
  const rows = (await tx.execute(sql`select status from public.ingest_jobs where id = ${jobId} for no key update`)) as unknown as JobStatusRow[];
  return rows[0]?.status ?? null;
}

/** A batch that must not commit: the job was cancelled, or the batch before it did not commit. */
class BatchAbandoned extends Error {}

/** A batch being written: resolves true once committed (false: abandoned or stopped). */
type InFlight = { done: Promise<boolean>; contents: Set<string> };

/** Ends the job unless it was cancelled meanwhile (a cancel always wins). */
async function finishJob(runAs: RunAsViewer, jobId: string, from: string[], to: string, fields: { error?: string | null; totalRecords?: number }) {
  return runAs(async (tx) => {
    const rows = await tx.execute(sql`
      update public.ingest_jobs
      set status = ${to},
          error = coalesce(${fields.error ?? null}, error),
          "totalRecords" = coalesce(${fields.totalRecords ?? null}::int, "totalRecords")
      where id = ${jobId} and status in (select json_array_elements_text(${JSON.stringify(from)}::json))
      returning id`);
    return (rows as unknown[]).length > 0;
  });
}

export async function runIngestJob(input: IngestJobInput): Promise<IngestOutcome> {
  const { runAs, jobId } = input;
  const batchSize = input.batchSize ?? BATCH_SIZE;
  const job = { projectId: input.projectId, type: input.type, source: input.source, jobId };
  const byReason: Record<string, number> = {};
  let saved = 0;
  let skipped = 0;
  let stored = 0;
  let rows = 0;
  const outcome = (status: IngestOutcome["status"], error: string | null, vectorizationPending = false): IngestOutcome => ({
    status,
    rows,
    saved,
    skipped,
    skippedByReason: { ...byReason },
    error,
    vectorizationPending,
  });

  // PENDING -> PROCESSING (a job cancelled before it started stays CANCELLED).
  const started = await runAs(async (tx) => {
    const r = await tx.execute(sql`
      update public.ingest_jobs set status = 'PROCESSING', "totalRecords" = ${Math.max(0, (input.estimatedLines ?? 1) - 1)}
      where id = ${jobId} and status = 'PENDING' returning id`);
    return (r as unknown[]).length > 0;
  });
  if (!started) return outcome("CANCELLED", null);

  const uploader: Creator = { id: input.uploader.id, email: input.uploader.email, name: null };
  const creators = new CreatorResolver(uploader);
  let checker: RowChecker | null = null;
  let cancelled = false;
  let stoppedBy: Problem | null = null;

  // A batch ends by adding its counts to the job row if the job is still PROCESSING (a cancel
  // that committed meanwhile rolls it back whole). Batches commit in file order: each waits for
  // the one before it to commit before it touches the row.
  const flush = async (batch: (GoodRow | Problem)[], prev: InFlight | null): Promise<boolean> => {
    const res = await runAs(async (tx) => {
      if ((await startBatch(tx, jobId)) !== "PROCESSING") return null;
      // Rows whose content the batch still in flight also has: its rows are invisible here until
      // it commits, so their duplicate check (and insert) waits until then.
      const now: (GoodRow | Problem)[] = [];
      const later: (GoodRow | Problem)[] = [];
      for (const r of batch) ("content" in r && prev?.contents.has(r.content) ? later : now).push(r);
      const opts = { insert: true, stopAtFirst: input.onError === "stop" };
      const r = await settleBatch(tx, checker!, creators, job, now, opts);
      if (prev && !(await prev.done)) throw new BatchAbandoned();
      if (later.length) {
        // READ COMMITTED: this statement's snapshot sees the batch before, committed.
        const r2 = await settleBatch(tx, checker!, creators, job, later, opts);
        r.saved += r2.saved;
        r.problems = [...r.problems, ...r2.problems].sort((a, b) => a.line - b.line);
      }
      const toStore = r.problems.slice(0, Math.max(0, MAX_STORED_SKIPPED - stored));
      if (toStore.length) {
        await tx.execute(sql`
          insert into public.ingest_skipped_rows ("jobId", line, reason, message, "row")
          select ${jobId}, line, reason, message, "row"
          from json_to_recordset(${JSON.stringify(toStore)}::json) as x(line int, reason text, message text, "row" jsonb)`);
      }
      const counted = input.onError === "stop" ? [] : r.problems;
      const nextByReason = { ...byReason };
      for (const p of counted) nextByReason[p.reason] = (nextByReason[p.reason] ?? 0) + 1;
      // Takes the job row (FOR NO KEY UPDATE, which the FOR KEY SHARE locks of the records' foreign
      // key checks in the other batch do not block) only if the job is still PROCESSING: a cancel
      // that committed meanwhile rolls this batch back whole; a later cancel waits for its commit.
      const updated = await tx.execute(sql`
        update public.ingest_jobs
        set "savedCount" = "savedCount" + ${r.saved},
            "skippedCount" = "skippedCount" + ${counted.length},
            "skippedDetails" = ${Object.keys(nextByReason).length ? JSON.stringify(nextByReason) : null}::jsonb,
            "totalRecords" = greatest("totalRecords", ${rows})
        where id = ${jobId} and status = 'PROCESSING'
        returning id`);
      if ((updated as unknown[]).length === 0) throw new BatchAbandoned();
      return { r, nextByReason, storedNow: toStore.length, counted: counted.length };
    }).catch((err) => {
      if (err instanceof BatchAbandoned) return null;
      throw err;
    });
    if (!res) {
      cancelled = true;
      return false;
    }
    saved += res.r.saved;
    skipped += res.counted;
    stored += res.storedNow;
    Object.assign(byReason, res.nextByReason);
    if (res.r.stopAt) stoppedBy = res.r.stopAt;
    return !stoppedBy;
  };

  // Two batches in flight (one Postgres backend each, while this process parses the next): the
  // inserts run in parallel, the commits in order. Stopping at the first bad row needs each batch
  // settled before the next starts, so that mode keeps one.
  const maxInFlight = input.onError === "stop" ? 1 : MAX_BATCHES_IN_FLIGHT;
  const inflight: InFlight[] = [];
  const settleAll = () => Promise.allSettled(inflight.map((f) => f.done));
  let batch: (GoodRow | Problem)[] = [];
  const send = () => {
    const prev = inflight.at(-1) ?? null;
    const contents = new Set<string>();
    for (const r of batch) if ("content" in r) contents.add(r.content);
    const done = flush(batch, prev);
    // A rejection is handled where the batch is awaited; never an unhandled one meanwhile.
    done.catch(() => undefined);
    inflight.push({ done, contents });
    batch = [];
  };
  try {
    for await (const rec of readCsv(input.open())) {
      if (!checker) {
        checker = new RowChecker(rec.fields, input.mapping ?? guessMapping(rec.fields));
        continue;
      }
      rows++;
      batch.push(checker.check(rec));
      if (batch.length >= batchSize) {
        while (inflight.length >= maxInFlight) await inflight.shift()!.done;
        if (cancelled || stoppedBy) break;
        send();
      }
    }
    while (inflight.length) await inflight.shift()!.done;
    if (!checker) throw new IngestFileError("Line 1: the file is empty (no header row).", 1);
    if (!cancelled && !stoppedBy && batch.length) {
      send();
      await inflight.shift()!.done;
    }
  } catch (err) {
    await settleAll();
    const message = err instanceof IngestFileError ? err.message : `The import stopped: ${(err as Error).message}`;
    await finishJob(runAs, jobId, ["PROCESSING"], "FAILED", { error: message });
    if (!(err instanceof IngestFileError)) console.error("ingest job failed", jobId, err);
    return outcome("FAILED", message);
  }

  if (cancelled) return outcome("CANCELLED", null);
  if (stoppedBy) {
    const p = stoppedBy as Problem;
    const message = `Line ${p.line}: ${SKIP_REASON_LABELS[p.reason] ?? p.reason}. ${p.message} Stopped at the first bad row; the ${formatInt(saved)} rows before it were saved.`;
    await finishJob(runAs, jobId, ["PROCESSING"], "FAILED", { error: message, totalRecords: rows });
    return outcome("FAILED", message);
  }

  // PROCESSING -> QUEUED_FOR_VEC -> (VECTORIZING ->) COMPLETED
  if (!(await finishJob(runAs, jobId, ["PROCESSING"], "QUEUED_FOR_VEC", { totalRecords: rows }))) return outcome("CANCELLED", null);
  const settings = await runAs((tx) => readAiSettings(tx));
  const provider = (input.embeddingProvider ?? embeddingProviderFor)(settings);
  let pending = saved > 0;
  if (provider && saved > 0 && (await provider.available())) {
    if (!(await finishJob(runAs, jobId, ["QUEUED_FOR_VEC"], "VECTORIZING", {}))) return outcome("CANCELLED", null);
    try {
      pending = !(await vectorizeJob(runAs, jobId, provider));
    } catch (err) {
      console.error("vectorization failed; records keep [] (pending)", jobId, err);
      pending = true;
    }
  }
  if (!(await finishJob(runAs, jobId, ["QUEUED_FOR_VEC", "VECTORIZING"], "COMPLETED", {}))) return outcome("CANCELLED", null);
  return outcome("COMPLETED", null, pending);
}

/** Fills the embeddings of the job's records; false when cancelled before the end. */
async function vectorizeJob(runAs: RunAsViewer, jobId: string, provider: EmbeddingProvider): Promise<boolean> {
  for (;;) {
    const done = await runAs(async (tx) => {
      if ((await lockJobStatus(tx, jobId)) !== "VECTORIZING") return "cancelled" as const;
      const rows = (await tx.execute(sql`
        select id, content from public.data_records
        where "ingestJobId" = ${jobId} and embedding = '{}' order by id limit 64`)) as unknown as { id: string; content: string }[];
      if (rows.length === 0) return "done" as const;
      const vectors = await provider.embed(rows.map((r) => r.content));
      await tx.execute(sql`
        update public.data_records d set embedding = v.embedding
        from json_to_recordset(${JSON.stringify(rows.map((r, i) => ({ id: r.id, embedding: vectors[i] })))}::json)
          as v(id text, embedding double precision[])
        where d.id = v.id`);
      return "more" as const;
    });
    if (done === "cancelled") return false;
    if (done === "done") return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Dry run: the same reading and checks, no writes
// ---------------------------------------------------------------------------------------------
export type DryRunReport = {
  ok: boolean;
  header: string[];
  mapping: ColumnMapping | null;
  rows: number;
  valid: number;
  problemCount: number;
  byReason: Record<string, number>;
  /** The first MAX_DRY_RUN_PROBLEMS problems, by line. */
  problems: { line: number; reason: string; message: string }[];
  /** A malformed file: the message names the line. */
  fatal: string | null;
};

export async function dryRunIngest(input: {
  runAs: RunAsViewer;
  projectId: string;
  type: RecordType;
  mapping: ColumnMapping | null;
  uploader: Uploader;
  open: () => Readable;
  batchSize?: number;
}): Promise<DryRunReport> {
  const batchSize = input.batchSize ?? BATCH_SIZE;
  const report: DryRunReport = { ok: true, header: [], mapping: null, rows: 0, valid: 0, problemCount: 0, byReason: {}, problems: [], fatal: null };
  const creators = new CreatorResolver({ id: input.uploader.id, email: input.uploader.email, name: null });
  const job = { projectId: input.projectId, type: input.type, source: "dry-run", jobId: null };
  // Duplicates across batches of the file: hashes of the contents seen so far (16 hex chars each).
  const seen = new Set<string>();
  const { createHash } = await import("node:crypto");
  let checker: RowChecker | null = null;
  let batch: (GoodRow | Problem)[] = [];
  const note = (p: Problem) => {
    report.problemCount++;
    report.byReason[p.reason] = (report.byReason[p.reason] ?? 0) + 1;
    if (report.problems.length < MAX_DRY_RUN_PROBLEMS) report.problems.push({ line: p.line, reason: p.reason, message: p.message });
  };
  const flush = async () => {
    const b = batch;
    batch = [];
    const r = await input.runAs(async (tx) => {
      await startBatch(tx, null);
      return settleBatch(tx, checker!, creators, job, b, { insert: false, stopAtFirst: false });
    });
    const bad = new Set(r.problems.map((p) => p.line));
    for (const p of r.problems) note(p);
    for (const row of b) {
      if (!("content" in row) || bad.has(row.line)) continue;
      const h = createHash("md5").update(row.content).digest("hex").slice(0, 16);
      if (seen.has(h)) note(checker!.problemFor(row, "duplicate", "An earlier line of this file has the same content."));
      else {
        if (seen.size < 5_000_000) seen.add(h);
        report.valid++;
      }
    }
  };
  try {
    for await (const rec of readCsv(input.open())) {
      if (!checker) {
        report.header = rec.fields.map((h) => h.trim());
        report.mapping = input.mapping ?? guessMapping(rec.fields);
        checker = new RowChecker(rec.fields, report.mapping);
        continue;
      }
      report.rows++;
      batch.push(checker.check(rec));
      if (batch.length >= batchSize) await flush();
    }
    if (!checker) throw new IngestFileError("Line 1: the file is empty (no header row).", 1);
    if (batch.length) await flush();
  } catch (err) {
    if (!(err instanceof IngestFileError)) throw err;
    report.fatal = err.message;
  }
  report.problems.sort((a, b) => a.line - b.line);
  report.ok = !report.fatal && report.problemCount === 0;
  return report;
}
