/** Seed 002: context builder ("Context", "Message", "Action", "Preview"; Prisma-style text ids). */
import { sql } from "drizzle-orm";
import { jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";
import { profiles } from "./profiles";

export const contexts = pgTable("Context", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  userId: uuid("userId").notNull().references(() => profiles.id, { onDelete: "cascade" }),
  status: text("status", { enum: ["setup", "active", "completed"] }).notNull(),
  flow: jsonb("flow").notNull(),
  config: jsonb("config").notNull(),
  metadata: jsonb("metadata"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export const messages = pgTable("Message", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  contextId: text("contextId").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  role: text("role", { enum: ["user", "assistant", "system"] }).notNull(),
  content: text("content").notNull(),
  metadata: jsonb("metadata"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
}).enableRLS();

export const actions = pgTable("Action", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  contextId: text("contextId").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  type: text("type").notNull(),
  payload: jsonb("payload").notNull(),
  status: text("status", { enum: ["pending", "running", "completed", "failed"] }).notNull(),
  result: jsonb("result"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export const previews = pgTable("Preview", {
  id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
  contextId: text("contextId").notNull().references(() => contexts.id, { onDelete: "cascade" }),
  url: text("url"),
  deploymentId: text("deploymentId"),
  status: text("status", { enum: ["generating", "live", "error"] }).notNull(),
  metadata: jsonb("metadata"),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export type Context = typeof contexts.$inferSelect;
export type NewContext = typeof contexts.$inferInsert;
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type Action = typeof actions.$inferSelect;
export type NewAction = typeof actions.$inferInsert;
export type Preview = typeof previews.$inferSelect;
export type NewPreview = typeof previews.$inferInsert;
