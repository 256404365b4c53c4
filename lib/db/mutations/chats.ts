/**
 * Writes on a chat, as the viewer: RLS lets only the owner update or delete a chat and vote in
 * it (seed 001), so an admin reading someone else's chat changes nothing (0 rows → null).
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import type { ChatVisibility } from "@/lib/validation/chats";
import { one } from "@/lib/db/queries/sql-helpers";

export async function renameChat(tx: Tx, chatId: string, title: string): Promise<{ id: string } | null> {
  return one(tx, sql`update public."Chat" set title = ${title}, updated_at = now()
                      where id = ${chatId} and user_id = (select auth.uid()) returning id`);
}

export async function setChatVisibility(tx: Tx, chatId: string, visibility: ChatVisibility): Promise<{ id: string } | null> {
  return one(tx, sql`update public."Chat" set visibility = ${visibility}, updated_at = now()
                      where id = ${chatId} and user_id = (select auth.uid()) returning id`);
}

/**
 * Deletes the chat; its messages, votes, streams and documents (with their suggestions) go with
 * it by ON DELETE CASCADE, and usage_logs keep their rows with chat_id set to null (seed 001).
 * Returns what went, for the confirmation message.
 */
export async function deleteChat(tx: Tx, chatId: string): Promise<{ title: string; messages: number; documents: number } | null> {
  const counts = await one<{ messages: number; documents: number }>(
    tx,
    sql`select (select count(*)::int from public."Message_v2" where "chatId" = ${chatId}) as messages,
               (select count(distinct id)::int from public."Document" where chat_id = ${chatId}) as documents`,
  );
  const gone = await one<{ title: string }>(
    tx,
    sql`delete from public."Chat" where id = ${chatId} and user_id = (select auth.uid()) returning title`,
  );
  return gone ? { title: gone.title, messages: counts?.messages ?? 0, documents: counts?.documents ?? 0 } : null;
}

/**
 * Sets (up / down) or clears the vote on an assistant message of the viewer's own chat. The
 * message must belong to the chat and be an assistant message (votes rate answers).
 */
export async function setVote(
  tx: Tx,
  input: { chatId: string; messageId: string; vote: "up" | "down" | "none" },
): Promise<"ok" | "no-message" | "not-owner"> {
  const msg = await one<{ role: string; owner: boolean }>(
    tx,
    sql`select m.role, c.user_id = (select auth.uid()) as owner
          from public."Message_v2" m join public."Chat" c on c.id = m."chatId"
         where m.id = ${input.messageId} and m."chatId" = ${input.chatId}`,
  );
  if (!msg || msg.role !== "assistant") return "no-message";
  if (!msg.owner) return "not-owner";
  if (input.vote === "none") {
    await tx.execute(sql`delete from public."Vote_v2" where "chatId" = ${input.chatId} and "messageId" = ${input.messageId}`);
  } else {
    await tx.execute(sql`insert into public."Vote_v2" ("chatId", "messageId", "isUpvoted")
                         values (${input.chatId}, ${input.messageId}, ${input.vote === "up"})
                         on conflict ("chatId", "messageId") do update set "isUpvoted" = excluded."isUpvoted"`);
  }
  return "ok";
}
