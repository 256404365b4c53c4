"use client";

import Link from "next/link";
import { createDataTableColumnHelper, DataTableColumnHeader, DataTableDateRange, DataTableFacetedFilter, DataTableSearch } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { SessionListRow } from "@/lib/db/queries/sessions";
import { formatDuration } from "@/lib/format";
import { SESSION_SOURCES, SESSION_STATUSES } from "@/lib/validation/browse";
import type { TableSort } from "@/lib/validation/data-table";
import { BrowseTable } from "../../_browse/browse-table";
import { Num, StatusBadge, Usd } from "../../_browse/cells";

const col = createDataTableColumnHelper<SessionListRow>();
const columns = col.columns([
  col.accessor("originalInput", {
    id: "input",
    meta: { label: "Input" },
    enableHiding: false,
    enableSorting: false,
    header: () => "Input",
    cell: ({ row }) => (
      <Link href={`/sessions/${row.original.id}`} className="block max-w-52 truncate font-medium text-zinc-900 hover:underline" title={row.original.originalInput}>
        {row.original.originalInput}
      </Link>
    ),
  }),
  col.accessor("status", { meta: { label: "Status" }, enableSorting: false, header: () => "Status", cell: ({ getValue }) => <StatusBadge status={getValue()} /> }),
  col.accessor("source", { meta: { label: "Source" }, enableSorting: false, header: () => "Source", cell: ({ getValue }) => <Badge>{getValue()}</Badge> }),
  col.accessor("revisionCount", { id: "revisions", meta: { label: "Revisions", className: "text-right" }, enableSorting: false, header: () => "Revisions", cell: ({ getValue }) => <Num value={getValue()} /> }),
  col.accessor("draftCount", {
    id: "drafts",
    meta: { label: "Drafts", className: "text-right" },
    enableSorting: false,
    header: () => "Drafts",
    cell: ({ row }) => (
      <span className="inline-flex items-center gap-1">
        <Num value={row.original.draftCount} />
        {row.original.latestDraftValid === false ? <span title="Latest draft is not valid" className="text-red-600">✕</span> : null}
      </span>
    ),
  }),
  col.accessor("holeCount", { id: "holes", meta: { label: "Holes", className: "text-right" }, enableSorting: false, header: () => "Holes", cell: ({ getValue }) => <Num value={getValue()} /> }),
  col.accessor("cost", { meta: { label: "Cost", className: "text-right" }, enableSorting: false, header: () => "Cost", cell: ({ getValue }) => <Usd value={getValue()} /> }),
  col.accessor("tokens", { meta: { label: "Tokens", className: "text-right" }, enableSorting: false, header: () => "Tokens", cell: ({ getValue }) => <Num value={getValue()} /> }),
  col.accessor("durationSeconds", {
    id: "duration",
    meta: { label: "Duration", className: "text-right" },
    enableSorting: false,
    header: () => "Duration",
    cell: ({ getValue }) => <span className="tabular-nums">{formatDuration(getValue() === null ? null : Number(getValue()) * 1000)}</span>,
  }),
  col.accessor("createdAt", {
    id: "created",
    meta: { label: "Created" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
    cell: ({ getValue }) => <UtcTime iso={getValue()} />,
  }),
]);

export function SessionsTable(props: { rows: SessionListRow[]; sort: TableSort; page: number; size: number; nextCursor: string | null; prevCursor: string | null }) {
  return (
    <BrowseTable
      label="Sessions"
      columns={columns}
      {...props}
      filterParams={["q", "status", "source", "from", "to"]}
      filters={
        <>
          <DataTableSearch label="Search sessions" placeholder="Search inputs…" />
          <DataTableFacetedFilter param="status" title="Status" options={SESSION_STATUSES.map((s) => ({ value: s, label: s }))} />
          <DataTableFacetedFilter param="source" title="Source" options={SESSION_SOURCES.map((s) => ({ value: s, label: s }))} />
          <DataTableDateRange title="Created" />
        </>
      }
      emptyTitle="No sessions yet"
      emptyFilteredTitle="No sessions match these filters"
      emptyHint="Code-generation sessions you start appear here."
    />
  );
}
