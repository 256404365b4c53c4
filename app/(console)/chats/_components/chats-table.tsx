"use client";

import Link from "next/link";
import { useMemo } from "react";
import { createDataTableColumnHelper, DataTableColumnHeader, DataTableDateRange, DataTableFacetedFilter, DataTableSearch } from "@/components/data-table";
import { UtcTime } from "@/components/ui/utc-time";
import type { ChatListRow } from "@/lib/db/queries/chats";
import { dateGroup } from "@/lib/format";
import type { TableSort } from "@/lib/validation/data-table";
import { CHAT_VISIBILITIES, VISIBILITY_LABELS } from "@/lib/validation/chats";
import { BrowseTable } from "../../_browse/browse-table";
import { Num, StatusBadge, Usd } from "../../_browse/cells";

const col = createDataTableColumnHelper<ChatListRow>();
const columns = col.columns([
  col.accessor("title", {
    meta: { label: "Title" },
    enableHiding: false,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Title" />,
    cell: ({ row }) => (
      <Link href={`/chats/${row.original.id}`} className="block max-w-md truncate font-medium text-zinc-900 hover:underline">
        {row.original.title}
      </Link>
    ),
  }),
  col.accessor("visibility", {
    meta: { label: "Visibility" },
    enableSorting: false,
    header: () => "Visibility",
    cell: ({ getValue }) => <StatusBadge status={getValue()} label={VISIBILITY_LABELS[getValue()]} />,
  }),
  col.accessor("createdAt", {
    id: "created",
    meta: { label: "Created" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
    cell: ({ getValue }) => <UtcTime iso={getValue()} />,
  }),
  col.accessor("updatedAt", {
    id: "updated",
    meta: { label: "Updated" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Updated" />,
    cell: ({ getValue }) => <UtcTime iso={getValue()} />,
  }),
  col.accessor("messageCount", {
    id: "messages",
    meta: { label: "Messages", className: "text-right" },
    enableSorting: false,
    header: () => "Messages",
    cell: ({ getValue }) => <Num value={getValue()} />,
  }),
  col.accessor("inputTokens", {
    meta: { label: "Input tokens", className: "text-right" },
    enableSorting: false,
    header: () => "Input tokens",
    cell: ({ getValue }) => <Num value={getValue()} />,
  }),
  col.accessor("outputTokens", {
    meta: { label: "Output tokens", className: "text-right" },
    enableSorting: false,
    header: () => "Output tokens",
    cell: ({ getValue }) => <Num value={getValue()} />,
  }),
  col.accessor("cost", {
    meta: { label: "Cost", className: "text-right" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Cost" />,
    cell: ({ getValue }) => <Usd value={getValue()} />,
  }),
]);

const VISIBILITY_OPTIONS = CHAT_VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }));
const FILTER_PARAMS = ["q", "visibility", "from", "to"];

export function ChatsTable(props: {
  rows: ChatListRow[];
  sort: TableSort;
  page: number;
  size: number;
  nextCursor: string | null;
  prevCursor: string | null;
  now: number;
  /** The viewer's zone: "Today" is their today. */
  tz: string;
}) {
  const { now, sort, tz, ...rest } = props;
  // Groups follow the time column the list is sorted by (updated, or created).
  const groupOf = useMemo(() => {
    if (sort.key !== "updated" && sort.key !== "created") return undefined;
    return (r: ChatListRow) => dateGroup(sort.key === "created" ? r.createdAt : r.updatedAt, now, tz);
  }, [sort.key, now, tz]);
  return (
    <BrowseTable
      label="Chats"
      columns={columns}
      {...rest}
      sort={sort}
      groupOf={groupOf}
      filterParams={FILTER_PARAMS}
      filters={
        <>
          <DataTableSearch label="Search chats" placeholder="Search titles and messages…" />
          <DataTableFacetedFilter param="visibility" title="Visibility" options={VISIBILITY_OPTIONS} />
          <DataTableDateRange title="Updated" />
        </>
      }
      emptyTitle="No chats yet"
      emptyFilteredTitle="No chats match these filters"
      emptyHint="Conversations you have with the assistant appear here."
    />
  );
}
