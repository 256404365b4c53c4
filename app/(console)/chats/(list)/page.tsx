import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listChats } from "@/lib/db/queries/chats";
import { withViewer } from "@/lib/db/with-viewer";
import { viewerTimeZone } from "@/lib/time-zone";
import { guardDatabase } from "@/lib/errors";
import { chatsTableParams } from "@/lib/validation/chats";
import { ChatsTable } from "../_components/chats-table";

export const metadata = { title: "Chats" };

export default async function ChatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const query = chatsTableParams.parse(await searchParams);
  const [page, { tz }] = await Promise.all([guardDatabase(() => withViewer(viewer, (tx) => listChats(tx, query))), viewerTimeZone(undefined)]);
  return (
    <>
      <PageHeader
        title="Chats"
        description="Your conversations with the assistant: search titles and message text, filter, open one to read it."
      />
      <ChatsTable
        rows={page.rows}
        sort={query.sort}
        page={query.page}
        size={query.size}
        nextCursor={page.nextCursor}
        prevCursor={page.prevCursor}
        now={Date.now()}
        tz={tz}
      />
    </>
  );
}
