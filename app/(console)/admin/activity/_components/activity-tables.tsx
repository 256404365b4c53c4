"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import {
  createDataTableColumnHelper,
  DataTable,
  DataTableColumnHeader,
  DataTableDateRange,
  DataTableFacetedFilter,
  DataTablePagination,
  DataTableToolbar,
  DataTableViewOptions,
  TableUrlProvider,
  TwoLineCell,
  useDataTable,
  useTableUrl,
} from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { InboxIcon } from "@/components/ui/icons";
import type { AgentActivityRow, UserActivityRow } from "@/lib/db/queries/activity-logs";
import { AGENT_TYPES, OPERATION_TYPES } from "@/lib/validation/activity-logs";
import type { TableSort } from "@/lib/validation/data-table";

const dayTime = new Intl.DateTimeFormat("en-CA", {
  timeZone: "UTC",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={`${iso} (UTC)`} className="text-zinc-600 tabular-nums">
      {dayTime.format(new Date(iso)).replace(",", "")}
    </time>
  );
}
const SUCCESS_OPTIONS = [
  { value: "success", label: "Succeeded" },
  { value: "failure", label: "Failed" },
];
const fmt = new Intl.NumberFormat("en-US");
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 4, maximumFractionDigits: 6 });

type Paging = { sort: TableSort; page: number; size: number; nextCursor: string | null; prevCursor: string | null };

export function ActivityTabs({ tab }: { tab: "user" | "agent" }) {
  const link = (t: "user" | "agent", label: string) => (
    <Link
      role="tab"
      aria-selected={tab === t}
      // Each tab has its own filters: switching starts clean.
      href={t === "user" ? "/admin/activity" : "/admin/activity?tab=agent"}
      className={cn(
        "border-b-2 px-3 py-2 text-sm font-medium",
        tab === t ? "border-zinc-900 text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-900",
      )}
    >
      {label}
    </Link>
  );
  return (
    <div role="tablist" aria-label="Activity logs" className="flex gap-2 border-b border-zinc-200">
      {link("user", "User activity")}
      {link("agent", "Agent activity")}
    </div>
  );
}

function ResetEmpty({ params, what }: { params: string[]; what: string }) {
  const url = useTableUrl();
  const filtered = params.some((p) => url.searchParams.get(p));
  return (
    <EmptyState
      icon={<InboxIcon size={28} />}
      title={filtered ? `No ${what} match these filters` : `No ${what} logged`}
      action={
        filtered ? (
          <Button variant="secondary" size="sm" onClick={() => url.navigate(Object.fromEntries(params.map((p) => [p, null])), { resetPaging: true })}>
            Reset filters
          </Button>
        ) : null
      }
    >
      {filtered ? "Try fewer filters or another date range." : "Activity appears here when user activity logging is enabled in the logging settings."}
    </EmptyState>
  );
}

// ---------------------------------------------------------------------------
const ucol = createDataTableColumnHelper<UserActivityRow>();
const USER_FILTERS = ["activity", "category", "success", "user", "from", "to"];

export function UserActivityTable(props: Paging & { rows: UserActivityRow[]; types: string[]; categories: string[] }) {
  return (
    <TableUrlProvider>
      <UserActivityView {...props} />
    </TableUrlProvider>
  );
}

