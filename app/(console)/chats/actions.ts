"use server";

/**
 * /chats actions: rename, change visibility, delete (typed confirmation), vote. Each parses its
 * schema, needs a signed-in, approved account, runs as the viewer in one transaction (RLS: only
 * the owner may write), refreshes the page and answers with a message.
 */
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { deleteChat, renameChat, setChatVisibility, setVote } from "@/lib/db/mutations/chats";
import { getChat } from "@/lib/db/queries/chats";
import { withViewer } from "@/lib/db/with-viewer";
import { logActivity } from "@/lib/logging/system-log";
import {
  chatVisibilityInput,
  deleteChatInput,
  renameChatInput,
  VISIBILITY_LABELS,
  voteInput,
} from "@/lib/validation/chats";

const SIGNED_IN = ["USER", "MANAGER", "ADMIN"] as const;
const NOT_YOURS = "Only the owner of this chat can change it.";

export const renameChatAction = defineAction(renameChatInput, SIGNED_IN, async (input, viewer): Promise<ActionResult> => {
  const row = await withViewer(viewer, (tx) => renameChat(tx, input.chatId, input.title));
  if (!row) return failure(NOT_YOURS);
  void logActivity({ userId: viewer.id, activityType: "chat_rename", activityCategory: "chat", resourceId: input.chatId, resourceType: "chat" });
  refresh();
  return { ok: true, message: "Chat renamed." };
});

export const setChatVisibilityAction = defineAction(chatVisibilityInput, SIGNED_IN, async (input, viewer): Promise<ActionResult> => {
  const row = await withViewer(viewer, (tx) => setChatVisibility(tx, input.chatId, input.visibility));
  if (!row) return failure(NOT_YOURS);
  void logActivity({
    userId: viewer.id,
    activityType: "chat_visibility_change",
    activityCategory: "chat",
    resourceId: input.chatId,
    resourceType: "chat",
    metadata: { visibility: input.visibility },
  });
  refresh();
  return { ok: true, message: `The chat is now ${VISIBILITY_LABELS[input.visibility].toLowerCase()}.` };
});

export const deleteChatAction = defineAction(deleteChatInput, SIGNED_IN, async (input, viewer): Promise<ActionResult> => {
  type Outcome = { kind: "error"; error: string } | { kind: "mismatch" } | { kind: "gone"; gone: NonNullable<Awaited<ReturnType<typeof deleteChat>>> };
  const result = await withViewer(viewer, async (tx): Promise<Outcome> => {
    const chat = await getChat(tx, input.chatId);
    if (!chat) return { kind: "error", error: "That chat no longer exists." };
    if (!chat.isOwner) return { kind: "error", error: NOT_YOURS };
    if (input.confirm !== chat.title.trim()) return { kind: "mismatch" };
    const gone = await deleteChat(tx, input.chatId);
    return gone ? { kind: "gone", gone } : { kind: "error", error: NOT_YOURS };
  });
  if (result.kind === "mismatch") return failure("The title does not match.", { confirm: ["Type the chat's title exactly as shown"] });
  if (result.kind === "error") return failure(result.error);
  void logActivity({ userId: viewer.id, activityType: "chat_delete", activityCategory: "chat", resourceId: input.chatId, resourceType: "chat" });
  // The chat page would now be a 404: go to the list (a redirect from an action navigates the browser).
  redirect("/chats");
});

export const voteAction = defineAction(voteInput, SIGNED_IN, async (input, viewer): Promise<ActionResult> => {
  const r = await withViewer(viewer, (tx) => setVote(tx, input));
  if (r === "no-message") return failure("That answer no longer exists.");
  if (r === "not-owner") return failure("Only the owner of this chat can vote.");
  void logActivity({
    userId: viewer.id,
    activityType: "vote_message",
    activityCategory: "chat",
    resourceId: input.messageId,
    resourceType: "message",
    metadata: { chatId: input.chatId, vote: input.vote },
  });
  refresh();
  return { ok: true, message: input.vote === "none" ? "Vote removed." : input.vote === "up" ? "Marked helpful." : "Marked not helpful." };
});
