"use client";

/**
 * Wires a TanStack table (v9, `useTable`) to the URL: sorting and hidden columns are read from
 * the page's parsed state / the URL and written back to it; the server does the sorting. Row
 * selection is the one piece of state that stays in the browser (ids, across pages).
 */
import {
  functionalUpdate,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useCallback, useMemo, useState } from "react";
import type { TableSort } from "@/lib/validation/data-table";
import { dataTableFeatures, type DataTableFeatures, type DataTableRow } from "./features";
import { useListParam, useTableUrl } from "./use-table-url";

export function useDataTable<TRow extends DataTableRow>(opts: {
  data: TRow[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column holds its own value type; TanStack types a mixed list so
  columns: ColumnDef<DataTableFeatures, TRow, any>[];
  /** The sort the server applied (already whitelisted). */
  sort: TableSort;
}) {
  const { data, columns, sort } = opts;
  const url = useTableUrl();
  const hidden = useListParam("hide");

  const sorting = useMemo<SortingState>(() => [{ id: sort.key, desc: sort.dir === "desc" }], [sort.key, sort.dir]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(hidden.map((id) => [id, false])),
    [hidden],
  );
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const [next] = functionalUpdate(updater, sorting);
      url.navigate({ sort: next ? `${next.id}.${next.desc ? "desc" : "asc"}` : null }, { resetPaging: true });
    },
    [sorting, url],
  );

  const onColumnVisibilityChange = useCallback(
    (updater: Updater<ColumnVisibilityState>) => {
      const next = functionalUpdate(updater, columnVisibility);
      const hide = Object.entries(next)
        .filter(([, visible]) => visible === false)
        .map(([id]) => id);
      url.replaceLocal({ hide });
    },
    [columnVisibility, url],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility, rowSelection },
    onSortingChange,
    onColumnVisibilityChange,
    onRowSelectionChange: setRowSelection,
  });

  return { table, pending: url.pending, selectedIds: Object.keys(rowSelection).filter((id) => rowSelection[id]) };
}

export type DataTableInstance<TRow extends DataTableRow> = ReturnType<typeof useDataTable<TRow>>["table"];
