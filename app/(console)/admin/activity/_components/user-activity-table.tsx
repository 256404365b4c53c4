"use client";

import Link from "next/link";
import { useMemo } from "react";
import { createDataTableColumnHelper, DataTableDateRange, DataTableFacetedFilter, DataTableList, useTableUrl, withTableUrl, type KeysetListProps } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import type { UserActivityRow } from "@/lib/db/queries/activity-logs";
import { activityEmpty, resultWhenTimelineColumns, SUCCESS_OPTIONS, whatColumn } from "./activity-columns";

const col = createDataTableColumnHelper<UserActivityRow>();
const FILTER_PARAMS = ["activity", "category", "success", "user", "from", "to"];

type Props = KeysetListProps<UserActivityRow> & { types: string[]; categories: string[] };

function UserActivityView({ types, categories, ...list }: Props) {
  const url = useTableUrl();
  const columns = useMemo(
    () =>
      col.columns([
        whatColumn<UserActivityRow>("type", "Activity", "Activity · resource", (r) => r.activityType, (r) => r.resourceType),
        col.accessor("activityCategory", { id: "category", meta: { label: "Category" }, enableSorting: false, header: () => <span>Category</span>, cell: ({ getValue }) => <Badge>{getValue()}</Badge> }),
        col.accessor("userEmail", {
          id: "user",
          meta: { label: "User" },
          enableSorting: false,
          header: () => <span>User</span>,
          cell: ({ row }) => (
            <Link
              className="block max-w-[12rem] truncate hover:underline"
              href={url.hrefFor({ user: row.original.userId }, { resetPaging: true })}
              title={row.original.userEmail ?? row.original.userId}
            >
              {row.original.userEmail ?? row.original.userId.slice(0, 8)}
            </Link>
          ),
        }),
        col.accessor("requestPath", {
          id: "path",
          meta: { label: "Path" },
          enableSorting: false,
          header: () => <span>Path</span>,
          cell: ({ row }) => {
            const request = `${row.original.requestMethod ?? ""} ${row.original.requestPath ?? "—"}`.trim();
            return (
              <span className="block max-w-[13rem] truncate font-mono text-xs text-zinc-600" title={request}>
                {request}
              </span>
            );
          },
        }),
        ...resultWhenTimelineColumns<UserActivityRow>(() => "Failed", (r) => r.activityType),
      ]),
    [url],
  );
  const filters = (
    <>
      <DataTableFacetedFilter param="activity" title="Activity" options={types.map((t) => ({ value: t, label: t }))} />
      <DataTableFacetedFilter param="category" title="Category" options={categories.map((t) => ({ value: t, label: t }))} />
      <DataTableFacetedFilter param="success" title="Result" options={SUCCESS_OPTIONS} />
      <DataTableDateRange title="Date" />
    </>
  );
  return <DataTableList {...list} columns={columns} label="User activity" filterParams={FILTER_PARAMS} filters={filters} empty={activityEmpty("user activity")} />;
}

export const UserActivityTable = withTableUrl(UserActivityView);
