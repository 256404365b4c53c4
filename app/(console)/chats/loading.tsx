import { DataTableSkeleton } from "@/components/data-table";
import { PageHeader } from "@/components/ui/page-header";

export default function Loading() {
  return (
    <>
      <PageHeader title="Chats" description="Loading your conversations…" />
      <DataTableSkeleton columns={8} rows={10} />
    </>
  );
}
