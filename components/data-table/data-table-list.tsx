"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { DataTableEmptyText } from "./data-table-empty";
import { DataTableShell, type KeysetListProps } from "./data-table-shell";
import type { DataTableFeatures, DataTableRow } from "./features";
import { useDataTable } from "./use-data-table";

export type DataTableListProps<TRow extends DataTableRow> = KeysetListProps<TRow> & {
  label: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column holds its own value type; TanStack types a mixed list so
  columns: ColumnDef<DataTableFeatures, TRow, any>[];
  filterParams: string[];
  filters: ReactNode;
  empty: DataTableEmptyText;
  groupOf?: (row: TRow) => string | null;
};

/**
 * A keyset-paged list that only shows its rows (no selection, no bulk actions): the browse
 * lists, the activity logs. It makes its table from the columns; inside a TableUrlProvider.
 */
export function DataTableList<TRow extends DataTableRow>({ rows, sort, columns, page, size, nextCursor, prevCursor, ...shell }: DataTableListProps<TRow>) {
  const { table, pending } = useDataTable({ data: rows, columns, sort });
  return <DataTableShell table={table} pending={pending} paging={{ page, size, nextCursor, prevCursor }} {...shell} />;
}
