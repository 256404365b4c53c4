import { TablePageSkeleton } from "@/components/data-table/data-table-skeleton";

export default function Loading() {
  return <TablePageSkeleton columns={7} filters={2} />;
}
