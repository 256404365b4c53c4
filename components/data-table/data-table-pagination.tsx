"use client";

import { Button } from "@/components/ui/button";
import { ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/input";
import { PAGE_SIZE_OPTIONS } from "@/lib/validation/data-table";
import { useTableUrl } from "./use-table-url";

/** Where a keyset-paged list stands, as the page parsed it from the URL and the query returned it. */
export type KeysetPaging = {
  page: number;
  size: number;
  nextCursor: string | null;
  prevCursor: string | null;
};

/**
 * Keyset paging: first, previous and next, by cursor (no page numbers to jump to: that would be
 * OFFSET). The page number shown is carried along in the URL for orientation only.
 */
export function DataTablePagination({
  nextCursor,
  prevCursor,
  page,
  size,
  rowCount,
  selectedCount = 0,
}: KeysetPaging & {
  rowCount: number;
  selectedCount?: number;
}) {
  const url = useTableUrl();
  const firstRow = rowCount === 0 ? 0 : (page - 1) * size + 1;
  const lastRow = rowCount === 0 ? 0 : firstRow + rowCount - 1;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600">
      <p>
        {selectedCount > 0 ? (
          <span className="mr-3 font-medium text-zinc-900">{selectedCount} selected</span>
        ) : null}
        {rowCount === 0 ? "No rows" : `Rows ${firstRow}–${lastRow}`}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 whitespace-nowrap">
          <span>Rows per page</span>
          <Select
            value={String(size)}
            onChange={(e) => url.navigate({ size: e.target.value }, { resetPaging: true })}
            className="h-8 w-auto"
          >
            {PAGE_SIZE_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
            {PAGE_SIZE_OPTIONS.includes(size as (typeof PAGE_SIZE_OPTIONS)[number]) ? null : <option value={size}>{size}</option>}
          </Select>
        </label>
        <span aria-live="polite">Page {page}</span>
        <div className="flex items-center gap-1">
          <Button
            variant="secondary"
            size="sm"
            aria-label="First page"
            disabled={!prevCursor && page <= 1}
            onClick={() => url.navigate({}, { resetPaging: true })}
          >
            <ChevronsLeftIcon />
          </Button>
          <Button
            variant="secondary"
            size="sm"
            aria-label="Previous page"
            disabled={!prevCursor}
            onClick={() =>
              prevCursor && url.navigate({ before: prevCursor, after: null, page: String(Math.max(1, page - 1)) }, { resetPaging: false })
            }
          >
            <ChevronLeftIcon />
          </Button>
          <Button
            variant="secondary"
            size="sm"
            aria-label="Next page"
            disabled={!nextCursor}
            onClick={() =>
              nextCursor && url.navigate({ after: nextCursor, before: null, page: String(page + 1) }, { resetPaging: false })
            }
          >
            <ChevronRightIcon />
          </Button>
        </div>
      </div>
    </nav>
  );
}
