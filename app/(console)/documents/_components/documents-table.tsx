"use client";

import Link from "next/link";
import { createDataTableColumnHelper, DataTableColumnHeader, DataTableDateRange, DataTableFacetedFilter, DataTableSearch } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { DocumentListRow } from "@/lib/db/queries/documents";
import type { TableSort } from "@/lib/validation/data-table";
import { DOCUMENT_KINDS, KIND_LABELS } from "@/lib/validation/documents";
import { BrowseTable } from "../../_browse/browse-table";
import { Num } from "../../_browse/cells";

const col = createDataTableColumnHelper<DocumentListRow>();
const columns = col.columns([
  col.accessor("title", {
    meta: { label: "Title" },
    enableHiding: false,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Title" />,
    cell: ({ row }) => (
      <Link href={`/documents/${row.original.id}`} className="block max-w-md truncate font-medium text-zinc-900 hover:underline">
        {row.original.title}
      </Link>
    ),
  }),
  col.accessor("kind", {
    meta: { label: "Kind" },
    enableSorting: false,
    header: () => "Kind",
    cell: ({ getValue }) => <Badge>{KIND_LABELS[getValue()] ?? getValue()}</Badge>,
  }),
  col.accessor("versionCount", {
    id: "versions",
    meta: { label: "Versions", className: "text-right" },
    enableSorting: false,
    header: () => "Versions",
    cell: ({ row }) => (
      <span title={`Latest is version ${row.original.latestVersion}`}>
        <Num value={row.original.versionCount} />
      </span>
    ),
  }),
  col.accessor("chatTitle", {
    id: "chat",
    meta: { label: "Chat" },
    enableSorting: false,
    header: () => "Chat",
    cell: ({ row }) =>
      row.original.chatId ? (
        <Link href={`/chats/${row.original.chatId}`} className="block max-w-xs truncate text-zinc-600 hover:underline">
          {row.original.chatTitle ?? "Chat"}
        </Link>
      ) : (
        <span className="text-zinc-400">—</span>
      ),
  }),
  col.accessor("updatedAt", {
    id: "updated",
    meta: { label: "Updated" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Updated" />,
    cell: ({ getValue }) => <UtcTime iso={getValue()} />,
  }),
]);

const KIND_OPTIONS = DOCUMENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

export function DocumentsTable(props: { rows: DocumentListRow[]; sort: TableSort; page: number; size: number; nextCursor: string | null; prevCursor: string | null }) {
  return (
    <BrowseTable
      label="Documents"
      columns={columns}
      {...props}
      filterParams={["q", "kind", "from", "to"]}
      filters={
        <>
          <DataTableSearch label="Search documents" placeholder="Search titles…" />
          <DataTableFacetedFilter param="kind" title="Kind" options={KIND_OPTIONS} />
          <DataTableDateRange title="Updated" />
        </>
      }
      emptyTitle="No documents yet"
      emptyFilteredTitle="No documents match these filters"
      emptyHint="Documents, code and diagrams the agents create in your chats appear here."
    />
  );
}
