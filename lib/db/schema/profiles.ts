/**
 * One identity: profiles (supabase/migrations/20251125000005_identity.sql), and the enums of
 * seed 004. Mirrors the SQL; the SQL is the source of truth (tests/db/schema-drift.test.ts).
 */
import { boolean, integer, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

// Exact (quoted, PascalCase) type names, as created by the migration.
export const userRole = pgEnum("UserRole", ["PENDING", "USER", "MANAGER", "ADMIN"]);
export const recordType = pgEnum("RecordType", ["TASK", "FEEDBACK"]);
export const recordCategory = pgEnum("RecordCategory", ["TOP_10", "BOTTOM_10"]);

export type UserRole = (typeof userRole.enumValues)[number];
export type RecordType = (typeof recordType.enumValues)[number];
export type RecordCategory = (typeof recordCategory.enumValues)[number];

export const profiles = pgTable("profiles", {
  // = auth.users.id. SQL: references auth.users (id) on delete cascade; the auth schema is
  // not modelled here, so that foreign key lives in SQL only. Rows are created by the
  // on_auth_user_created trigger, so there is no default.
  id: uuid("id").primaryKey(),
  email: text("email").notNull(),
  username: text("username").notNull(),
  trustScore: integer("trust_score").notNull().default(0),
  name: text("name"),
  preferences: jsonb("preferences"),
  role: userRole("role").notNull().default("PENDING"),
  mustResetPassword: boolean("mustResetPassword").notNull().default(false),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  updatedAt: timestamptz("updatedAt").notNull().defaultNow(),
}).enableRLS();

export type Profile = typeof profiles.$inferSelect;
export type NewProfile = typeof profiles.$inferInsert;
