"use client";

import Link from "next/link";
import { createDataTableColumnHelper, DataTableColumnHeader, DataTableFacetedFilter, DataTableSearch } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import type { DirectiveListRow } from "@/lib/db/queries/directives";
import type { TableSort } from "@/lib/validation/data-table";
import { BrowseTable } from "../../_browse/browse-table";
import { Num } from "../../_browse/cells";

const col = createDataTableColumnHelper<DirectiveListRow>();
const columns = col.columns([
  col.accessor("name", {
    meta: { label: "Name" },
    enableHiding: false,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
    cell: ({ row }) => (
      <div className="max-w-56">
        <Link href={`/directives/${encodeURIComponent(row.original.name)}`} className="font-medium text-zinc-900 hover:underline">
          {row.original.name}
        </Link>
        {row.original.description ? <p className="truncate text-xs text-zinc-500" title={row.original.description}>{row.original.description}</p> : null}
      </div>
    ),
  }),
  col.accessor("category", {
    meta: { label: "Category" },
    enableSorting: false,
    header: () => "Category",
    cell: ({ row }) => (
      <span className="text-zinc-700">
        {row.original.category}
        {row.original.subcategory ? <span className="text-zinc-400"> / {row.original.subcategory}</span> : null}
      </span>
    ),
  }),
  col.accessor("isOfficial", {
    id: "official",
    meta: { label: "Official" },
    enableSorting: false,
    header: () => "Official",
    cell: ({ getValue }) => (getValue() ? <Badge tone="blue">Official</Badge> : <span className="text-zinc-400">—</span>),
  }),
  col.accessor("downloads", {
    meta: { label: "Downloads", className: "text-right" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Downloads" />,
    cell: ({ getValue }) => <Num value={getValue()} />,
  }),
  col.accessor("quality", {
    meta: { label: "Quality", className: "text-right" },
    sortDescFirst: true,
    header: ({ column }) => <DataTableColumnHeader column={column} title="Quality" />,
    cell: ({ getValue }) => <span className="tabular-nums">{Number(getValue()).toFixed(2)}</span>,
  }),
  col.accessor("techStack", {
    id: "stack",
    meta: { label: "Tech stack" },
    enableSorting: false,
    header: () => "Tech stack",
    cell: ({ getValue }) => {
      const v = getValue();
      const list = Array.isArray(v) ? v.map(String) : [];
      return (
        <span className="flex gap-1" title={list.join(", ")}>
          {list.slice(0, 2).map((t) => (
            <Badge key={t}>{t}</Badge>
          ))}
          {list.length > 2 ? <span className="text-xs text-zinc-500">+{list.length - 2}</span> : null}
        </span>
      );
    },
  }),
  col.accessor("latestVersion", {
    id: "latest",
    meta: { label: "Latest" },
    enableSorting: false,
    header: () => "Latest",
    cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? "—"}</span>,
  }),
]);

export function DirectivesTable(props: {
  rows: DirectiveListRow[];
  sort: TableSort;
  page: number;
  size: number;
  nextCursor: string | null;
  prevCursor: string | null;
  categories: { category: string; count: number }[];
}) {
  const { categories, ...rest } = props;
  return (
    <BrowseTable
      label="Directives"
      columns={columns}
      {...rest}
      filterParams={["q", "category", "official"]}
      filters={
        <>
          <DataTableSearch label="Search directives" placeholder="Search names, descriptions, stacks…" />
          <DataTableFacetedFilter
            param="category"
            title="Category"
            options={categories.map((c) => ({ value: c.category, label: c.category }))}
            counts={Object.fromEntries(categories.map((c) => [c.category, c.count]))}
          />
          <DataTableFacetedFilter param="official" title="Official" options={[{ value: "yes", label: "Official" }, { value: "no", label: "Community" }]} />
        </>
      }
      emptyTitle="The registry is empty"
      emptyFilteredTitle="No directives match these filters"
      emptyHint="Directives published to the registry appear here."
    />
  );
}
