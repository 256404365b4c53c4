import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { UtcTime } from "@/components/ui/utc-time";
import { requireViewer } from "@/lib/auth/viewer";
import { getChat, getChatTotals, lastMessagesCursor, listMessages } from "@/lib/db/queries/chats";
import { isUuid } from "@/lib/db/queries/sql-helpers";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatInt, formatUsd } from "@/lib/format";
import { MESSAGE_PAGE_SIZE, VISIBILITY_LABELS } from "@/lib/validation/chats";
import { decodeCursor, firstParam, type Cursor } from "@/lib/validation/data-table";
import { Stat, StatStrip, StatusBadge } from "../../_browse/cells";
import { ChatActions } from "../_components/chat-actions";
import { MessageView } from "../_components/message-view";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params) {
  const { id } = await params;
  return { title: isUuid(id) ? "Chat" : "Not found" };
}

function cursorFrom(sp: Record<string, string | string[] | undefined>): Cursor | null {
  const after = firstParam(sp.after);
  const before = firstParam(sp.before);
  const a = after ? decodeCursor(after) : null;
  if (a) return { dir: "after", ...a };
  const b = before ? decodeCursor(before) : null;
  return b ? { dir: "before", ...b } : null;
}

export default async function ChatPage({ params, searchParams }: Params) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const sp = await searchParams;
  const latest = firstParam(sp.latest) === "1";
  const requested = cursorFrom(sp);

  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const chat = await getChat(tx, id);
      // RLS hides other people's chats: a forbidden chat and a missing one look the same.
      if (!chat) return null;
      const cursor = latest ? await lastMessagesCursor(tx, id, MESSAGE_PAGE_SIZE) : requested;
      const [totals, messages] = [await getChatTotals(tx, id), await listMessages(tx, id, cursor, MESSAGE_PAGE_SIZE)];
      return { chat, totals, messages, cursor };
    }),
  );
  if (!data) notFound();
  const { chat, totals, messages, cursor } = data;

  // Position of this page, for "Messages 51–100 of 5,000": carried in the URL like table pages.
  const pageNo = latest ? Math.max(1, Math.ceil(totals.messages / MESSAGE_PAGE_SIZE)) : Math.max(1, Number(firstParam(sp.page)) || 1);
  const first = messages.rows.length ? (pageNo - 1) * MESSAGE_PAGE_SIZE + 1 : 0;
  const lastShown = latest ? totals.messages : first + messages.rows.length - 1;
  const firstShown = latest ? Math.max(1, totals.messages - messages.rows.length + 1) : first;
  const prevHref = messages.prevCursor ? `/chats/${id}?before=${messages.prevCursor}&page=${pageNo - 1}` : null;
  const nextHref = messages.nextCursor ? `/chats/${id}?after=${messages.nextCursor}&page=${pageNo + 1}` : null;
  const atEnd = !messages.nextCursor;

  const pager = (where: string) =>
    totals.messages > MESSAGE_PAGE_SIZE ? (
      <nav aria-label={`Message pages (${where})`} className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600">
        <span>
          Messages {formatInt(firstShown)}–{formatInt(lastShown)} of {formatInt(totals.messages)}
        </span>
        <span className="flex gap-2">
          {cursor ? <ButtonLink size="sm" href={`/chats/${id}`}>First</ButtonLink> : null}
          {prevHref ? <ButtonLink size="sm" href={prevHref}>Earlier messages</ButtonLink> : null}
          {nextHref ? <ButtonLink size="sm" href={nextHref}>Later messages</ButtonLink> : null}
          {!atEnd ? <ButtonLink size="sm" href={`/chats/${id}?latest=1`}>Latest</ButtonLink> : null}
        </span>
      </nav>
    ) : null;

  return (
    <div className="space-y-5">
      <div>
        <Link href="/chats" className="text-sm text-zinc-500 hover:text-zinc-800">
          ← Chats
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold tracking-tight break-words text-zinc-900">{chat.title}</h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-500">
              <StatusBadge status={chat.visibility} label={VISIBILITY_LABELS[chat.visibility]} />
              <span>
                Started <UtcTime iso={chat.createdAt} /> · last activity <UtcTime iso={chat.updatedAt} />
              </span>
            </p>
          </div>
          {chat.isOwner ? <ChatActions chatId={chat.id} title={chat.title} visibility={chat.visibility} /> : null}
        </div>
      </div>

      {!chat.isOwner ? (
        <Alert tone="info" title="Read-only">
          This chat belongs to {chat.ownerEmail ?? "another account"}. You can read it; only its owner can change it or vote.
        </Alert>
      ) : null}

      <StatStrip label="Chat totals">
        <Stat label="Messages">{formatInt(totals.messages)}</Stat>
        <Stat label="Answers">{formatInt(totals.assistantMessages)}</Stat>
        <Stat label="Input tokens">{formatInt(totals.inputTokens)}</Stat>
        <Stat label="Output tokens">{formatInt(totals.outputTokens)}</Stat>
        <Stat label="Cost">{formatUsd(totals.cost)}</Stat>
        <Stat label="Votes">
          <span title="Helpful">▲ {formatInt(totals.upvotes)}</span> <span className="ml-2" title="Not helpful">▼ {formatInt(totals.downvotes)}</span>
        </Stat>
      </StatStrip>

      {pager("top")}
      {messages.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500">This chat has no messages.</p>
      ) : (
        <ol aria-label="Messages" className="space-y-3">
          {messages.rows.map((m) => (
            <MessageView key={m.id} message={m} chatId={chat.id} canVote={chat.isOwner} />
          ))}
        </ol>
      )}
      {pager("bottom")}
    </div>
  );
}
