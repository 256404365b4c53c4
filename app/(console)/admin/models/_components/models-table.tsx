"use client";

import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  createDataTableColumnHelper,
  DataTableColumnHeader,
  DataTableFacetedFilter,
  DataTableSearch,
  DataTableShell,
  DismissibleNotice,
  useDataTable,
  withTableUrl,
} from "@/components/data-table";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { CpuIcon, MoreIcon } from "@/components/ui/icons";
import { Popover } from "@/components/ui/popover";
import type { ActionResult } from "@/lib/actions";
import type { ModelRow } from "@/lib/db/queries/config";
import { formatIntCompact, formatUsdPrice, formatUsdShort } from "@/lib/format";
import type { TableSort } from "@/lib/validation/data-table";
import { makeModelDefault, removeModel, setModelActive } from "../actions";
import { ActionError } from "../../_config/conflict-alert";
import { ModelDialog, type ModelUsage30 } from "./model-form";

export type ModelTableRow = ModelRow & { usage: ModelUsage30 & { uncostedInputTokens: number; uncostedOutputTokens: number; uncostedCalls: number } };

const FILTER_PARAMS = ["q", "provider", "status"];
const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
  { value: "default", label: "Default" },
];

const col = createDataTableColumnHelper<ModelTableRow>();
const menuItem =
  "flex w-full items-center rounded px-2 py-1.5 text-left text-sm hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50";

/** Cost of the last 30 days: recorded cost plus uncosted tokens at the current price; unknown without a price. */
function cost30(m: ModelTableRow): number | null {
  const priced = Number(m.inputPrice) > 0 || Number(m.outputPrice) > 0;
  if (!priced && m.usage.uncostedCalls > 0) return null;
  return m.usage.recordedCost + (m.usage.uncostedInputTokens * Number(m.inputPrice) + m.usage.uncostedOutputTokens * Number(m.outputPrice)) / 1_000_000;
}

type Notice = { state: ActionResult; model?: ModelTableRow };

