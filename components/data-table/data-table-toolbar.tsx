"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { XIcon } from "@/components/ui/icons";
import { useFilterParams } from "./use-table-url";

/**
 * The row above a table: filters on the left (with a reset when any is set), view options and
 * export on the right, and the bulk-action bar when rows are selected.
 */
export function DataTableToolbar({
  filters,
  filterParams,
  actions,
  bulkActions,
}: {
  filters: ReactNode;
  /** URL parameters that count as filters, for the Reset button. */
  filterParams: string[];
  actions?: ReactNode;
  bulkActions?: ReactNode;
}) {
  const { filtered, reset } = useFilterParams(filterParams);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-1 flex-wrap items-center gap-2">
          {filters}
          {filtered ? (
            <Button variant="ghost" size="sm" onClick={reset}>
              Reset
              <XIcon size={14} />
            </Button>
          ) : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      {bulkActions}
    </div>
  );
}

/** The bar shown while rows are selected: how many, what can be done to them, and a way out. */
export function DataTableBulkBar({ count, children, onClear }: { count: number; children: ReactNode; onClear: () => void }) {
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-200 bg-zinc-900 px-3 py-2 text-sm text-white"
    >
      <span className="font-medium">{count} selected</span>
      <div className="flex flex-1 flex-wrap items-center gap-2">{children}</div>
      <button type="button" onClick={onClear} className="rounded px-2 py-1 text-zinc-300 hover:bg-zinc-800 hover:text-white">
        Clear selection
      </button>
    </div>
  );
}
