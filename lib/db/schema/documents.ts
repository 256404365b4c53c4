/**
 * Seed 001: "Document" and "Suggestion".
 * Versions of one document share `id`; the primary key is (id, "createdAt"). `version_id`
 * names one version so that `parent_version_id` can be a real (self-referencing) foreign key.
 * user_id: no foreign key (auth.users, checked by the validate_user_id trigger).
 */
import { boolean, foreignKey, integer, jsonb, pgTable, primaryKey, text, uuid, varchar } from "drizzle-orm/pg-core";
import { chats } from "./chats";
import { timestamptz } from "./columns";

export const documents = pgTable(
  "Document",
  {
    id: uuid("id").notNull().defaultRandom(),
    createdAt: timestamptz("createdAt").notNull().defaultNow(),
    title: text("title").notNull(),
    content: text("content"),
    kind: varchar("kind", { length: 20, enum: ["text", "python code", "mermaid code", "sheet"] })
      .notNull()
      .default("text"),
    userId: uuid("user_id").notNull(),
    chatId: uuid("chat_id").references(() => chats.id, { onDelete: "cascade" }),
    versionId: uuid("version_id").notNull().defaultRandom(), // SQL: unique
    parentVersionId: uuid("parent_version_id"),
    versionNumber: integer("version_number").notNull().default(1), // SQL: > 0, unique (id, version_number)
    metadata: jsonb("metadata").notNull().default({}),
  },
  (t) => [
    primaryKey({ name: "Document_pkey", columns: [t.id, t.createdAt] }),
    foreignKey({
      name: "Document_parent_version_id_fkey",
      columns: [t.parentVersionId],
      foreignColumns: [t.versionId],
    }).onDelete("set null"),
  ],
).enableRLS();

export const suggestions = pgTable(
  "Suggestion",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("documentId").notNull(),
    documentCreatedAt: timestamptz("documentCreatedAt").notNull(),
    originalText: text("originalText").notNull(),
    suggestedText: text("suggestedText").notNull(),
    description: text("description"),
    isResolved: boolean("isResolved").notNull().default(false),
    userId: uuid("user_id").notNull(),
    createdAt: timestamptz("createdAt").notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "Suggestion_documentId_documentCreatedAt_fkey",
      columns: [t.documentId, t.documentCreatedAt],
      foreignColumns: [documents.id, documents.createdAt],
    }).onDelete("cascade"),
  ],
).enableRLS();

export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
export type Suggestion = typeof suggestions.$inferSelect;
export type NewSuggestion = typeof suggestions.$inferInsert;
