/**
 * Seed 001: chat app core tables ("Chat", "Message_v2", "Vote_v2", "Stream").
 * The user_id columns have no foreign key in SQL either: they point at auth.users and are
 * checked by the validate_user_id trigger, cleaned up by handle_auth_user_deletion.
 */
import { boolean, integer, json, jsonb, numeric, pgTable, primaryKey, text, uuid, varchar } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

export const chats = pgTable("Chat", {
  id: uuid("id").primaryKey().defaultRandom(),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  title: text("title").notNull(),
  userId: uuid("user_id").notNull(),
  visibility: varchar("visibility", { length: 10, enum: ["public", "private"] }).notNull().default("private"),
  lastContext: jsonb("lastContext"),
  totalInputTokens: integer("total_input_tokens").notNull().default(0),
  totalOutputTokens: integer("total_output_tokens").notNull().default(0),
  totalCost: numeric("total_cost", { precision: 10, scale: 6 }).notNull().default("0"),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
}).enableRLS();

export const messagesV2 = pgTable("Message_v2", {
  id: uuid("id").primaryKey().defaultRandom(),
  chatId: uuid("chatId").notNull().references(() => chats.id, { onDelete: "cascade" }),
  role: varchar("role", { length: 20, enum: ["user", "assistant", "system"] }).notNull(),
  parts: json("parts").notNull(),
  attachments: json("attachments").notNull().default([]),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
  modelUsed: varchar("model_used", { length: 100 }),
  inputTokens: integer("input_tokens"),
  outputTokens: integer("output_tokens"),
  cost: numeric("cost", { precision: 10, scale: 6 }),
}).enableRLS();

export const votesV2 = pgTable(
  "Vote_v2",
  {
    chatId: uuid("chatId").notNull().references(() => chats.id, { onDelete: "cascade" }),
    messageId: uuid("messageId").notNull().references(() => messagesV2.id, { onDelete: "cascade" }),
    isUpvoted: boolean("isUpvoted").notNull(),
  },
  (t) => [primaryKey({ name: "Vote_v2_pkey", columns: [t.chatId, t.messageId] })],
).enableRLS();

export const streams = pgTable("Stream", {
  id: uuid("id").primaryKey().defaultRandom(),
  chatId: uuid("chatId").notNull().references(() => chats.id, { onDelete: "cascade" }),
  createdAt: timestamptz("createdAt").notNull().defaultNow(),
}).enableRLS();

export type Chat = typeof chats.$inferSelect;
export type NewChat = typeof chats.$inferInsert;
export type MessageV2 = typeof messagesV2.$inferSelect;
export type NewMessageV2 = typeof messagesV2.$inferInsert;
export type VoteV2 = typeof votesV2.$inferSelect;
export type NewVoteV2 = typeof votesV2.$inferInsert;
export type Stream = typeof streams.$inferSelect;
export type NewStream = typeof streams.$inferInsert;
