"use client";

import { useMemo, useState } from "react";
import { createDataTableColumnHelper, DataTableColumnHeader, DataTableDateRange, DataTableFacetedFilter, DataTableList, useTableUrl, withTableUrl, type KeysetListProps } from "@/components/data-table";
import { Button } from "@/components/ui/button";
import type { AgentActivityRow } from "@/lib/db/queries/activity-logs";
import { formatInt, formatUsdMicro } from "@/lib/format";
import { OPERATION_TYPES } from "@/lib/validation/activity-logs";
import { AGENT_TYPES } from "@/lib/validation/admin-config";
import { activityEmpty, resultWhenTimelineColumns, SUCCESS_OPTIONS, whatColumn } from "./activity-columns";

const col = createDataTableColumnHelper<AgentActivityRow>();
const FILTER_PARAMS = ["agent", "operation", "model", "success", "minMs", "maxMs", "user", "from", "to"];

type Props = KeysetListProps<AgentActivityRow> & { models: string[] };

function AgentActivityView({ models, ...list }: Props) {
  const columns = useMemo(
    () =>
      col.columns([
        whatColumn<AgentActivityRow>("agent", "Agent", "Agent · operation", (r) => r.agentType, (r) => r.operationType),
        col.accessor("modelId", { id: "model", meta: { label: "Model" }, enableSorting: false, header: () => <span>Model</span>, cell: ({ getValue }) => <span className="font-mono text-xs">{getValue() ?? "—"}</span> }),
        col.accessor("durationMs", {
          id: "duration",
          meta: { label: "Duration", className: "text-right tabular-nums" },
          sortDescFirst: true,
          header: ({ column }) => <DataTableColumnHeader column={column} title="Duration" />,
          cell: ({ getValue }) => (getValue() == null ? <span className="text-zinc-400">—</span> : `${formatInt(getValue())} ms`),
        }),
        col.accessor("totalTokens", {
          id: "tokens",
          meta: { label: "Tokens", className: "text-right tabular-nums" },
          enableSorting: false,
          header: () => <span>Tokens</span>,
          cell: ({ row }) => {
            const t = row.original.totalTokens ?? (row.original.inputTokens ?? 0) + (row.original.outputTokens ?? 0);
            return t ? formatInt(t) : <span className="text-zinc-400">—</span>;
          },
        }),
        col.accessor("totalCost", {
          id: "cost",
          meta: { label: "Cost", className: "text-right tabular-nums" },
          enableSorting: false,
          header: () => <span>Cost</span>,
          cell: ({ getValue }) => (getValue() == null ? <span className="text-zinc-400">—</span> : formatUsdMicro(getValue())),
        }),
        ...resultWhenTimelineColumns<AgentActivityRow>((r) => r.errorType ?? "Failed", (r) => r.operationType),
      ]),
    [],
  );
  const filters = (
    <>
      <DataTableFacetedFilter param="agent" title="Agent" options={AGENT_TYPES.map((t) => ({ value: t, label: t }))} />
      <DataTableFacetedFilter param="operation" title="Operation" options={OPERATION_TYPES.map((t) => ({ value: t, label: t }))} />
      <DataTableFacetedFilter param="model" title="Model" options={models.map((t) => ({ value: t, label: t }))} />
      <DataTableFacetedFilter param="success" title="Result" options={SUCCESS_OPTIONS} />
      <DurationRange />
      <DataTableDateRange title="Date" />
    </>
  );
  return <DataTableList {...list} columns={columns} label="Agent activity" filterParams={FILTER_PARAMS} filters={filters} empty={activityEmpty("agent operations")} />;
}

export const AgentActivityTable = withTableUrl(AgentActivityView);

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
