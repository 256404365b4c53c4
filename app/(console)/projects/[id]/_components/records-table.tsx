"use client";

import { useMemo, useState, useTransition } from "react";
import {
  createDataTableColumnHelper,
  DataTableBulkBar,
  DataTableColumnHeader,
  DataTableDateRange,
  DataTableFacetedFilter,
  DataTableNotice,
  DataTableSearch,
  DataTableShell,
  selectColumn,
  useDataTable,
  useTableUrl,
  withTableUrl,
  type DataTableEmptyText,
  type KeysetListProps,
  type TableNotice,
} from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { RecordRow } from "@/lib/db/queries/projects";
import { formatDayTime } from "@/lib/format";
import { CATEGORY_LABELS, RECORD_TYPE_LABELS, scaleLabel } from "@/lib/validation/projects";
import { reviewProjectRecords } from "../actions";

type Props = KeysetListProps<RecordRow> & { projectId: string; creators: { id: string; label: string; count: number }[] };

const FILTER_PARAMS = ["q", "type", "category", "reviewed", "creator", "from", "to"];
const EMPTY: DataTableEmptyText = {
  title: "No records yet",
  filteredTitle: "No records match these filters",
  hint: "Import a CSV file above to add tasks or feedback.",
  filteredHint: "Try fewer filters.",
};
const col = createDataTableColumnHelper<RecordRow>();

function Score({ value, scale }: { value: number | null; scale: "realism" | "quality" }) {
  if (value == null) return <span className="text-zinc-400">—</span>;
  return (
    <span title={`${value.toFixed(2)} of 7`} className="whitespace-nowrap">
      {scaleLabel(scale, value)} <span className="text-xs text-zinc-500 tabular-nums">({value.toFixed(1)})</span>
    </span>
  );
}

