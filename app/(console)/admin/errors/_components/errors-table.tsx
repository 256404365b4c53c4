"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
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
  TwoLineCell,
  useDataTable,
  useTableUrl,
  withTableUrl,
  type DataTableEmptyText,
  type KeysetListProps,
  type TableNotice,
} from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { UtcTime } from "@/components/ui/utc-time";
import type { ErrorLogRow } from "@/lib/db/queries/error-logs";
import { ERROR_FILTER_PARAMS, ERROR_STATUSES, ERROR_TYPES, SEVERITIES, SEVERITY_LABELS, type Severity } from "@/lib/validation/error-logs";
import { TriageDialog, type TriageKind, type TriageTarget } from "./triage-dialog";
import { FilterChips, ViewSwitch } from "./view-switch";

type Props = KeysetListProps<ErrorLogRow> & { severityCounts: Record<Severity, number> };

const FILTER_PARAMS = [...ERROR_FILTER_PARAMS];
const EMPTY: DataTableEmptyText = {
  title: "No errors logged",
  filteredTitle: "No errors match these filters",
  hint: "Errors the app and agents log appear here.",
  filteredHint: "Try another search, severity or date range.",
};
const SEVERITY_OPTIONS = SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));
const TYPE_OPTIONS = ERROR_TYPES.map((t) => ({ value: t, label: t }));
const STATUS_OPTIONS = ERROR_STATUSES.map((s) => ({ value: s, label: s === "resolved" ? "Resolved" : "Unresolved" }));

export const SEVERITY_TONE: Record<Severity, "blue" | "amber" | "red" | "violet"> = {
  info: "blue",
  warning: "amber",
  error: "red",
  critical: "violet",
};

const col = createDataTableColumnHelper<ErrorLogRow>();

function ErrorsTableView({ rows, sort, severityCounts, ...paging }: Props) {
  const url = useTableUrl();
  const [notice, setNotice] = useState<TableNotice | null>(null);
  const [dialog, setDialog] = useState<{ kind: TriageKind; target: TriageTarget } | null>(null);

  const columns = useMemo(
    () =>
      col.columns([
        selectColumn<ErrorLogRow>((e) => `error ${e.errorMessage.slice(0, 60)}`),
        col.accessor("severity", {
          meta: { label: "Severity" },
          enableSorting: false,
          header: () => <span>Severity</span>,
          cell: ({ getValue }) => <Badge tone={SEVERITY_TONE[getValue()]}>{SEVERITY_LABELS[getValue()]}</Badge>,
        }),
        col.accessor("errorMessage", {
          id: "message",
          meta: { label: "Message", className: "max-w-[30rem]" },
          enableSorting: false,
          enableHiding: false,
          header: () => <span>Message · type · request</span>,
          cell: ({ row }) => {
            const e = row.original;
            const request = e.requestPath ? `${e.requestMethod ? `${e.requestMethod} ` : ""}${e.requestPath}` : null;
            return (
              <TwoLineCell
                main={
                  <Link href={url.hrefFor({ error: e.id })} scroll={false} className="hover:underline" title={e.errorMessage}>
                    {e.errorMessage}
                  </Link>
                }
                sub={`${e.errorType}/${e.errorCategory}${request ? ` · ${request}` : ""}`}
              />
            );
          },
        }),
        col.accessor("userEmail", {
          id: "user",
          meta: { label: "User" },
          enableSorting: false,
          header: () => <span>User</span>,
          cell: ({ row }) =>
            row.original.userId ? (
              <Link
                href={url.hrefFor({ user: row.original.userId }, { resetPaging: true })}
                className="block max-w-[12rem] truncate text-zinc-700 hover:underline"
                title={`Only the errors of ${row.original.userEmail ?? row.original.userId}`}
              >
                {row.original.userEmail ?? row.original.userId.slice(0, 8)}
              </Link>
            ) : (
              <span className="text-zinc-400">anonymous</span>
            ),
        }),
        col.accessor("resolved", {
          id: "status",
          meta: { label: "Status" },
          enableSorting: false,
          header: () => <span>Status</span>,
          cell: ({ getValue }) => (getValue() ? <Badge tone="green">Resolved</Badge> : <Badge>Open</Badge>),
        }),
        col.accessor("createdAt", {
          id: "created",
          meta: { label: "When (UTC)" },
          sortDescFirst: true,
          header: ({ column }) => <DataTableColumnHeader column={column} title="When (UTC)" />,
          cell: ({ getValue }) => <UtcTime iso={getValue()} />,
        }),
      ]),
    [url],
  );
  const { table, pending, selectedIds } = useDataTable({ data: rows, columns, sort });
  const filterQs = () => {
    const p = new URLSearchParams();
    for (const k of FILTER_PARAMS) {
      const v = url.searchParams.get(k);
      if (v) p.set(k, v);
    }
    return p.toString();
  };

  return (
    <div className="space-y-3">
      <DataTableNotice notice={notice} onDismiss={() => setNotice(null)} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ViewSwitch view="list" />
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={() => setDialog({ kind: "resolve", target: { scope: "filter", filter: filterQs() } })}>
            Resolve all matching…
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDialog({ kind: "reopen", target: { scope: "filter", filter: filterQs() } })}>
            Reopen all matching…
          </Button>
        </div>
      </div>
      <FilterChips />
      <DataTableShell
        table={table}
        pending={pending}
        label="Errors"
        filterParams={FILTER_PARAMS}
        filters={
          <>
            <DataTableSearch label="Search messages" placeholder="Search messages…" />
            <DataTableFacetedFilter param="severity" title="Severity" options={SEVERITY_OPTIONS} counts={severityCounts} />
            <DataTableFacetedFilter param="type" title="Type" options={TYPE_OPTIONS} />
            <DataTableFacetedFilter param="status" title="Status" options={STATUS_OPTIONS} />
            <PathFilter />
            <DataTableDateRange title="Date" />
          </>
        }
        bulkActions={
          <DataTableBulkBar count={selectedIds.length} onClear={() => table.resetRowSelection()}>
            <Button size="sm" variant="secondary" onClick={() => setDialog({ kind: "resolve", target: { scope: "ids", ids: selectedIds } })}>
              Resolve selected…
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setDialog({ kind: "reopen", target: { scope: "ids", ids: selectedIds } })}>
              Reopen selected…
            </Button>
          </DataTableBulkBar>
        }
        empty={EMPTY}
        paging={paging}
        selectedCount={selectedIds.length}
      />
      {dialog ? (
        <TriageDialog
          open
          kind={dialog.kind}
          target={dialog.target}
          onClose={() => setDialog(null)}
          onDone={(text, ok) => {
            setNotice({ text, ok });
            if (ok) table.resetRowSelection();
          }}
        />
      ) : null}
    </div>
  );
}

export const ErrorsTable = withTableUrl(ErrorsTableView);

/** Request path prefix (`path=/api/chat`). */
function PathFilter() {
  const url = useTableUrl();
  const current = url.searchParams.get("path") ?? "";
  const [value, setValue] = useState(current);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        url.navigate({ path: value.trim() || null }, { resetPaging: true });
      }}
    >
      <label className="sr-only" htmlFor="error-path-filter">
        Request path starts with
      </label>
      <input
        id="error-path-filter"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => value.trim() !== current && url.navigate({ path: value.trim() || null }, { resetPaging: true })}
        placeholder="Path, e.g. /api/chat"
        className="h-8 w-44 rounded-md border border-zinc-300 px-2 text-xs shadow-xs"
      />
    </form>
  );
}
