"use client";

/**
 * The read-mostly lists of the browse pages (chats, documents, sessions, directives, contexts):
 * the shared data table driven by the URL, keyset pagination, an empty state that says whether
 * filters hide rows. Each list gives its columns and toolbar filters.
 */
import type { ReactNode } from "react";
import { DataTableList, TableUrlProvider, type DataTableListProps, type DataTableRow } from "@/components/data-table";

export type BrowseTableProps<TRow extends DataTableRow> = Omit<DataTableListProps<TRow>, "empty"> & {
  emptyTitle: string;
  emptyFilteredTitle: string;
  emptyHint: ReactNode;
};

export function BrowseTable<TRow extends DataTableRow>({ emptyTitle, emptyFilteredTitle, emptyHint, ...props }: BrowseTableProps<TRow>) {
  return (
    <TableUrlProvider>
      <DataTableList {...props} empty={{ title: emptyTitle, filteredTitle: emptyFilteredTitle, hint: emptyHint }} />
    </TableUrlProvider>
  );
}
