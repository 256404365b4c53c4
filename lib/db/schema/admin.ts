/** Seed 001 admin tables (admin_config, model_config) and seed 004 system_settings. */
import { sql } from "drizzle-orm";
import { bigint, boolean, jsonb, numeric, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

// config_data is validated by the validate_admin_config_data trigger.
// updated_by: an auth user id, no foreign key (nulled by handle_auth_user_deletion).
export const adminConfig = pgTable("admin_config", {
  id: uuid("id").primaryKey().defaultRandom(),
  configKey: varchar("config_key", { length: 100 }).notNull(),
  configData: jsonb("config_data").notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

// One default model per provider: ensure_single_default_model_per_provider trigger.
export const modelConfig = pgTable("model_config", {
  id: uuid("id").primaryKey().defaultRandom(),
  modelId: varchar("model_id", { length: 100 }).notNull(),
  name: varchar("name", { length: 200 }).notNull(),
  description: text("description"),
  provider: varchar("provider", { length: 50 }).notNull(),
  isActive: boolean("is_active").notNull().default(true),
  isDefault: boolean("is_default").notNull().default(false),
  thinkingEnabled: boolean("thinking_enabled").notNull().default(true),
  inputPricingPerMillionTokens: numeric("input_pricing_per_million_tokens", { precision: 10, scale: 4 }).notNull(),
  outputPricingPerMillionTokens: numeric("output_pricing_per_million_tokens", { precision: 10, scale: 4 }).notNull(),
  metadata: jsonb("metadata").notNull().default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
}).enableRLS();

export const systemSettings = pgTable("system_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  description: text("description"),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export type AdminConfig = typeof adminConfig.$inferSelect;
export type NewAdminConfig = typeof adminConfig.$inferInsert;
export type ModelConfig = typeof modelConfig.$inferSelect;
export type NewModelConfig = typeof modelConfig.$inferInsert;
export type SystemSetting = typeof systemSettings.$inferSelect;
export type NewSystemSetting = typeof systemSettings.$inferInsert;

// Issue 4: the append-only audit of admin_config, model_config and system_settings, written by
// the record_config_change trigger (supabase/migrations/20251125000040_configuration.sql).
export const configHistory = pgTable("config_history", {
  id: bigint("id", { mode: "number" }).primaryKey().default(sql`nextval('config_history_id_seq'::regclass)`),
  tableName: text("table_name", { enum: ["admin_config", "model_config", "system_settings"] }).notNull(),
  rowId: text("row_id").notNull(),
  rowLabel: text("row_label").notNull(),
  operation: text("operation", { enum: ["INSERT", "UPDATE", "DELETE", "BASELINE"] }).notNull(),
  changedBy: uuid("changed_by"),
  changedAt: timestamptz("changed_at").notNull().default(sql`clock_timestamp()`),
  reason: text("reason"),
  before: jsonb("before"),
  after: jsonb("after"),
}).enableRLS();

export type ConfigHistory = typeof configHistory.$inferSelect;
