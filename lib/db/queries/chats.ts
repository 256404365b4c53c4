/**
 * Reads for /chats and /chats/[id] (seed 001). Every function takes the viewer's transaction
 * (withViewer), so RLS decides which chats exist: owners see theirs, admins all. Lists filter on
 * `(select auth.uid())` explicitly as well (docs/access-model.md#policies-written-for-speed): the chats list is the viewer's own,
 * whoever they are; a single chat is read by id alone, so an admin can open anyone's.
 */
import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, planKeysetPage, type KeysetPage, type KeysetSort } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import type { ChatSortKey, ChatsTableQuery, ChatVisibility } from "@/lib/validation/chats";
import type { Cursor } from "@/lib/validation/data-table";
import { dayStart, iso, nextDayStart, one, rows } from "./sql-helpers";

export type ChatListRow = {
  id: string;
  title: string;
  visibility: ChatVisibility;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
  inputTokens: number;
  outputTokens: number;
  cost: string;
};

/** Sort whitelist; each has an index (user_id, column, id): see supabase/migrations/20251125000015_chats_documents.sql. */
const SORTS: Record<ChatSortKey, KeysetSort> = {
  updated: { expr: sql`c.updated_at`, type: "timestamptz" },
  created: { expr: sql`c."createdAt"`, type: "timestamptz" },
  title: { expr: sql`c.title`, type: "text" },
  // Micro-dollars as int8: numeric comparisons are not leakproof, so under RLS a numeric cursor
  // condition could not be an index condition (idx_chat_user_cost_micros).
  cost: { expr: sql`((c.total_cost * 1000000)::bigint)`, type: "bigint" },
};

/**
 * Text search over the viewer's chats: the title (words via full-text, substrings via trigram)
 * or the text of any message in the chat (full-text, idx_message_fts). Both sides are indexed,
 * so a search covers every chat, not only the loaded page.
 */
function searchCondition(q: string): SQL {
  // search_own_chat_ids() runs the indexed search (RLS would keep the indexes from being used)
  // and returns only the caller's own chats.
  return sql`c.id in (select public.search_own_chat_ids(${q}))`;
}

function filters(q: Pick<ChatsTableQuery, "q" | "from" | "to" | "visibility">): SQL | undefined {
  const parts: (SQL | undefined)[] = [sql`c.user_id = (select auth.uid())`];
  if (q.q) parts.push(searchCondition(q.q));
  if (q.visibility.length === 1) parts.push(sql`c.visibility = ${q.visibility[0]}`);
  if (q.from) parts.push(sql`c.updated_at >= ${dayStart(q.from)}::timestamptz`);
  if (q.to) parts.push(sql`c.updated_at < ${nextDayStart(q.to)}::timestamptz`);
  return and(...parts);
}

/** One keyset page of the viewer's chats, as the URL says. */
export async function listChats(tx: Tx, q: ChatsTableQuery): Promise<KeysetPage<ChatListRow>> {
  const sort = SORTS[q.sort.key];
  const plan = planKeysetPage({ sort, id: sql`c.id`, dir: q.sort.dir, cursor: q.cursor, size: q.size });
  // A plain bound on the sort column next to the row comparison: the index scan starts at the
  // cursor in both directions (a row comparison alone was applied as a filter on backward scans).
  const bound = q.cursor
    ? sql`${sort.expr} ${sql.raw((q.sort.dir === "desc") !== (q.cursor.dir === "before") ? "<=" : ">=")} cast(${q.cursor.value} as ${sql.raw(sort.type)})`
    : undefined;
  const where = and(filters(q), plan.where, bound);
  // The message count is computed for the page's rows only (select list after the LIMIT'd index
  // scan), by chat_message_count(): one index-only count, not an RLS check per message.
  const fetched = await rows<ChatListRow & { cursorValue: string | null }>(
    tx,
    sql`select c.id, c.title, c.visibility, ${iso(sql`c."createdAt"`)} as "createdAt", ${iso(sql`c.updated_at`)} as "updatedAt",
               coalesce(public.chat_message_count(c.id), 0) as "messageCount",
               c.total_input_tokens as "inputTokens", c.total_output_tokens as "outputTokens",
               c.total_cost::text as cost, (${sort.expr})::text as "cursorValue"
          from public."Chat" c
         where ${where}
         order by ${sql.join(plan.orderBy, sql`, `)}
         limit ${plan.limit}`,
  );
  const page = finishKeysetPage(fetched, plan, q.cursor, q.size);
  return { ...page, rows: page.rows.map(({ cursorValue: _c, ...r }) => r) };
}

