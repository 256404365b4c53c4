/** Seed 001 admin tables (admin_config, model_config) and seed 004 system_settings. */
import { boolean, jsonb, numeric, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
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