function RowActions({ m, onResult, onEdit }: { m: ModelTableRow; onResult: (n: Notice) => void; onEdit: () => void }) {
  const [pending, start] = useTransition();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const router = useRouter();
  const act = (fn: () => Promise<ActionResult>) =>
    start(async () => {
      const r = await fn();
      onResult({ state: r, model: m });
      if (r.ok) router.refresh();
    });
  return (
    <>
      <div className="flex items-center justify-end gap-1">
        <Button size="sm" variant="secondary" onClick={onEdit} aria-label={`Edit ${m.modelId}`}>
          Edit
        </Button>
        {!m.isDefault ? (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            aria-label={`Make ${m.modelId} the default`}
            onClick={() => act(() => makeModelDefault(null, { id: m.id, expectedUpdatedAt: m.version }))}
          >
            Make default
          </Button>
        ) : null}
        <Popover
          label={`More actions for ${m.modelId}`}
          button={<MoreIcon />}
          buttonClassName="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
          align="end"
        >
          {(close) => (
            <div className="flex flex-col">
              <button
                type="button"
                className={menuItem}
                onClick={() => {
                  close();
                  act(() => setModelActive(null, { id: m.id, expectedUpdatedAt: m.version, active: !m.isActive }));
                }}
              >
                {m.isActive ? "Deactivate" : "Activate"}
              </button>
              <div className="my-1 border-t border-zinc-100" />
              <button
                type="button"
                className={`${menuItem} text-red-700`}
                onClick={() => {
                  close();
                  setConfirmDelete(true);
                }}
              >
                Delete…
              </button>
            </div>
          )}
        </Popover>
      </div>
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete ${m.modelId}?`}
        description="The model is removed from model_config. Deletion is refused while usage rows or agent configs reference it; deactivate it instead."
      >
        <DialogFooter>
          <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => {
              setConfirmDelete(false);
              act(() => removeModel(null, { id: m.id }));
            }}
          >
            Delete model
          </Button>
        </DialogFooter>
      </Dialog>
    </>
  );
}

function ModelsTableView({ rows, sort, providerCounts }: { rows: ModelTableRow[]; sort: TableSort; providerCounts: Record<string, number> }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<ModelTableRow | null>(null);
  const [deactivating, start] = useTransition();
  const router = useRouter();

  const columns = useMemo(
    () =>
      col.columns([
        col.accessor("name", {
          meta: { label: "Model", className: "whitespace-normal" },
          enableHiding: false,
          header: ({ column }) => <DataTableColumnHeader column={column} title="Model" />,
          cell: ({ row }) => (
            <div className="max-w-52 min-w-40">
              <p className="font-medium break-words text-zinc-900">{row.original.name}</p>
              <p className="font-mono text-xs break-all text-zinc-500">{row.original.modelId}</p>
            </div>
          ),
        }),
        col.accessor("provider", {
          id: "provider",
          meta: { label: "Provider" },
          header: ({ column }) => <DataTableColumnHeader column={column} title="Provider" />,
          cell: ({ row }) => row.original.provider,
        }),
        col.display({
          id: "flags",
          meta: { label: "Flags" },
          header: "Flags",
          cell: ({ row }) => (
            <span className="flex max-w-[7.5rem] flex-wrap gap-1" data-testid="model-flags">
              {row.original.isDefault ? <Badge tone="violet">Default</Badge> : null}
              {row.original.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}
              {row.original.thinkingEnabled ? <Badge tone="blue">Thinking</Badge> : null}
            </span>
          ),
        }),
        col.accessor("inputPrice", {
          id: "input",
          meta: { label: "Input $/M", className: "text-right tabular-nums" },
          header: ({ column }) => <DataTableColumnHeader column={column} title="Input $/M" />,
          cell: ({ row }) => formatUsdPrice(row.original.inputPrice),
        }),
        col.accessor("outputPrice", {
          id: "output",
          meta: { label: "Output $/M", className: "text-right tabular-nums" },
          header: ({ column }) => <DataTableColumnHeader column={column} title="Output $/M" />,
          cell: ({ row }) => formatUsdPrice(row.original.outputPrice),
        }),
        col.display({
          id: "tokens",
          meta: { label: "Tokens, 30 days", className: "text-right tabular-nums" },
          enableSorting: true,
          header: ({ column }) => <DataTableColumnHeader column={column} title="Tokens, 30 d" />,
          cell: ({ row }) => formatIntCompact(row.original.usage.inputTokens + row.original.usage.outputTokens),
        }),
        col.display({
          id: "cost",
          meta: { label: "Cost, 30 days", className: "text-right tabular-nums" },
          header: "Cost, 30 d",
          cell: ({ row }) => {
            const c = cost30(row.original);
            return c === null ? <Badge tone="amber">unknown</Badge> : formatUsdShort(c);
          },
        }),
        col.display({
          id: "actions",
          enableHiding: false,
          header: () => <span className="sr-only">Actions</span>,
          cell: ({ row }) => <RowActions m={row.original} onResult={setNotice} onEdit={() => setEditing(row.original)} />,
        }),
      ]),
    [],
  );
  const { table, pending } = useDataTable({ data: rows, columns, sort });
  const providerOptions = Object.keys(providerCounts)
    .sort()
    .map((p) => ({ value: p, label: p }));
  const referenced = notice && !notice.state.ok && "referenced" in notice.state;

  return (
    <div className="space-y-3">
      {notice ? (
        <DismissibleNotice onDismiss={() => setNotice(null)}>
          <div className="flex-1 space-y-2">
            {notice.state.ok ? <Alert tone="success">{notice.state.message}</Alert> : <ActionError state={notice.state} />}
            {referenced && notice.model?.isActive ? (
              <Button
                size="sm"
                variant="secondary"
                disabled={deactivating}
                onClick={() =>
                  start(async () => {
                    const m = notice.model!;
                    const r = await setModelActive(null, { id: m.id, expectedUpdatedAt: m.version, active: false });
                    setNotice({ state: r, model: m });
                    if (r.ok) router.refresh();
                  })
                }
              >
                Deactivate {notice.model.modelId} instead
              </Button>
            ) : null}
          </div>
        </DismissibleNotice>
      ) : null}
      <DataTableShell
        table={table}
        pending={pending}
        label="Models"
        filterParams={FILTER_PARAMS}
        filters={
          <>
            <DataTableSearch label="Search models" placeholder="Search model id or name…" />
            <DataTableFacetedFilter param="provider" title="Provider" options={providerOptions} counts={providerCounts} />
            <DataTableFacetedFilter param="status" title="Status" options={STATUS_OPTIONS} />
          </>
        }
        empty={{ icon: <CpuIcon size={28} />, title: "No models yet", filteredTitle: "No models match these filters", hint: "Add a model to price its usage." }}
        footer={<p className="px-1 text-xs text-zinc-500">{rows.length} models. Tokens and cost cover the last 30 days; cost is recorded cost plus uncosted tokens at the current price.</p>}
      />
      {editing ? (
        <ModelDialog
          open
          onClose={() => setEditing(null)}
          initial={{ ...editing, version: editing.version }}
          usage={editing.usage}
          onDone={(m) => setNotice({ state: { ok: true, message: m } })}
        />
      ) : null}
    </div>
  );
}

export const ModelsTable = withTableUrl(ModelsTableView);