export type ChatDetail = {
  id: string;
  title: string;
  visibility: ChatVisibility;
  userId: string;
  ownerEmail: string | null;
  isOwner: boolean;
  createdAt: string;
  updatedAt: string;
  totalInputTokens: number;
  totalOutputTokens: number;
  totalCost: string;
  lastContext: unknown;
};

/** One chat, or null when it does not exist or RLS hides it (both are a 404). */
export async function getChat(tx: Tx, chatId: string): Promise<ChatDetail | null> {
  return one<ChatDetail>(
    tx,
    sql`select c.id, c.title, c.visibility, c.user_id as "userId", p.email as "ownerEmail",
               c.user_id = (select auth.uid()) as "isOwner",
               ${iso(sql`c."createdAt"`)} as "createdAt", ${iso(sql`c.updated_at`)} as "updatedAt",
               c.total_input_tokens as "totalInputTokens", c.total_output_tokens as "totalOutputTokens",
               c.total_cost::text as "totalCost", c."lastContext" as "lastContext"
          from public."Chat" c
          left join public.profiles p on p.id = c.user_id
         where c.id = ${chatId}`,
  );
}

export type ChatTotals = {
  messages: number;
  userMessages: number;
  assistantMessages: number;
  inputTokens: number;
  outputTokens: number;
  cost: string;
  upvotes: number;
  downvotes: number;
};

/** Totals over every message of the chat (not only the page shown). */
export async function getChatTotals(tx: Tx, chatId: string): Promise<ChatTotals> {
  // chat_message_stats() answers only for a chat the viewer may read (owner or admin).
  const r = await one<{ messages: number; user_messages: number; assistant_messages: number; input_tokens: string; output_tokens: string; cost: string; upvotes: number; downvotes: number }>(
    tx,
    sql`select messages, user_messages, assistant_messages, input_tokens::text, output_tokens::text, cost::text, upvotes, downvotes
          from public.chat_message_stats(${chatId})`,
  );
  return {
    messages: r?.messages ?? 0,
    userMessages: r?.user_messages ?? 0,
    assistantMessages: r?.assistant_messages ?? 0,
    inputTokens: Number(r?.input_tokens ?? 0),
    outputTokens: Number(r?.output_tokens ?? 0),
    cost: r?.cost ?? "0",
    upvotes: r?.upvotes ?? 0,
    downvotes: r?.downvotes ?? 0,
  };
}

export type MessageRow = {
  id: string;
  role: "user" | "assistant" | "system";
  parts: unknown;
  attachments: unknown;
  createdAt: string;
  modelUsed: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cost: string | null;
  vote: boolean | null;
};

/**
 * One page of a chat's messages in conversation order, by keyset on ("createdAt", id)
 * (idx_message_chat_created_id): the first screen of a 5,000-message chat reads 51 rows.
 */
export async function listMessages(
  tx: Tx,
  chatId: string,
  cursor: Cursor | null,
  size: number,
): Promise<KeysetPage<MessageRow>> {
  const sort: KeysetSort = { expr: sql`m."createdAt"`, type: "timestamptz" };
  const plan = planKeysetPage({ sort, id: sql`m.id`, dir: "asc", cursor, size });
  const fetched = await rows<MessageRow & { cursorValue: string | null }>(
    tx,
    sql`select m.id, m.role, m.parts, m.attachments, ${iso(sql`m."createdAt"`)} as "createdAt",
               m.model_used as "modelUsed", m.input_tokens as "inputTokens", m.output_tokens as "outputTokens",
               m.cost::text as cost, v."isUpvoted" as vote, m."createdAt"::text as "cursorValue"
          from public."Message_v2" m
          left join public."Vote_v2" v on v."chatId" = m."chatId" and v."messageId" = m.id
         where ${and(sql`m."chatId" = ${chatId}`, plan.where)}
         order by ${sql.join(plan.orderBy, sql`, `)}
         limit ${plan.limit}`,
  );
  const page = finishKeysetPage(fetched, plan, cursor, size);
  return { ...page, rows: page.rows.map(({ cursorValue: _c, ...r }) => r) };
}

/** The last page of a chat (the newest messages), for "Jump to latest". */
export async function lastMessagesCursor(tx: Tx, chatId: string, size: number): Promise<Cursor | null> {
  // The row just before the last `size` messages: reading after it gives the last page.
  const r = await one<{ id: string; value: string }>(
    tx,
    sql`select m.id, m."createdAt"::text as value from public."Message_v2" m
         where m."chatId" = ${chatId}
         order by m."createdAt" desc, m.id desc
         offset ${size} limit 1`,
  );
  return r ? { dir: "after", value: r.value, id: r.id } : null;
}
