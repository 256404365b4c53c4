import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the usage pages (a user's own and the admin's): header, toolbar, five totals, four charts. */
export function UsagePageSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading usage">
      <div className="mb-6 space-y-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-4 w-96" />
      </div>
      <Skeleton className="mb-6 h-8 w-[32rem]" />
      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-72" />
        ))}
      </div>
    </div>
  );
}
