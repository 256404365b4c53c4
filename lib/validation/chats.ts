/**
// Ids are z.guid(): any 8-4-4-4-12 hex id (the demo seed hashes its ids, which have no RFC version).
 * /chats and /chats/[id]: the URL state of the chats table and the inputs of the chat actions.
 * Shared by the pages (URL parsing on the server), the forms and the actions.
 */
import { z } from "zod";
import { createTableSearchParams, listParam } from "./data-table";

export const CHAT_VISIBILITIES = ["private", "public"] as const;
export type ChatVisibility = (typeof CHAT_VISIBILITIES)[number];
export const VISIBILITY_LABELS: Record<ChatVisibility, string> = { private: "Private", public: "Public" };

/** Sortable columns: a whitelist, mapped to SQL (and an index each) in lib/db/queries/chats.ts. */
export const CHAT_SORT_KEYS = ["updated", "created", "title", "cost"] as const;
export type ChatSortKey = (typeof CHAT_SORT_KEYS)[number];
export const CHAT_COLUMNS = ["visibility", "created", "updated", "messages", "inputTokens", "outputTokens", "cost"] as const;

export const chatsTableParams = createTableSearchParams({
  sortKeys: CHAT_SORT_KEYS,
  defaultSort: { key: "updated", dir: "desc" },
  columns: CHAT_COLUMNS,
  filters: { visibility: listParam(z.enum(CHAT_VISIBILITIES)) },
});
export type ChatsTableQuery = z.infer<typeof chatsTableParams>;

/** Messages per page of a chat: the first screen and each "older / newer" step. */
export const MESSAGE_PAGE_SIZE = 50;

const chatId = z.guid("Unknown chat");

export const renameChatInput = z.object({
  chatId,
  title: z.string().trim().min(1, "Give the chat a title").max(200, "At most 200 characters"),
});
export const chatVisibilityInput = z.object({ chatId, visibility: z.enum(CHAT_VISIBILITIES, { error: "Choose private or public" }) });
export const deleteChatInput = z.object({
  chatId,
  // The title typed again: a delete takes the chat's messages, votes and documents with it.
  confirm: z.string().trim().min(1, "Type the chat's title to confirm"),
});
export const voteInput = z.object({
  chatId,
  messageId: z.guid("Unknown message"),
  vote: z.enum(["up", "down", "none"], { error: "Choose up, down or none" }),
});
