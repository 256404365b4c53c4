"use client";

import { Fragment, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { DataTableFeatures, DataTableRow } from "./features";
import type { DataTableInstance } from "./use-data-table";

/**
 * The one table of the console (docs/style.md#one-data-table). Renders what the server sent for the current URL;
 * while the next URL loads, the rows stay and are marked busy. The toolbar, pagination and the
 * empty state come from the list that uses it.
 *
 *   <DataTable table={table} pending={pending} label="Users" toolbar={<UsersToolbar />} empty={...} />
 */
export function DataTable<TRow extends DataTableRow>({
  table,
  pending = false,
  label,
  toolbar,
  footer,
  empty,
  groupOf,
}: {
  table: DataTableInstance<TRow>;
  pending?: boolean;
  /** Accessible name of the table. */
  label: string;
  toolbar?: ReactNode;
  footer?: ReactNode;
  empty: ReactNode;
  /** Optional group heading of a row (e.g. "Today"); a heading row is drawn where it changes. */
  groupOf?: (row: TRow) => string | null;
}) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <div className="space-y-3">
      {toolbar}
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
        <table aria-label={label} aria-busy={pending || undefined} className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs font-medium text-zinc-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        header.column.getCanSort()
                          ? sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : "none"
                          : undefined
                      }
                      className={cn("h-10 px-3 align-middle whitespace-nowrap", header.column.columnDef.meta?.className)}
                    >
                      {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={cn("divide-y divide-zinc-100 transition-opacity", pending && "opacity-50")}>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columnCount}>{empty}</td>
              </tr>
            ) : (
              rows.map((row, i) => {
                const group = groupOf ? groupOf(row.original) : null;
                const prevGroup = groupOf && i > 0 ? groupOf(rows[i - 1].original) : null;
                return (
                <Fragment key={row.id}>
                {group && group !== prevGroup ? (
                  <tr className="bg-zinc-50/80">
                    <th scope="rowgroup" colSpan={columnCount} className="h-8 px-3 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase">
                      {group}
                    </th>
                  </tr>
                ) : null}
                <tr
                  data-state={row.getIsSelected() ? "selected" : undefined}
                  className="hover:bg-zinc-50 data-[state=selected]:bg-brand-50/60"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cn("h-11 px-3 align-middle whitespace-nowrap", cell.column.columnDef.meta?.className)}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
                </Fragment>
                );
              })
            )}
          </tbody>
        </table>
        {pending ? (
          <div role="status" className="sr-only">
            Loading…
          </div>
        ) : null}
      </div>
      {footer}
    </div>
  );
}

export type { DataTableFeatures };
