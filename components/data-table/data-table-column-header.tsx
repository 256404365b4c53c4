"use client";

import type { Column } from "@tanstack/react-table";
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from "@/components/ui/icons";
import type { DataTableFeatures, DataTableRow } from "./features";

/**
 * A header that sorts its column (on the server, through the URL) when the column can sort.
 * The direction is announced by `aria-sort` on the <th> (DataTable) and by the button's name.
 */
export function DataTableColumnHeader<TRow extends DataTableRow, TValue>({
  column,
  title,
}: {
  column: Column<DataTableFeatures, TRow, TValue>;
  title: string;
}) {
  if (!column.getCanSort()) return <span>{title}</span>;
  const sorted = column.getIsSorted();
  const next = sorted === "asc" ? "descending" : sorted === "desc" ? "ascending" : column.getFirstSortDir() === "asc" ? "ascending" : "descending";
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      aria-label={`${title}: sort ${next}`}
      className="-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 hover:bg-zinc-100 hover:text-zinc-900"
    >
      {title}
      {sorted === "asc" ? (
        <ArrowUpIcon size={13} />
      ) : sorted === "desc" ? (
        <ArrowDownIcon size={13} />
      ) : (
        <ArrowUpDownIcon size={13} className="text-zinc-400" />
      )}
    </button>
  );
}
