/** URL state of the sessions, directives and contexts lists (read-only pages). */
import { z } from "zod";
import { createTableSearchParams, listParam } from "./data-table";

export const SESSION_STATUSES = ["active", "paused", "finalized", "error"] as const;
export const SESSION_SOURCES = ["prompt", "code"] as const;
export const sessionsTableParams = createTableSearchParams({
  sortKeys: ["created"] as const,
  defaultSort: { key: "created", dir: "desc" },
  columns: ["status", "source", "revisions", "drafts", "holes", "cost", "tokens", "duration", "created"] as const,
  filters: { status: listParam(z.enum(SESSION_STATUSES)), source: listParam(z.enum(SESSION_SOURCES)) },
});
export type SessionsTableQuery = z.infer<typeof sessionsTableParams>;

export const directivesTableParams = createTableSearchParams({
  sortKeys: ["name", "downloads", "quality", "updated"] as const,
  defaultSort: { key: "downloads", dir: "desc" },
  columns: ["category", "official", "downloads", "quality", "stack", "latest"] as const,
  filters: { category: listParam(z.string().trim().min(1).max(100)), official: listParam(z.enum(["yes", "no"])) },
});
export type DirectivesTableQuery = z.infer<typeof directivesTableParams>;

export const CONTEXT_STATUSES = ["setup", "active", "completed"] as const;
export const contextsTableParams = createTableSearchParams({
  sortKeys: ["updated"] as const,
  defaultSort: { key: "updated", dir: "desc" },
  columns: ["status", "template", "messages", "actions", "previews", "created", "updated"] as const,
  filters: { status: listParam(z.enum(CONTEXT_STATUSES)) },
});
export type ContextsTableQuery = z.infer<typeof contextsTableParams>;

const semverish = z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+(-[a-zA-Z0-9.-]+)?(\+[a-zA-Z0-9.-]+)?$/);
export const directivePageParams = z.object({
  v: semverish.optional().catch(undefined),
  a: semverish.optional().catch(undefined),
  b: semverish.optional().catch(undefined),
});
