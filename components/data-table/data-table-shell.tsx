"use client";

import type { ReactNode } from "react";
import type { TableSort } from "@/lib/validation/data-table";
import { DataTable } from "./data-table";
import { DataTableEmpty, type DataTableEmptyText } from "./data-table-empty";
import { DataTablePagination, type KeysetPaging } from "./data-table-pagination";
import { DataTableToolbar } from "./data-table-toolbar";
import { DataTableViewOptions } from "./data-table-view-options";
import type { DataTableRow } from "./features";
import type { DataTableInstance } from "./use-data-table";

/** What a page hands a keyset-paged list: the rows of this page, the sort applied, where it stands. */
export type KeysetListProps<TRow extends DataTableRow> = KeysetPaging & { rows: TRow[]; sort: TableSort };

/**
 * A list as every list page shows it: the toolbar (filters with their reset, the column menu and
 * the list's own actions, the bulk bar), the table, an empty state that knows about the filters,
 * and keyset paging under it. A list brings its table (useDataTable), filters and texts.
 *
 *   <DataTableShell table={table} pending={pending} label="Users" filterParams={FILTERS}
 *     filters={...} empty={{ title: "No accounts yet", ... }} paging={paging} />
 */
export function DataTableShell<TRow extends DataTableRow>({
  table,
  pending,
  label,
  groupOf,
  filterParams,
  filters,
  actions,
  bulkActions,
  empty,
  paging,
  selectedCount,
  footer,
}: {
  table: DataTableInstance<TRow>;
  pending: boolean;
  label: string;
  groupOf?: (row: TRow) => string | null;
  /** URL parameters that count as filters (the Reset buttons clear them). */
  filterParams: string[];
  filters: ReactNode;
  /** Shown after the column menu (an export). */
  actions?: ReactNode;
  bulkActions?: ReactNode;
  empty: DataTableEmptyText;
  /** Keyset paging of the rows; a list that shows all its rows gives a `footer` instead. */
  paging?: KeysetPaging;
  selectedCount?: number;
  footer?: ReactNode;
}) {
  return (
    <DataTable
      table={table}
      pending={pending}
      label={label}
      groupOf={groupOf}
      toolbar={
        <DataTableToolbar
          filterParams={filterParams}
          filters={filters}
          actions={
            <>
              <DataTableViewOptions table={table} />
              {actions}
            </>
          }
          bulkActions={bulkActions}
        />
      }
      empty={<DataTableEmpty filterParams={filterParams} {...empty} />}
      footer={
        paging ? (
          <DataTablePagination
            nextCursor={paging.nextCursor}
            prevCursor={paging.prevCursor}
            page={paging.page}
            size={paging.size}
            rowCount={table.getRowModel().rows.length}
            selectedCount={selectedCount}
          />
        ) : (
          footer
        )
      }
    />
  );
}
