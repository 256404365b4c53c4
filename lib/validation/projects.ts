/**
 * Schemas and labels for /projects, the ingest and the Likert scores (seed 004). Shared by the
 * forms, the actions, the route handlers and URL parsing; nothing server-only here.
 */
import { z } from "zod";
import { createTableSearchParams, listParam } from "./data-table";

export const RECORD_TYPES = ["TASK", "FEEDBACK"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const RECORD_TYPE_LABELS: Record<RecordType, string> = { TASK: "Task", FEEDBACK: "Feedback" };

export const RECORD_CATEGORIES = ["TOP_10", "BOTTOM_10"] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<RecordCategory | "NONE", string> = { TOP_10: "Top 10", BOTTOM_10: "Bottom 10", NONE: "Uncategorised" };

/** The all-zero user id: a Likert score given by an LLM (seed 004). */
export const LLM_USER_ID = "00000000-0000-0000-0000-000000000000";

/** 7-point scales with their labels; people pick a label, never a bare number. */
export const REALISM_LABELS = [
  "Very unrealistic",
  "Unrealistic",
  "Somewhat unrealistic",
  "Neither",
  "Somewhat realistic",
  "Realistic",
  "Very realistic",
] as const;
export const QUALITY_LABELS = ["Very poor", "Poor", "Below average", "Average", "Above average", "Good", "Excellent"] as const;

export function scaleLabel(scale: "realism" | "quality", score: number | null | undefined): string {
  if (score == null || !Number.isFinite(score)) return "—";
  const labels = scale === "realism" ? REALISM_LABELS : QUALITY_LABELS;
  return labels[Math.min(7, Math.max(1, Math.round(score))) - 1];
}

// ---------------------------------------------------------------------------------------------
// Ingest
// ---------------------------------------------------------------------------------------------
export const INGEST_STATUSES = ["PENDING", "PROCESSING", "QUEUED_FOR_VEC", "VECTORIZING", "COMPLETED", "FAILED", "CANCELLED"] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];
export const ACTIVE_INGEST_STATUSES: readonly IngestStatus[] = ["PENDING", "PROCESSING", "QUEUED_FOR_VEC", "VECTORIZING"];
export const INGEST_STATUS_LABELS: Record<IngestStatus, string> = {
  PENDING: "Pending",
  PROCESSING: "Processing",
  QUEUED_FOR_VEC: "Queued for vectorization",
  VECTORIZING: "Vectorizing",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/** Why a row was skipped: the keys of ingest_jobs."skippedDetails" and ingest_skipped_rows.reason. */
export const SKIP_REASONS = ["duplicate", "empty_content", "invalid_category", "unknown_creator", "content_too_long"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export const SKIP_REASON_LABELS: Record<string, string> = {
  duplicate: "Duplicate",
  empty_content: "Empty content",
  invalid_category: "Bad category",
  unknown_creator: "Unknown creator",
  content_too_long: "Content too long",
};

export const MAX_CONTENT_LENGTH = 100_000;
/** The largest file the upload accepts. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Upload chunk size: below the 10 MB body buffer of Next's middleware, so any file size works. */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

const columnName = z.string().trim().min(1).max(200);
export const columnMapping = z.object({
  content: columnName,
  category: columnName.nullable().default(null),
  creator: columnName.nullable().default(null),
});
export type ColumnMapping = z.infer<typeof columnMapping>;

const CONTENT_GUESSES = ["content", "text", "task", "feedback", "prompt", "body", "message"];

/** The mapping a header suggests: a column named content (or text, task, ...), category and creator. */
export function guessMapping(header: string[]): ColumnMapping {
  const lower = header.map((h) => h.trim().toLowerCase());
  const find = (names: string[]) => {
    for (const n of names) {
      const i = lower.indexOf(n);
      if (i >= 0) return header[i].trim();
    }
    return null;
  };
  return {
    content: find(CONTENT_GUESSES) ?? "content",
    category: find(["category", "bucket", "rank"]),
    creator: find(["creator", "created_by", "createdby", "author", "email", "user"]),
  };
}

export const ingestOptions = z.object({
  projectId: z.string().trim().min(1).max(100),
  uploadId: z.uuid({ message: "Upload the file first." }),
  fileName: z.string().trim().min(1).max(255),
  type: z.enum(RECORD_TYPES, { message: "Choose tasks or feedback." }),
  onError: z.enum(["skip", "stop"], { message: "Choose what to do with bad rows." }),
  mapping: columnMapping,
});
export type IngestOptionsInput = z.infer<typeof ingestOptions>;

export const cancelIngestInput = z.object({ jobId: z.string().trim().min(1).max(100) });

// ---------------------------------------------------------------------------------------------
// Records table (URL state) and record actions
// ---------------------------------------------------------------------------------------------
export const RECORD_SORT_KEYS = ["created"] as const;
export const RECORD_COLUMNS = ["type", "category", "content", "source", "creator", "reviewed", "correct", "realism", "quality", "created"] as const;

export const recordsTableParams = createTableSearchParams({
  sortKeys: RECORD_SORT_KEYS,
  defaultSort: { key: "created", dir: "desc" },
  columns: RECORD_COLUMNS,
  filters: {
    type: listParam(z.enum(RECORD_TYPES)),
    category: listParam(z.enum([...RECORD_CATEGORIES, "NONE"])),
    reviewed: listParam(z.enum(["yes", "no"])),
    creator: listParam(z.string().max(320)),
  },
});
export type RecordsTableQuery = z.output<typeof recordsTableParams>;

const ids = z.array(z.string().trim().min(1).max(100)).min(1, "Select at least one record.").max(500, "Select at most 500 records at a time.");
export const reviewRecordsInput = z.object({
  projectId: z.string().trim().min(1).max(100),
  recordIds: z.preprocess((v) => (typeof v === "string" ? [v] : v), ids),
  reviewed: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
  categoryCorrect: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v === "null" ? null : v), z.boolean().nullable()).optional(),
});

const score = z.coerce.number({ message: "Choose a score." }).int().min(1, "Choose a score from 1 to 7.").max(7, "Choose a score from 1 to 7.");
export const likertInput = z.object({
  recordId: z.string().trim().min(1).max(100),
  realismScore: score,
  qualityScore: score,
});

export const createProjectInput = z.object({
  name: z.string().trim().min(2, "Name the project (at least 2 characters).").max(120, "At most 120 characters."),
});
