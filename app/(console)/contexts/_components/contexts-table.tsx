"use client";

import Link from "next/link";
import { createDataTableColumnHelper, DataTableColumnHeader, DataTableDateRange, DataTableFacetedFilter, DataTableSearch } from "@/components/data-table";
import { UtcTime } from "@/components/ui/utc-time";
import type { ContextListRow } from "@/lib/db/queries/contexts";
import { CONTEXT_STATUSES } from "@/lib/validation/browse";
import type { TableSort } from "@/lib/validation/data-table";
import { BrowseTable } from "../../_browse/browse-table";
import { Num, StatusBadge } from "../../_browse/cells";

const col = createDataTableColumnHelper<ContextListRow>();
const columns = col.columns([
  col.accessor("name", {
    meta: { label: "Project" },
    enableHiding: false,
    enableSorting: false,
    header: () => "Project",
    cell: ({ row }) => (
      <Link href={`/contexts/${encodeURIComponent(row.original.id)}`} className="font-medium text-zinc-900 hover:underline">
        {row.original.name ?? row.original.id.slice(0, 8)}
      </Link>
    ),
  }),
  col.accessor("status", { meta: { label: "Status" }, enableSorting: false, header: () => "Status", cell: ({ getValue }) => <StatusBadge status={getValue()} /> }),
  col.accessor("template", { meta: { label: "Template" }, enableSorting: false, header: () => "Template", cell: ({ getValue }) => <span className="text-zinc-700">{getValue() ?? "—"}</span> }),
  col.accessor("messages", { meta: { label: "Messages", className: "text-right" }, enableSorting: false, header: () => "Messages", cell: ({ getValue }) => <Num value={getValue()} /> }),
  col.accessor("actions", { meta: { label: "Actions", className: "text-right" }, enableSorting: false, header: () => "Actions", cell: ({ getValue }) => <Num value={getValue()} /> }),
  col.accessor("previews", { meta: { label: "Previews", className: "text-right" }, enableSorting: false, header: () => "Previews", cell: ({ getValue }) => <Num value={getValue()} /> }),
  col.accessor("createdAt", { id: "created", meta: { label: "Created" }, enableSorting: false, header: () => "Created", cell: ({ getValue }) => <UtcTime iso={getValue()} /> }),
  col.accessor("updatedAt", {
    id: "updated",
    meta: { label: "Updated" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Updated" />,
    cell: ({ getValue }) => <UtcTime iso={getValue()} />,
  }),
]);

export function ContextsTable(props: { rows: ContextListRow[]; sort: TableSort; page: number; size: number; nextCursor: string | null; prevCursor: string | null }) {
  return (
    <BrowseTable
      label="Contexts"
      columns={columns}
      {...props}
      filterParams={["q", "status", "from", "to"]}
      filters={
        <>
          <DataTableSearch label="Search contexts" placeholder="Search projects, templates…" />
          <DataTableFacetedFilter param="status" title="Status" options={CONTEXT_STATUSES.map((s) => ({ value: s, label: s }))} />
          <DataTableDateRange title="Updated" />
        </>
      }
      emptyTitle="No contexts yet"
      emptyFilteredTitle="No contexts match these filters"
      emptyHint="Projects you set up with the context builder appear here."
    />
  );
}
