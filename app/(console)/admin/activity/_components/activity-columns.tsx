/** What the user and agent activity tables show alike. */
import Link from "next/link";
import { createDataTableColumnHelper, DataTableColumnHeader, TwoLineCell, type DataTableEmptyText, type DataTableRow } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";

export const SUCCESS_OPTIONS = [
  { value: "success", label: "Succeeded" },
  { value: "failure", label: "Failed" },
];

/** The empty state of an activity table: `what` is "user activity" or "agent operations". */
export function activityEmpty(what: string): DataTableEmptyText {
  return {
    title: `No ${what} logged`,
    filteredTitle: `No ${what} match these filters`,
    hint: "Activity appears here when user activity logging is enabled in the logging settings.",
    filteredHint: "Try fewer filters or another date range.",
  };
}

/** The link from a row to the timeline of everything its correlation id caused. */
function TimelineLink({ correlationId, of }: { correlationId: string; of: string }) {
  return (
    <Link className="text-xs font-medium text-brand-700 underline" href={`/admin/activity/correlation/${correlationId}`} aria-label={`Open the correlation timeline of ${of}`}>
      Timeline
    </Link>
  );
}

type ActivityRow = DataTableRow & { createdAt: string; correlationId: string; success: boolean; errorMessage: string | null };

/** The first column: what was done (`main`) over what it was done to or by (`sub`). */
export function whatColumn<TRow extends ActivityRow>(id: string, label: string, header: string, main: (row: TRow) => string, sub: (row: TRow) => string | null) {
  return createDataTableColumnHelper<TRow>().accessor(main, {
    id,
    meta: { label },
    enableSorting: false,
    enableHiding: false,
    header: () => <span>{header}</span>,
    cell: ({ row }) => <TwoLineCell main={main(row.original)} sub={sub(row.original)} />,
  });
}

/**
 * The last three columns: the result (OK, or the failure, named by `failure`, with the error
 * message on hover), when (UTC, the default sort) and the link to the row's timeline.
 */
export function resultWhenTimelineColumns<TRow extends ActivityRow>(failure: (row: TRow) => string, timelineOf: (row: TRow) => string) {
  const col = createDataTableColumnHelper<TRow>();
  return [
    col.accessor((r) => r.success, {
      id: "success",
      meta: { label: "Result" },
      enableSorting: false,
      header: () => <span>Result</span>,
      cell: ({ row }) =>
        row.original.success ? (
          <Badge tone="green">OK</Badge>
        ) : (
          <span title={row.original.errorMessage ?? undefined}>
            <Badge tone="red">{failure(row.original)}</Badge>
          </span>
        ),
    }),
    col.accessor((r) => r.createdAt, {
      id: "created",
      meta: { label: "When (UTC)" },
      sortDescFirst: true,
      header: ({ column }) => <DataTableColumnHeader column={column} title="When (UTC)" />,
      cell: ({ getValue }) => <UtcTime iso={getValue()} precision="second" wrap />,
    }),
    col.display({
      id: "timeline",
      enableHiding: false,
      meta: { label: "Timeline" },
      header: () => <span className="sr-only">Timeline</span>,
      cell: ({ row }) => <TimelineLink correlationId={row.original.correlationId} of={timelineOf(row.original)} />,
    }),
  ] as const;
}
