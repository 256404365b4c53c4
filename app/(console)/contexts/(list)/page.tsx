import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listContexts } from "@/lib/db/queries/contexts";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { contextsTableParams } from "@/lib/validation/browse";
import { ContextsTable } from "../_components/contexts-table";

export const metadata = { title: "Contexts" };

export default async function ContextsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const query = contextsTableParams.parse(await searchParams);
  const page = await guardDatabase(() => withViewer(viewer, (tx) => listContexts(tx, query)));
  return (
    <>
      <PageHeader title="Contexts" description="Project contexts from the context builder: their conversation, actions and previews." />
      <ContextsTable rows={page.rows} sort={query.sort} page={query.page} size={query.size} nextCursor={page.nextCursor} prevCursor={page.prevCursor} />
    </>
  );
}
