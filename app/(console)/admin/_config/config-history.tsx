"use client";

/**
 * The config history of one page (issue 4, item 4): who changed what and when, a field-by-field
 * diff of any two revisions (or of one revision against the one before it), and a revert that
 * writes a new revision. Revisions come from public.config_history (admins read it under RLS).
 */
import { useMemo, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Checkbox } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import { diffJson, showValue, type FieldChange, type Json } from "@/lib/config-diff";
import { formatDateTimeUtc } from "@/lib/format";
import { revertRevision } from "./actions";
import { ActionError } from "./conflict-alert";

export type HistoryRevision = {
  id: number;
  rowId: string;
  rowLabel: string;
  operation: "INSERT" | "UPDATE" | "DELETE" | "BASELINE";
  changedByEmail: string | null;
  changedBy: string | null;
  changedAt: string;
  reason: string | null;
  before: Record<string, Json> | null;
  after: Record<string, Json> | null;
};

const IGNORE = ["updated_at", "updatedAt", "updated_by", "created_at", "id"];
const OP_LABEL = { INSERT: "Created", UPDATE: "Changed", DELETE: "Deleted", BASELINE: "Baseline" } as const;

function DiffTable({ changes, label }: { changes: FieldChange[]; label: string }) {
  if (changes.length === 0) return <p className="text-sm text-zinc-500">No field differs.</p>;
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-zinc-200">
      <table className="w-full text-left text-xs" aria-label={label}>
        <thead className="sticky top-0 bg-zinc-50 text-zinc-600">
          <tr>
            <th className="px-2 py-1.5 font-medium">Field</th>
            <th className="px-2 py-1.5 font-medium">Before</th>
            <th className="px-2 py-1.5 font-medium">After</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {changes.map((c) => (
            <tr key={c.path} className="align-top">
              <td className="px-2 py-1.5 font-mono whitespace-nowrap">{c.path || "(value)"}</td>
              <td className="px-2 py-1.5 font-mono break-all whitespace-pre-wrap text-red-800">{showValue(c.before, 2000)}</td>
              <td className="px-2 py-1.5 font-mono break-all whitespace-pre-wrap text-emerald-800">{showValue(c.after, 2000)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ConfigHistory({
  title = "History",
  revisions,
  versions,
  showRow = true,
}: {
  title?: string;
  revisions: HistoryRevision[];
  /** current updated_at per row id: a revert is refused if the row changed since the page loaded */
  versions: Record<string, string>;
  showRow?: boolean;
}) {
  const [picked, setPicked] = useState<number[]>([]);
  const [open, setOpen] = useState<HistoryRevision | null>(null);
  const [confirm, setConfirm] = useState<HistoryRevision | null>(null);
  const [state, setState] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();

  const byId = useMemo(() => new Map(revisions.map((r) => [r.id, r])), [revisions]);
  const compare = picked.length === 2 ? picked.map((id) => byId.get(id)!).sort((a, b) => a.id - b.id) : null;
  const toggle = (id: number) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <Card className="p-4" data-testid="config-history">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        <p className="text-xs text-zinc-500">
          Every change is kept (never rewritten). Tick two revisions to compare them; a revert writes a new revision.
        </p>
      </div>
      {state ? (
        state.ok ? (
          <Alert tone="success" className="mb-3">
            {state.message}
          </Alert>
        ) : (
          <div className="mb-3">
            <ActionError state={state} />
          </div>
        )
      ) : null}
      {compare ? (
        <div className="mb-4 space-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-3">
          <div className="flex items-center justify-between">
            <p className="text-sm font-medium">
              Revision #{compare[0].id} → #{compare[1].id}
              {compare[0].rowId !== compare[1].rowId ? " (different rows)" : ""}
            </p>
            <Button size="sm" variant="ghost" onClick={() => setPicked([])}>
              Clear
            </Button>
          </div>
          <DiffTable label={`Differences between revision ${compare[0].id} and ${compare[1].id}`} changes={diffJson(compare[0].after, compare[1].after, IGNORE)} />
        </div>
      ) : null}
      {revisions.length === 0 ? (
        <p className="py-6 text-center text-sm text-zinc-500">No changes recorded yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label={title}>
            <thead className="border-b border-zinc-200 text-xs text-zinc-600">
              <tr>
                <th className="w-8 py-2"><span className="sr-only">Compare</span></th>
                <th className="py-2 pr-3 font-medium">#</th>
                <th className="py-2 pr-3 font-medium">When</th>
                <th className="py-2 pr-3 font-medium">Who</th>
                {showRow ? <th className="py-2 pr-3 font-medium">Config</th> : null}
                <th className="py-2 pr-3 font-medium">What</th>
                <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {revisions.map((r) => {
                const changes = diffJson(r.before, r.after, IGNORE);
                return (
                  <tr key={r.id} className="align-middle" data-testid="revision-row">
                    <td className="py-2">
                      <Checkbox aria-label={`Compare revision ${r.id}`} checked={picked.includes(r.id)} onChange={() => toggle(r.id)} />
                    </td>
                    <td className="py-2 pr-3 tabular-nums text-zinc-500">{r.id}</td>
                    <td className="py-2 pr-3 whitespace-nowrap tabular-nums text-zinc-600">{formatDateTimeUtc(r.changedAt)}</td>
                    <td className="py-2 pr-3">{r.changedByEmail ?? (r.changedBy ? "deleted account" : "system")}</td>
                    {showRow ? <td className="py-2 pr-3 font-mono text-xs">{r.rowLabel}</td> : null}
                    <td className="py-2 pr-3">
                      <span className="flex flex-wrap items-center gap-1.5">
                        <Badge tone={r.operation === "DELETE" ? "red" : r.operation === "UPDATE" ? "blue" : "neutral"}>{OP_LABEL[r.operation]}</Badge>
                        {r.reason ? <Badge tone="violet">{r.reason}</Badge> : null}
                        {r.operation === "UPDATE" ? (
                          <span className="text-xs text-zinc-600">
                            {changes.slice(0, 3).map((c) => c.path).join(", ")}
                            {changes.length > 3 ? ` +${changes.length - 3}` : ""}
                          </span>
                        ) : null}
                      </span>
                    </td>
                    <td className="py-2 text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setOpen(r)}>
                        Diff
                      </Button>
                      {r.after && versions[r.rowId] ? (
                        <Button size="sm" variant="ghost" onClick={() => (setState(null), setConfirm(r))}>
                          Revert to this
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <Dialog open={open !== null} onClose={() => setOpen(null)} title={open ? `Revision #${open.id}: ${open.rowLabel}` : ""} className="max-w-3xl">
        {open ? (
          <>
            <p className="mb-2 text-xs text-zinc-500">
              {OP_LABEL[open.operation]} {formatDateTimeUtc(open.changedAt)} by {open.changedByEmail ?? "system"}
              {open.reason ? ` (${open.reason})` : ""}
            </p>
            <DiffTable label={`Changes in revision ${open.id}`} changes={diffJson(open.before, open.after, IGNORE)} />
            <DialogFooter>
              <Button variant="secondary" onClick={() => setOpen(null)}>
                Close
              </Button>
            </DialogFooter>
          </>
        ) : null}
      </Dialog>

      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title="Revert to this revision?"
        description={
          confirm ? (
            <>
              <strong>{confirm.rowLabel}</strong> gets the content it had after revision #{confirm.id}. This is saved as a new revision; nothing in the history is removed.
            </>
          ) : null
        }
      >
        <DialogFooter>
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          <Button
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = confirm!;
                const res = await revertRevision(null, { revisionId: r.id, expectedUpdatedAt: versions[r.rowId] });
                setState(res);
                setConfirm(null);
                setPicked([]);
              })
            }
          >
            {pending ? "Reverting…" : "Revert"}
          </Button>
        </DialogFooter>
      </Dialog>
    </Card>
  );
}
