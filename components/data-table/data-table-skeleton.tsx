import { Skeleton } from "@/components/ui/skeleton";

/** A placeholder shaped like a table (loading.tsx of list pages). */
export function DataTableSkeleton({ columns = 5, rows = 10, filters = 2 }: { columns?: number; rows?: number; filters?: number }) {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading table">
      <div className="flex items-center gap-2">
        <Skeleton className="h-8 w-64" />
        {Array.from({ length: filters }, (_, i) => (
          <Skeleton key={i} className="h-8 w-24" />
        ))}
        <Skeleton className="ml-auto h-8 w-24" />
      </div>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
        <div className="flex gap-4 border-b border-zinc-200 bg-zinc-50 px-3 py-3">
          {Array.from({ length: columns }, (_, i) => (
            <Skeleton key={i} className="h-4 flex-1" />
          ))}
        </div>
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="flex gap-4 border-b border-zinc-100 px-3 py-3.5 last:border-0">
            {Array.from({ length: columns }, (_, c) => (
              <Skeleton key={c} className="h-4 flex-1" />
            ))}
          </div>
        ))}
      </div>
      <div className="flex justify-between">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-8 w-64" />
      </div>
    </div>
  );
}

/** loading.tsx of a list page: its header, then a table of `columns` and `filters`. */
export function TablePageSkeleton({ columns, filters = 2, rows = 10 }: { columns: number; filters?: number; rows?: number }) {
  return (
    <>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-4 w-80" />
      </div>
      <DataTableSkeleton columns={columns} rows={rows} filters={filters} />
    </>
  );
}