function RecordsTableView({ projectId, rows, sort, creators, ...paging }: Props) {
  const url = useTableUrl();
  const [notice, setNotice] = useState<TableNotice | null>(null);
  const [bulkPending, startBulk] = useTransition();

  const columns = useMemo(
    () =>
      col.columns([
        selectColumn<RecordRow>((r) => r.content.slice(0, 40)),
        col.accessor("type", {
          meta: { label: "Type" },
          enableSorting: false,
          header: () => "Type",
          cell: ({ getValue }) => <Badge tone={getValue() === "TASK" ? "blue" : "violet"}>{RECORD_TYPE_LABELS[getValue()]}</Badge>,
        }),
        col.accessor("category", {
          meta: { label: "Category" },
          enableSorting: false,
          header: () => "Category",
          cell: ({ getValue }) => {
            const c = getValue();
            return c ? <Badge tone={c === "TOP_10" ? "green" : "amber"}>{CATEGORY_LABELS[c]}</Badge> : <span className="text-zinc-400">—</span>;
          },
        }),
        col.accessor("content", {
          meta: { label: "Content" },
          enableSorting: false,
          enableHiding: false,
          header: () => "Content",
          cell: ({ row }) => (
            <button
              type="button"
              className="block max-w-md text-left text-zinc-900 hover:underline"
              onClick={() => url.navigate({ record: row.original.id })}
              aria-label={`Open record: ${row.original.content.slice(0, 60)}`}
            >
              <span className="line-clamp-2">{row.original.content}</span>
              {row.original.contentLength > row.original.content.length ? <span className="text-xs text-zinc-500"> … open for all</span> : null}
            </button>
          ),
        }),
        col.accessor("source", {
          meta: { label: "Source" },
          enableSorting: false,
          header: () => "Source",
          cell: ({ getValue }) => <span className="font-mono text-xs text-zinc-600">{getValue()}</span>,
        }),
        col.accessor("createdByEmail", {
          id: "creator",
          meta: { label: "Created by" },
          enableSorting: false,
          header: () => "Created by",
          cell: ({ row }) => <span className="text-zinc-700">{row.original.createdByEmail ?? row.original.createdByName ?? "—"}</span>,
        }),
        col.accessor("hasBeenReviewed", {
          id: "reviewed",
          meta: { label: "Reviewed" },
          enableSorting: false,
          header: () => "Reviewed",
          cell: ({ row }) =>
            row.original.hasBeenReviewed ? (
              <span title={row.original.reviewedBy ? `by ${row.original.reviewedBy}` : undefined}>
                <Badge tone="green">Reviewed</Badge>
              </span>
            ) : (
              <span className="text-zinc-500">Not yet</span>
            ),
        }),
        col.accessor("isCategoryCorrect", {
          id: "correct",
          meta: { label: "Category correct" },
          enableSorting: false,
          header: () => "Category correct",
          cell: ({ getValue }) => {
            const v = getValue();
            return v == null ? <span className="text-zinc-400">—</span> : v ? <Badge tone="green">Correct</Badge> : <Badge tone="red">Incorrect</Badge>;
          },
        }),
        col.accessor("avgRealism", {
          id: "realism",
          meta: { label: "Realism" },
          enableSorting: false,
          header: () => "Realism (people)",
          cell: ({ getValue }) => <Score value={getValue()} scale="realism" />,
        }),
        col.accessor("avgQuality", {
          id: "quality",
          meta: { label: "Quality" },
          enableSorting: false,
          header: () => "Quality (people)",
          cell: ({ getValue }) => <Score value={getValue()} scale="quality" />,
        }),
        col.accessor("createdAt", {
          id: "created",
          meta: { label: "Created" },
          sortDescFirst: true,
          header: ({ column }) => <DataTableColumnHeader column={column} title="Created (UTC)" />,
          cell: ({ getValue }) => (
            <time dateTime={getValue()} className="whitespace-nowrap text-zinc-600 tabular-nums">
              {formatDayTime(getValue())}
            </time>
          ),
        }),
      ]),
    [url],
  );
  const { table, pending, selectedIds } = useDataTable({ data: rows, columns, sort });

  const bulk = (input: { reviewed?: boolean; categoryCorrect?: boolean | null }) =>
    startBulk(async () => {
      const r = await reviewProjectRecords(null, { projectId, recordIds: selectedIds, ...input });
      setNotice({ text: r.message ?? "Done.", ok: r.ok });
      if (r.ok) table.resetRowSelection();
    });

  return (
    <div className="space-y-3">
      <DataTableNotice notice={notice} onDismiss={() => setNotice(null)} />
      <DataTableShell
        table={table}
        pending={pending}
        label="Records"
        filterParams={FILTER_PARAMS}
        filters={
          <>
            <DataTableSearch label="Search records" placeholder="Search content…" />
            <DataTableFacetedFilter param="type" title="Type" options={[{ value: "TASK", label: "Task" }, { value: "FEEDBACK", label: "Feedback" }]} />
            <DataTableFacetedFilter
              param="category"
              title="Category"
              options={[
                { value: "TOP_10", label: CATEGORY_LABELS.TOP_10 },
                { value: "BOTTOM_10", label: CATEGORY_LABELS.BOTTOM_10 },
                { value: "NONE", label: CATEGORY_LABELS.NONE },
              ]}
            />
            <DataTableFacetedFilter param="reviewed" title="Reviewed" options={[{ value: "yes", label: "Reviewed" }, { value: "no", label: "Not reviewed" }]} />
            {creators.length ? (
              <DataTableFacetedFilter
                param="creator"
                title="Creator"
                options={creators.map((c) => ({ value: c.id, label: c.label }))}
                counts={Object.fromEntries(creators.map((c) => [c.id, c.count]))}
              />
            ) : null}
            <DataTableDateRange title="Created" />
          </>
        }
        bulkActions={
          <DataTableBulkBar count={selectedIds.length} onClear={() => table.resetRowSelection()}>
            <Button size="sm" variant="secondary" disabled={bulkPending} onClick={() => bulk({ reviewed: true })}>
              Mark reviewed
            </Button>
            <Button size="sm" variant="secondary" disabled={bulkPending} onClick={() => bulk({ categoryCorrect: true })}>
              Category correct
            </Button>
            <Button size="sm" variant="secondary" disabled={bulkPending} onClick={() => bulk({ categoryCorrect: false })}>
              Category incorrect
            </Button>
            <Button size="sm" variant="ghost" disabled={bulkPending} onClick={() => bulk({ reviewed: false, categoryCorrect: null })}>
              Clear review
            </Button>
          </DataTableBulkBar>
        }
        empty={EMPTY}
        paging={paging}
        selectedCount={selectedIds.length}
      />
    </div>
  );
}

export const RecordsTable = withTableUrl(RecordsTableView);
