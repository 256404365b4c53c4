/**
 * /admin/errors (and a user's own /usage/errors): the URL state of the error table and the inputs
 * of the triage actions. Shared by the page (parsed on the server), the forms and the actions
 * (parsed again on the server).
 */
import { z } from "zod";
import { createTableSearchParams, firstParam, listParam, type RawSearchParams } from "./data-table";

/** Seed 001's error_type and severity values. */
export const ERROR_TYPES = ["auth", "api", "admin", "app", "user", "permission", "system"] as const;
export const SEVERITIES = ["info", "warning", "error", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = {
  info: "Info",
  warning: "Warning",
  error: "Error",
  critical: "Critical",
};
export const ERROR_STATUSES = ["unresolved", "resolved"] as const;

export const ERROR_SORT_KEYS = ["created"] as const;
export const ERROR_COLUMNS = ["severity", "type", "category", "message", "path", "user", "created", "status"] as const;

const fingerprint = z.string().regex(/^[0-9a-f]{32}$/);

export const errorsTableParams = createTableSearchParams({
  sortKeys: ERROR_SORT_KEYS,
  defaultSort: { key: "created", dir: "desc" },
  columns: ERROR_COLUMNS,
  filters: {
    severity: listParam(z.enum(SEVERITIES)),
    type: listParam(z.enum(ERROR_TYPES)),
    category: listParam(z.string().min(1).max(100)),
    status: listParam(z.enum(ERROR_STATUSES)),
    user: z.preprocess(firstParam as (v: unknown) => unknown, z.guid()).nullable().catch(null),
    path: z.preprocess(firstParam as (v: unknown) => unknown, z.string().trim().min(1).max(500)).nullable().catch(null),
    fp: z.preprocess(firstParam as (v: unknown) => unknown, fingerprint).nullable().catch(null),
    view: z.preprocess(firstParam as (v: unknown) => unknown, z.enum(["list", "groups"])).catch("list"),
    error: z.preprocess(firstParam as (v: unknown) => unknown, z.guid()).nullable().catch(null),
  },
});
export type ErrorsTableQuery = z.infer<typeof errorsTableParams>;
/** What selects the rows (every filter, no paging): counts, chart, groups and bulk actions use it. */
export type ErrorFilter = Pick<
  ErrorsTableQuery,
  "q" | "from" | "to" | "severity" | "type" | "category" | "status" | "user" | "path" | "fp"
>;

/** URL parameters that are filters (the Reset button, and what a bulk action re-parses). */
export const ERROR_FILTER_PARAMS = ["q", "from", "to", "severity", "type", "category", "status", "user", "path", "fp"] as const;

export function parseErrorFilter(params: RawSearchParams | URLSearchParams): ErrorFilter {
  const raw: RawSearchParams =
    params instanceof URLSearchParams ? Object.fromEntries([...params.keys()].map((k) => [k, params.getAll(k)])) : params;
  const q = errorsTableParams.parse(raw);
  return {
    q: q.q,
    from: q.from,
    to: q.to,
    severity: q.severity,
    type: q.type,
    category: q.category,
    status: q.status,
    user: q.user,
    path: q.path,
    fp: q.fp,
  };
}

/** Words of a search, for a prefix full-text query ("rate lim" finds "Rate limit exceeded"). */
export function searchTerms(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, 10);
}

// ---------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------
const note = z.string().trim().max(2000, "Keep the note under 2,000 characters");
const ids = z.preprocess(
  (v) => (typeof v === "string" ? [v] : v),
  z.array(z.guid("Unknown error")).min(1, "Select at least one error").max(10_000, "Select at most 10,000 errors, or act on the filter"),
);

/**
 * Which rows a triage action touches: the selected ids, or everything matching the filter (the
 * page's query string, parsed again on the server with the page's own schema).
 */
const target = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("ids"), ids }),
  z.object({ scope: z.literal("filter"), filter: z.string().max(4000) }),
]);

export const resolveErrorsInput = z
  .object({ note, target })
  .superRefine((v, ctx) => {
    // One error may be resolved without a note; a bulk resolve must say why.
    const bulk = v.target.scope === "filter" || v.target.ids.length > 1;
    if (bulk && v.note.length < 3) ctx.addIssue({ code: "custom", path: ["note"], message: "Write a resolution note (at least 3 characters)" });
  });
export type ResolveErrorsInput = z.infer<typeof resolveErrorsInput>;

export const reopenErrorsInput = z.object({ note: note.optional().default(""), target });
export type ReopenErrorsInput = z.infer<typeof reopenErrorsInput>;

export const countErrorsInput = z.object({ filter: z.string().max(4000), action: z.enum(["resolve", "reopen"]) });
