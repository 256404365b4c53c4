import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listSessions } from "@/lib/db/queries/sessions";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { sessionsTableParams } from "@/lib/validation/browse";
import { SessionsTable } from "../_components/sessions-table";

export const metadata = { title: "Sessions" };

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const query = sessionsTableParams.parse(await searchParams);
  const page = await guardDatabase(() => withViewer(viewer, (tx) => listSessions(tx, query)));
  return (
    <>
      <PageHeader title="Sessions" description="Code-generation sessions: revisions of the intermediate representation, drafts and resolved holes." />
      <SessionsTable rows={page.rows} sort={query.sort} page={query.page} size={query.size} nextCursor={page.nextCursor} prevCursor={page.prevCursor} />
    </>
  );
}
