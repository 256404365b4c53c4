/**
 * Seed 003: code-generation sessions (sessions, session_revisions, session_drafts,
 * hole_resolutions) and the four views of supabase/migrations/20251125000025_sessions.sql.
 * The counters revision_count / draft_count / hole_count are kept by triggers.
 *
 * The views are `security_invoker` in SQL (they obey the caller's RLS); drizzle only reads
 * them (`.existing()`: their definition lives in SQL). The catalog cannot say which view
 * columns are never null, so `.notNull()` on view columns follows the view's SQL: plain
 * columns of a not-null table column, count(*), coalesce(...), group keys.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, integer, jsonb, numeric, pgTable, pgView, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";
import { profiles } from "./profiles";

const SESSION_STATUS = ["active", "paused", "finalized", "error"] as const;
const SESSION_SOURCE = ["prompt", "code"] as const;
const REVISION_SOURCE = ["initial", "refinement", "repair", "user_edit"] as const;
const DRAFT_SOURCE = ["initial_generation", "ast_repair", "llm_regeneration", "user_edit"] as const;
const HOLE_TYPE = ["type", "parameter", "return_value", "validation", "entity", "constraint", "other"] as const;
const RESOLUTION_METHOD = ["user_selection", "ai_suggestion", "inference", "default"] as const;

export const sessions = pgTable("sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
  status: text("status", { enum: SESSION_STATUS }).notNull().default("active"),
  source: text("source", { enum: SESSION_SOURCE }).notNull().default("prompt"),
  originalInput: text("original_input").notNull(), // SQL: length > 0
  currentIr: jsonb("current_ir"),
  currentCode: text("current_code"),
  revisionCount: integer("revision_count").notNull().default(0),
  draftCount: integer("draft_count").notNull().default(0),
  holeCount: integer("hole_count").notNull().default(0),
  metadata: jsonb("metadata").default({}), // nullable in SQL
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  finalizedAt: timestamptz("finalized_at"),
}).enableRLS();

export const sessionRevisions = pgTable("session_revisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  sessionId: uuid("session_id").notNull().references(() => sessions.id, { onDelete: "cascade" }),
  revisionNumber: integer("revision_number").notNull(), // SQL: > 0, unique per session
  source: text("source", { enum: REVISION_SOURCE }).notNull(),
  irContent: jsonb("ir_content").notNull(),
  validationResult: jsonb("validation_result"),
  changedFields: text("changed_fields").array().default(sql`array[]::text[]`), // nullable in SQL
  changeSummary: text("change_summary"),
  metadata: jsonb("metadata").default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export const sessionDrafts = pgTable("session_drafts", {
  id: uuid("id").primaryKey().defaultRandom(),
  sessionId: uuid("session_id").notNull().references(() => sessions.id, { onDelete: "cascade" }),
  irRevisionId: uuid("ir_revision_id").references(() => sessionRevisions.id, { onDelete: "set null" }),
  draftNumber: integer("draft_number").notNull(), // SQL: > 0, unique per session
  source: text("source", { enum: DRAFT_SOURCE }).notNull(),
  codeContent: text("code_content").notNull(), // SQL: length > 0
  language: text("language").notNull().default("python"),
  syntaxValid: boolean("syntax_valid").notNull().default(false),
  astValid: boolean("ast_valid").notNull().default(false),
  validationErrors: jsonb("validation_errors").default([]),
  generationTimeMs: integer("generation_time_ms"),
  validationTimeMs: integer("validation_time_ms"),
  llmTokensUsed: integer("llm_tokens_used"),
  llmCostUsd: numeric("llm_cost_usd", { precision: 10, scale: 6 }),
  metadata: jsonb("metadata").default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export const holeResolutions = pgTable("hole_resolutions", {
  id: uuid("id").primaryKey().defaultRandom(),
  sessionId: uuid("session_id").notNull().references(() => sessions.id, { onDelete: "cascade" }),
  irRevisionId: uuid("ir_revision_id").references(() => sessionRevisions.id, { onDelete: "set null" }),
  holeId: text("hole_id").notNull(),
  holeType: text("hole_type", { enum: HOLE_TYPE }).notNull(),
  resolutionMethod: text("resolution_method", { enum: RESOLUTION_METHOD }).notNull(),
  resolvedValue: jsonb("resolved_value").notNull(),
  confidenceScore: numeric("confidence_score", { precision: 3, scale: 2 }), // SQL: between 0 and 1
  originalHoleData: jsonb("original_hole_data"),
  suggestionsProvided: jsonb("suggestions_provided").default([]),
  userFeedback: text("user_feedback"),
  metadata: jsonb("metadata").default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
export type SessionRevision = typeof sessionRevisions.$inferSelect;
export type NewSessionRevision = typeof sessionRevisions.$inferInsert;
export type SessionDraft = typeof sessionDrafts.$inferSelect;
export type NewSessionDraft = typeof sessionDrafts.$inferInsert;
export type HoleResolution = typeof holeResolutions.$inferSelect;
export type NewHoleResolution = typeof holeResolutions.$inferInsert;

// ---------------------------------------------------------------------------------------
// Views (read-only). bigint columns are counts and sums of int4 columns: mode "number".
// ---------------------------------------------------------------------------------------

export const sessionSummary = pgView("session_summary", {
  id: uuid("id").notNull(),
  userId: uuid("user_id").notNull(),
  status: text("status", { enum: SESSION_STATUS }).notNull(),
  source: text("source", { enum: SESSION_SOURCE }).notNull(),
  originalInput: text("original_input").notNull(),
  currentIr: jsonb("current_ir"),
  currentCode: text("current_code"),
  revisionCount: integer("revision_count").notNull(),
  draftCount: integer("draft_count").notNull(),
  holeCount: integer("hole_count").notNull(),
  metadata: jsonb("metadata"),
  createdAt: timestamptz("created_at").notNull(),
  updatedAt: timestamptz("updated_at").notNull(),
  finalizedAt: timestamptz("finalized_at"),
  latestRevisionNumber: integer("latest_revision_number"),
  latestDraftNumber: integer("latest_draft_number"),
  latestDraftValid: boolean("latest_draft_valid"),
  totalGenerationTimeMs: bigint("total_generation_time_ms", { mode: "number" }).notNull(),
  totalLlmCostUsd: numeric("total_llm_cost_usd", { precision: 12, scale: 6 }).notNull(),
  totalLlmTokensUsed: bigint("total_llm_tokens_used", { mode: "number" }).notNull(),
  sessionDurationSeconds: numeric("session_duration_seconds").notNull(),
  timeToFinalizationSeconds: numeric("time_to_finalization_seconds"),
}).existing();

export const userAnalytics = pgView("user_analytics", {
  userId: uuid("user_id").notNull(),
  totalSessions: bigint("total_sessions", { mode: "number" }).notNull(),
  finalizedSessions: bigint("finalized_sessions", { mode: "number" }).notNull(),
  activeSessions: bigint("active_sessions", { mode: "number" }).notNull(),
  errorSessions: bigint("error_sessions", { mode: "number" }).notNull(),
  totalRevisions: bigint("total_revisions", { mode: "number" }).notNull(),
  totalDrafts: bigint("total_drafts", { mode: "number" }).notNull(),
  avgRevisionsPerSession: numeric("avg_revisions_per_session").notNull(),
  avgDraftsPerSession: numeric("avg_drafts_per_session").notNull(),
  firstSessionAt: timestamptz("first_session_at").notNull(),
  lastSessionAt: timestamptz("last_session_at").notNull(),
  totalLlmCostUsd: numeric("total_llm_cost_usd", { precision: 12, scale: 6 }).notNull(),
  totalLlmTokensUsed: bigint("total_llm_tokens_used", { mode: "number" }).notNull(),
  avgTimeToFinalizationSeconds: numeric("avg_time_to_finalization_seconds"),
}).existing();

export const recentActivity = pgView("recent_activity", {
  eventType: text("event_type", {
    enum: ["session_created", "revision_created", "draft_created", "hole_resolved"],
  }).notNull(),
  sessionId: uuid("session_id").notNull(),
  userId: uuid("user_id").notNull(),
  revisionId: uuid("revision_id"),
  draftId: uuid("draft_id"),
  resolutionId: uuid("resolution_id"),
  eventTime: timestamptz("event_time").notNull(),
  eventData: jsonb("event_data").notNull(),
}).existing();

export const draftValidationStats = pgView("draft_validation_stats", {
  sessionId: uuid("session_id").notNull(),
  userId: uuid("user_id").notNull(),
  totalDrafts: bigint("total_drafts", { mode: "number" }).notNull(),
  syntaxValidCount: bigint("syntax_valid_count", { mode: "number" }).notNull(),
  astValidCount: bigint("ast_valid_count", { mode: "number" }).notNull(),
  fullyValidCount: bigint("fully_valid_count", { mode: "number" }).notNull(),
  syntaxValidPercent: numeric("syntax_valid_percent").notNull(),
  astValidPercent: numeric("ast_valid_percent").notNull(),
  fullyValidPercent: numeric("fully_valid_percent").notNull(),
  avgGenerationTimeMs: numeric("avg_generation_time_ms"),
  avgValidationTimeMs: numeric("avg_validation_time_ms"),
  totalLlmCostUsd: numeric("total_llm_cost_usd", { precision: 12, scale: 6 }).notNull(),
}).existing();

export type SessionSummary = typeof sessionSummary.$inferSelect;
export type UserAnalytics = typeof userAnalytics.$inferSelect;
export type RecentActivity = typeof recentActivity.$inferSelect;
export type DraftValidationStats = typeof draftValidationStats.$inferSelect;
