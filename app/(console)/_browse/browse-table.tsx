"use client";

/**
 * The read-mostly lists of the browse pages (chats, documents, sessions, directives, contexts):
 * the shared data table driven by the URL, keyset pagination, an empty state that says whether
 * filters hide rows. Each list gives its columns and toolbar filters.
 */
import type { ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";
import {
  DataTable,
  DataTablePagination,
  DataTableToolbar,
  DataTableViewOptions,
  TableUrlProvider,
  useDataTable,
  useTableUrl,
  type DataTableFeatures,
  type DataTableRow,
} from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { InboxIcon } from "@/components/ui/icons";
import type { TableSort } from "@/lib/validation/data-table";

export type BrowseTableProps<TRow extends DataTableRow> = {
  label: string;
  rows: TRow[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column holds its own value type; TanStack types a mixed list so
  columns: ColumnDef<DataTableFeatures, TRow, any>[];
  sort: TableSort;
  page: number;
  size: number;
  nextCursor: string | null;
  prevCursor: string | null;
  filters: ReactNode;
  filterParams: string[];
  emptyTitle: string;
  emptyFilteredTitle: string;
  emptyHint: ReactNode;
  groupOf?: (row: TRow) => string | null;
};

export function BrowseTable<TRow extends DataTableRow>(props: BrowseTableProps<TRow>) {
  return (
    <TableUrlProvider>
      <BrowseTableView {...props} />
    </TableUrlProvider>
  );
}

function BrowseTableView<TRow extends DataTableRow>(p: BrowseTableProps<TRow>) {
  const url = useTableUrl();
  const { table, pending } = useDataTable({ data: p.rows, columns: p.columns, sort: p.sort });
  const filtered = p.filterParams.some((k) => url.searchParams.get(k));
  return (
    <DataTable
      table={table}
      pending={pending}
      label={p.label}
      groupOf={p.groupOf}
      toolbar={<DataTableToolbar filterParams={p.filterParams} filters={p.filters} actions={<DataTableViewOptions table={table} />} />}
      empty={
        <EmptyState
          icon={<InboxIcon size={28} />}
          title={filtered ? p.emptyFilteredTitle : p.emptyTitle}
          action={
            filtered ? (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => url.navigate(Object.fromEntries(p.filterParams.map((k) => [k, null])), { resetPaging: true })}
              >
                Reset filters
              </Button>
            ) : null
          }
        >
          {filtered ? "Try another search or fewer filters." : p.emptyHint}
        </EmptyState>
      }
      footer={
        <DataTablePagination nextCursor={p.nextCursor} prevCursor={p.prevCursor} page={p.page} size={p.size} rowCount={p.rows.length} />
      }
    />
  );
}
