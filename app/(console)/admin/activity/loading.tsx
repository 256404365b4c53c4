import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-4 w-96" />
      </div>
      <Skeleton className="mb-4 h-36" />
      <Skeleton className="mb-4 h-9 w-64" />
      <DataTableSkeleton columns={8} rows={10} filters={4} />
    </>
  );
}
