import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function Loading() {
  return <TablePageSkeleton columns={6} filters={2} />;
}
