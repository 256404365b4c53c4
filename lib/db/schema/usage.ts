/**
 * Seed 001 analytics tables (usage_logs, rate_limit_tracking, github_repositories).
 * user_id: an auth user id, no foreign key (validate_user_id trigger, handle_auth_user_deletion).
 */
import { bigint, boolean, integer, jsonb, numeric, pgTable, smallint, text, uuid, varchar } from "drizzle-orm/pg-core";
import { chats } from "./chats";
import { timestamptz } from "./columns";

export const usageLogs = pgTable("usage_logs", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  chatId: uuid("chat_id").references(() => chats.id, { onDelete: "set null" }),
  agentType: varchar("agent_type", { length: 50 }).notNull(),
  modelUsed: varchar("model_used", { length: 100 }),
  provider: varchar("provider", { length: 50 }),
  inputTokens: integer("input_tokens"),
  outputTokens: integer("output_tokens"),
  totalTokens: integer("total_tokens"),
  inputCost: numeric("input_cost", { precision: 10, scale: 6 }),
  outputCost: numeric("output_cost", { precision: 10, scale: 6 }),
  totalCost: numeric("total_cost", { precision: 10, scale: 6 }),
  requestTimestamp: timestamptz("request_timestamp").notNull().defaultNow(),
  responseTimestamp: timestamptz("response_timestamp"),
  durationMs: integer("duration_ms"),
  metadata: jsonb("metadata"),
}).enableRLS();

export const rateLimitTracking = pgTable("rate_limit_tracking", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  agentType: varchar("agent_type", { length: 50 }).notNull(),
  periodStart: timestamptz("period_start").notNull(),
  periodEnd: timestamptz("period_end").notNull(),
  requestCount: integer("request_count").notNull().default(0),
  limitType: varchar("limit_type", { length: 20 }).notNull(),
  limitValue: integer("limit_value").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export const githubRepositories = pgTable("github_repositories", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  repoOwner: varchar("repo_owner", { length: 100 }).notNull(),
  repoName: varchar("repo_name", { length: 100 }).notNull(),
  repoUrl: text("repo_url"),
  defaultBranch: varchar("default_branch", { length: 100 }).default("main"), // nullable in SQL
  isActive: boolean("is_active").notNull().default(true),
  lastAccessed: timestamptz("last_accessed"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export type UsageLog = typeof usageLogs.$inferSelect;
export type NewUsageLog = typeof usageLogs.$inferInsert;
export type RateLimitTracking = typeof rateLimitTracking.$inferSelect;
export type NewRateLimitTracking = typeof rateLimitTracking.$inferInsert;
export type GithubRepository = typeof githubRepositories.$inferSelect;
export type NewGithubRepository = typeof githubRepositories.$inferInsert;

// Hourly usage rollup (supabase/migrations/20251125000045_usage.sql): kept in step by statement triggers on usage_logs.
// user_id null rows hold all users' totals for the hour.
export const usageRollupHourly = pgTable("usage_rollup_hourly", {
  bucketStart: timestamptz("bucket_start").notNull(),
  userId: uuid("user_id"),
  agentType: varchar("agent_type", { length: 50 }).notNull(),
  modelUsed: varchar("model_used", { length: 100 }),
  provider: varchar("provider", { length: 50 }),
  // 20251125001900: all-users rows are split over the writing transactions' shards (0..15); per-user rows are 0
  shard: smallint("shard").notNull().default(0),
  calls: bigint("calls", { mode: "number" }).notNull().default(0),
  inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
  outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
  totalTokens: bigint("total_tokens", { mode: "number" }).notNull().default(0),
  recordedCost: numeric("recorded_cost", { precision: 20, scale: 6 }).notNull().default("0"),
  costRows: bigint("cost_rows", { mode: "number" }).notNull().default(0),
  uncostedCalls: bigint("uncosted_calls", { mode: "number" }).notNull().default(0),
  uncostedInputTokens: bigint("uncosted_input_tokens", { mode: "number" }).notNull().default(0),
  uncostedOutputTokens: bigint("uncosted_output_tokens", { mode: "number" }).notNull().default(0),
  uncostedTokens: bigint("uncosted_tokens", { mode: "number" }).notNull().default(0),
  durationMsSum: bigint("duration_ms_sum", { mode: "number" }).notNull().default(0),
  durationCalls: bigint("duration_calls", { mode: "number" }).notNull().default(0),
  // 24 counts per log-scale duration bucket (20251125000045_usage.sql)
  durationHist: bigint("duration_hist", { mode: "number" }).array(),
}).enableRLS();
export type UsageRollupHourly = typeof usageRollupHourly.$inferSelect;

/** Calls, tokens and cost: what every rollup sums. */
const costMeasures = () => ({
  calls: bigint("calls", { mode: "number" }).notNull().default(0),
  inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
  outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
  totalTokens: bigint("total_tokens", { mode: "number" }).notNull().default(0),
  recordedCost: numeric("recorded_cost", { precision: 20, scale: 6 }).notNull().default("0"),
  costRows: bigint("cost_rows", { mode: "number" }).notNull().default(0),
  uncostedCalls: bigint("uncosted_calls", { mode: "number" }).notNull().default(0),
  uncostedInputTokens: bigint("uncosted_input_tokens", { mode: "number" }).notNull().default(0),
  uncostedOutputTokens: bigint("uncosted_output_tokens", { mode: "number" }).notNull().default(0),
  uncostedTokens: bigint("uncosted_tokens", { mode: "number" }).notNull().default(0),
});

const rollupMeasures = () => ({
  ...costMeasures(),
  durationMsSum: bigint("duration_ms_sum", { mode: "number" }).notNull().default(0),
  durationCalls: bigint("duration_calls", { mode: "number" }).notNull().default(0),
  durationHist: bigint("duration_hist", { mode: "number" }).array(),
});

// All users' usage per 24-hour window starting at any whole UTC hour (20251125000045_usage.sql).
export const usageRollupDaily = pgTable("usage_rollup_daily", {
  dayStart: timestamptz("day_start").notNull(),
  agentType: varchar("agent_type", { length: 50 }).notNull(),
  modelUsed: varchar("model_used", { length: 100 }),
  provider: varchar("provider", { length: 50 }),
  shard: smallint("shard").notNull().default(0), // 20251125001900_usage_rollup_writes.sql
  ...rollupMeasures(),
}).enableRLS();
export type UsageRollupDaily = typeof usageRollupDaily.$inferSelect;

// Per user, UTC day and model (20251125000045_usage.sql).
export const usageRollupUserDaily = pgTable("usage_rollup_user_daily", {
  dayStart: timestamptz("day_start").notNull(),
  userId: uuid("user_id").notNull(),
  modelUsed: varchar("model_used", { length: 100 }),
  ...rollupMeasures(),
}).enableRLS();
export type UsageRollupUserDaily = typeof usageRollupUserDaily.$inferSelect;

// Per user and model over aligned blocks of 2..512 hours, for top users (20251125000045_usage.sql).
export const usageRollupUserBlock = pgTable("usage_rollup_user_block", {
  blockHours: integer("block_hours").notNull(),
  blockStart: timestamptz("block_start").notNull(),
  userId: uuid("user_id").notNull(),
  modelUsed: varchar("model_used", { length: 100 }),
  ...costMeasures(),
}).enableRLS();
export type UsageRollupUserBlock = typeof usageRollupUserBlock.$inferSelect;
