"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/input";
import type { DataTableFeatures, DataTableRow } from "./features";

/** A checkbox column for bulk actions: the header selects the rows on this page. */
export function selectColumn<TRow extends DataTableRow>(
  rowLabel: (row: TRow) => string,
): ColumnDef<DataTableFeatures, TRow, unknown> {
  return {
    id: "select",
    enableSorting: false,
    enableHiding: false,
    meta: { label: "Select", className: "w-10" },
    header: ({ table }) => (
      <Checkbox
        aria-label="Select all rows on this page"
        checked={table.getIsAllPageRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = !table.getIsAllPageRowsSelected() && table.getIsSomePageRowsSelected();
        }}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={`Select ${rowLabel(row.original)}`}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  };
}