function UserActivityView({ rows, types, categories, sort, page, size, nextCursor, prevCursor }: Paging & { rows: UserActivityRow[]; types: string[]; categories: string[] }) {
  const url = useTableUrl();
  const columns = useMemo(
    () =>
      ucol.columns([
        ucol.accessor("activityType", {
          id: "type",
          meta: { label: "Activity" },
          enableSorting: false,
          enableHiding: false,
          header: () => <span>Activity · resource</span>,
          cell: ({ row }) => <TwoLineCell main={row.original.activityType} sub={row.original.resourceType} />,
        }),
        ucol.accessor("activityCategory", { id: "category", meta: { label: "Category" }, enableSorting: false, header: () => <span>Category</span>, cell: ({ getValue }) => <Badge>{getValue()}</Badge> }),
        ucol.accessor("userEmail", {
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
        ucol.accessor("requestPath", {
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
        ucol.accessor("success", {
          id: "success",
          meta: { label: "Result" },
          enableSorting: false,
          header: () => <span>Result</span>,
          cell: ({ row }) => (row.original.success ? <Badge tone="green">OK</Badge> : <span title={row.original.errorMessage ?? undefined}><Badge tone="red">Failed</Badge></span>),
        }),
        ucol.accessor("createdAt", {
          id: "created",
          meta: { label: "When (UTC)" },
          sortDescFirst: true,
          header: ({ column }) => <DataTableColumnHeader column={column} title="When (UTC)" />,
          cell: ({ getValue }) => <When iso={getValue()} />,
        }),
        ucol.display({
          id: "timeline",
          enableHiding: false,
          meta: { label: "Timeline" },
          header: () => <span className="sr-only">Timeline</span>,
          cell: ({ row }) => (
            <Link className="text-xs font-medium text-brand-700 underline" href={`/admin/activity/correlation/${row.original.correlationId}`} aria-label={`Open the correlation timeline of ${row.original.activityType}`}>
              Timeline
            </Link>
          ),
        }),
      ]),
    [url],
  );
  const { table, pending } = useDataTable({ data: rows, columns, sort });
  return (
    <DataTable
      table={table}
      pending={pending}
      label="User activity"
      toolbar={
        <DataTableToolbar
          filterParams={USER_FILTERS}
          filters={
            <>
              <DataTableFacetedFilter param="activity" title="Activity" options={types.map((t) => ({ value: t, label: t }))} />
              <DataTableFacetedFilter param="category" title="Category" options={categories.map((t) => ({ value: t, label: t }))} />
              <DataTableFacetedFilter param="success" title="Result" options={SUCCESS_OPTIONS} />
              <DataTableDateRange title="Date" />
            </>
          }
          actions={<DataTableViewOptions table={table} />}
        />
      }
      empty={<ResetEmpty params={USER_FILTERS} what="user activity" />}
      footer={<DataTablePagination nextCursor={nextCursor} prevCursor={prevCursor} page={page} size={size} rowCount={rows.length} />}
    />
  );
}

// ---------------------------------------------------------------------------
const acol = createDataTableColumnHelper<AgentActivityRow>();
const AGENT_FILTERS = ["agent", "operation", "model", "success", "minMs", "maxMs", "user", "from", "to"];

export function AgentActivityTable(props: Paging & { rows: AgentActivityRow[]; models: string[] }) {
  return (
    <TableUrlProvider>
      <AgentActivityView {...props} />
    </TableUrlProvider>
  );
}

function AgentActivityView({ rows, models, sort, page, size, nextCursor, prevCursor }: Paging & { rows: AgentActivityRow[]; models: string[] }) {
  const columns = useMemo(
    () =>
      acol.columns([
        acol.accessor("agentType", {
          id: "agent",
          meta: { label: "Agent" },
          enableSorting: false,
          enableHiding: false,
          header: () => <span>Agent · operation</span>,
          cell: ({ row }) => <TwoLineCell main={row.original.agentType} sub={row.original.operationType} />,
        }),
        acol.accessor("modelId", { id: "model", meta: { label: "Model" }, enableSorting: false, header: () => <span>Model</span>, cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? "—"}</span> }),
        acol.accessor("durationMs", {
          id: "duration",
          meta: { label: "Duration", className: "text-right tabular-nums" },
          sortDescFirst: true,
          header: ({ column }) => <DataTableColumnHeader column={column} title="Duration" />,
          cell: ({ getValue }) => (getValue() == null ? <span className="text-zinc-400">—</span> : `${fmt.format(getValue()!)} ms`),
        }),
        acol.accessor("totalTokens", {
          id: "tokens",
          meta: { label: "Tokens", className: "text-right tabular-nums" },
          enableSorting: false,
          header: () => <span>Tokens</span>,
          cell: ({ row }) => {
            const t = row.original.totalTokens ?? (row.original.inputTokens ?? 0) + (row.original.outputTokens ?? 0);
            return t ? fmt.format(t) : <span className="text-zinc-400">—</span>;
          },
        }),
        acol.accessor("totalCost", {
          id: "cost",
          meta: { label: "Cost", className: "text-right tabular-nums" },
          enableSorting: false,
          header: () => <span>Cost</span>,
          cell: ({ getValue }) => (getValue() == null ? <span className="text-zinc-400">—</span> : usd.format(Number(getValue()))),
        }),
        acol.accessor("success", {
          id: "success",
          meta: { label: "Result" },
          enableSorting: false,
          header: () => <span>Result</span>,
          cell: ({ row }) => (row.original.success ? <Badge tone="green">OK</Badge> : <span title={row.original.errorMessage ?? undefined}><Badge tone="red">{row.original.errorType ?? "Failed"}</Badge></span>),
        }),
        acol.accessor("createdAt", {
          id: "created",
          meta: { label: "When (UTC)" },
          sortDescFirst: true,
          header: ({ column }) => <DataTableColumnHeader column={column} title="When (UTC)" />,
          cell: ({ getValue }) => <When iso={getValue()} />,
        }),
        acol.display({
          id: "timeline",
          enableHiding: false,
          meta: { label: "Timeline" },
          header: () => <span className="sr-only">Timeline</span>,
          cell: ({ row }) => (
            <Link className="text-xs font-medium text-brand-700 underline" href={`/admin/activity/correlation/${row.original.correlationId}`} aria-label={`Open the correlation timeline of ${row.original.operationType}`}>
              Timeline
            </Link>
          ),
        }),
      ]),
    [],
  );
  const { table, pending } = useDataTable({ data: rows, columns, sort });
  return (
    <DataTable
      table={table}
      pending={pending}
      label="Agent activity"
      toolbar={
        <DataTableToolbar
          filterParams={AGENT_FILTERS}
          filters={
            <>
              <DataTableFacetedFilter param="agent" title="Agent" options={AGENT_TYPES.map((t) => ({ value: t, label: t }))} />
              <DataTableFacetedFilter param="operation" title="Operation" options={OPERATION_TYPES.map((t) => ({ value: t, label: t }))} />
              <DataTableFacetedFilter param="model" title="Model" options={models.map((t) => ({ value: t, label: t }))} />
              <DataTableFacetedFilter param="success" title="Result" options={SUCCESS_OPTIONS} />
              <DurationRange />
              <DataTableDateRange title="Date" />
            </>
          }
          actions={<DataTableViewOptions table={table} />}
        />
      }
      empty={<ResetEmpty params={AGENT_FILTERS} what="agent operations" />}
      footer={<DataTablePagination nextCursor={nextCursor} prevCursor={prevCursor} page={page} size={size} rowCount={rows.length} />}
    />
  );
}

function DurationRange() {
  const url = useTableUrl();
  const [min, setMin] = useState(url.searchParams.get("minMs") ?? "");
  const [max, setMax] = useState(url.searchParams.get("maxMs") ?? "");
  return (
    <form
      className="flex items-center gap-1 text-xs"
      aria-label="Duration range"
      onSubmit={(e) => {
        e.preventDefault();
        url.navigate({ minMs: min.trim() || null, maxMs: max.trim() || null }, { resetPaging: true });
      }}
    >
      <label htmlFor="min-ms" className="text-zinc-500">Duration</label>
      <input id="min-ms" inputMode="numeric" pattern="[0-9]*" placeholder="min ms" value={min} onChange={(e) => setMin(e.target.value)} className="h-8 w-20 rounded-md border border-zinc-300 px-2 shadow-xs" />
      <span aria-hidden>–</span>
      <label htmlFor="max-ms" className="sr-only">Maximum duration in milliseconds</label>
      <input id="max-ms" inputMode="numeric" pattern="[0-9]*" placeholder="max ms" value={max} onChange={(e) => setMax(e.target.value)} className="h-8 w-20 rounded-md border border-zinc-300 px-2 shadow-xs" />
      <Button type="submit" size="sm" variant="secondary">Apply</Button>
    </form>
  );
}
