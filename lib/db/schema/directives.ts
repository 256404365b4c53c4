/** Seed 000: the directive registry (directives, directive_versions, runs, lockfiles). */
import { boolean, integer, jsonb, numeric, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";
import { profiles } from "./profiles";

export const directives = pgTable("directives", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  category: text("category").notNull(),
  subcategory: text("subcategory"),
  description: text("description"),
  authorId: uuid("author_id").references(() => profiles.id, { onDelete: "set null" }),
  isOfficial: boolean("is_official").notNull().default(false),
  downloadCount: integer("download_count").notNull().default(0),
  qualityScore: numeric("quality_score").notNull().default("0"),
  techStack: jsonb("tech_stack").notNull().default([]),
  dependencies: jsonb("dependencies").notNull().default([]),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
}).enableRLS();

export const directiveVersions = pgTable("directive_versions", {
  id: uuid("id").primaryKey().defaultRandom(),
  directiveId: uuid("directive_id").notNull().references(() => directives.id, { onDelete: "cascade" }),
  version: text("version").notNull(), // SQL check: public.is_valid_semver(version)
  content: text("content").notNull(),
  contentHash: text("content_hash").notNull(),
  changelog: text("changelog"),
  isLatest: boolean("is_latest").notNull().default(false),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export const runs = pgTable("runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  directiveName: text("directive_name").notNull(),
  directiveVersion: text("directive_version"),
  status: text("status", { enum: ["success", "error", "partial_success"] }).notNull(),
  durationSec: numeric("duration_sec"),
  costUsd: numeric("cost_usd"),
  inputs: jsonb("inputs"),
  outputs: jsonb("outputs"),
  error: text("error"),
  userId: uuid("user_id").references(() => profiles.id, { onDelete: "cascade" }),
  projectContext: jsonb("project_context"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
}).enableRLS();

export const lockfiles = pgTable("lockfiles", {
  id: uuid("id").primaryKey().defaultRandom(),
  projectHash: text("project_hash").notNull(),
  userId: uuid("user_id").references(() => profiles.id, { onDelete: "cascade" }),
  lockedVersions: jsonb("locked_versions").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
}).enableRLS();

export type Directive = typeof directives.$inferSelect;
export type NewDirective = typeof directives.$inferInsert;
export type DirectiveVersion = typeof directiveVersions.$inferSelect;
export type NewDirectiveVersion = typeof directiveVersions.$inferInsert;
export type Run = typeof runs.$inferSelect;
export type NewRun = typeof runs.$inferInsert;
export type Lockfile = typeof lockfiles.$inferSelect;
export type NewLockfile = typeof lockfiles.$inferInsert;
