import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listDocuments } from "@/lib/db/queries/documents";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { documentsTableParams } from "@/lib/validation/documents";
import { DocumentsTable } from "../_components/documents-table";

export const metadata = { title: "Documents" };

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const query = documentsTableParams.parse(await searchParams);
  const page = await guardDatabase(() => withViewer(viewer, (tx) => listDocuments(tx, query)));
  return (
    <>
      <PageHeader title="Documents" description="Artifacts the agents wrote with you: the latest version of each, with its history." />
      <DocumentsTable rows={page.rows} sort={query.sort} page={query.page} size={query.size} nextCursor={page.nextCursor} prevCursor={page.prevCursor} />
    </>
  );
}
