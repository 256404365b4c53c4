"use client";

import { ColumnsIcon } from "@/components/ui/icons";
import { Popover } from "@/components/ui/popover";
import type { DataTableRow } from "./features";
import type { DataTableInstance } from "./use-data-table";

/** Column visibility (`hide=` in the URL, applied in the browser without a server round trip). */
export function DataTableViewOptions<TRow extends DataTableRow>({ table }: { table: DataTableInstance<TRow> }) {
  const columns = table.getAllLeafColumns().filter((c) => c.getCanHide());
  return (
    <Popover
      button={
        <>
          <ColumnsIcon />
          Columns
        </>
      }
      align="end"
      panelLabel="Show columns"
    >
      {() => (
        <fieldset className="p-1">
          <legend className="px-2 py-1 text-xs font-medium text-zinc-500">Show columns</legend>
          {columns.map((column) => (
            <label key={column.id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-100">
              <input
                type="checkbox"
                className="size-4 accent-zinc-900"
                checked={column.getIsVisible()}
                onChange={(e) => column.toggleVisibility(e.target.checked)}
              />
              {column.columnDef.meta?.label ?? column.id}
            </label>
          ))}
        </fieldset>
      )}
    </Popover>
  );
}
