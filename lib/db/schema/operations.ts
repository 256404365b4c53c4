/**
 * Seed 004: operations tools (projects, data_records, ingest_jobs, analytics_jobs,
 * bonus_windows, likert_scores). Snake_case plural tables, camelCase columns, text ids.
 * system_settings (also seed 004) lives in admin.ts; the enums in profiles.ts.
 */
import { sql } from "drizzle-orm";
import { boolean, doublePrecision, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";
import { profiles, recordCategory, recordType } from "./profiles";

export const projects = pgTable("projects", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  name: text("name").notNull(), // SQL: unique
  ownerId: uuid("ownerId").references(() => profiles.id, { onDelete: "cascade" }),
  guidelines: text("guidelines"),
  guidelinesFileName: text("guidelinesFileName"),
  lastTaskAnalysis: text("lastTaskAnalysis"),
  lastFeedbackAnalysis: text("lastFeedbackAnalysis"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export const ingestJobs = pgTable("ingest_jobs", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  projectId: text("projectId").notNull().references(() => projects.id, { onDelete: "cascade" }),
  type: recordType("type").notNull(),
  status: text("status", {
    enum: ["PENDING", "PROCESSING", "QUEUED_FOR_VEC", "VECTORIZING", "COMPLETED", "FAILED", "CANCELLED"],
  })
    .notNull()
    .default("PENDING"),
  totalRecords: integer("totalRecords").notNull().default(0),
  savedCount: integer("savedCount").notNull().default(0),
  skippedCount: integer("skippedCount").notNull().default(0),
  skippedDetails: jsonb("skippedDetails"),
  error: text("error"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export const dataRecords = pgTable("data_records", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  projectId: text("projectId").notNull().references(() => projects.id, { onDelete: "cascade" }),
  type: recordType("type").notNull(),
  category: recordCategory("category"),
  source: text("source").notNull(),
  content: text("content").notNull(),
  metadata: jsonb("metadata"),
  embedding: doublePrecision("embedding").array().notNull().default(sql`'{}'`),
  alignmentAnalysis: text("alignmentAnalysis"),
  hasBeenReviewed: boolean("hasBeenReviewed").notNull().default(false),
  isCategoryCorrect: boolean("isCategoryCorrect"),
  reviewedBy: text("reviewedBy"),
  createdById: text("createdById"),
  createdByName: text("createdByName"),
  createdByEmail: text("createdByEmail"),
  ingestJobId: text("ingestJobId").references(() => ingestJobs.id, { onDelete: "set null" }),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export const analyticsJobs = pgTable("analytics_jobs", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  projectId: text("projectId").notNull().references(() => projects.id, { onDelete: "cascade" }),
  status: text("status", { enum: ["PENDING", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED"] })
    .notNull()
    .default("PENDING"),
  totalRecords: integer("totalRecords").notNull().default(0),
  processedCount: integer("processedCount").notNull().default(0),
  error: text("error"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

// SQL checks: every target >= 0, "endTime" > "startTime".
export const bonusWindows = pgTable("bonus_windows", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().default("Bonus Window"),
  startTime: timestamptz("startTime").notNull(),
  endTime: timestamptz("endTime").notNull(),
  targetTaskCount: integer("targetTaskCount").notNull().default(0),
  targetFeedbackCount: integer("targetFeedbackCount").notNull().default(0),
  targetTaskCountTier2: integer("targetTaskCountTier2").notNull().default(0),
  targetFeedbackCountTier2: integer("targetFeedbackCountTier2").notNull().default(0),
  createdBy: uuid("createdBy").notNull(), // no foreign key on purpose: an audit trail, not a link
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

// SQL checks: scores between 1 and 7; unique ("recordId", "userId", "llmModel") nulls not distinct.
export const likertScores = pgTable("likert_scores", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  recordId: text("recordId").notNull().references(() => dataRecords.id, { onDelete: "cascade" }),
  userId: text("userId").notNull(), // a profile id as text, or the all-zero uuid for an LLM rating
  realismScore: integer("realismScore").notNull(),
  qualityScore: integer("qualityScore").notNull(),
  llmModel: text("llmModel"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

// Issue 8: the rows an ingest job skipped, with their line and reason (downloadable as CSV).
export const ingestSkippedRows = pgTable("ingest_skipped_rows", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  jobId: text("jobId").notNull().references(() => ingestJobs.id, { onDelete: "cascade" }),
  line: integer("line").notNull(),
  reason: text("reason").notNull(),
  message: text("message"),
  row: jsonb("row"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
}).enableRLS();

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type IngestJob = typeof ingestJobs.$inferSelect;
export type NewIngestJob = typeof ingestJobs.$inferInsert;
export type DataRecord = typeof dataRecords.$inferSelect;
export type NewDataRecord = typeof dataRecords.$inferInsert;
export type AnalyticsJob = typeof analyticsJobs.$inferSelect;
export type NewAnalyticsJob = typeof analyticsJobs.$inferInsert;
export type BonusWindow = typeof bonusWindows.$inferSelect;
export type NewBonusWindow = typeof bonusWindows.$inferInsert;
export type LikertScore = typeof likertScores.$inferSelect;
export type NewLikertScore = typeof likertScores.$inferInsert;
