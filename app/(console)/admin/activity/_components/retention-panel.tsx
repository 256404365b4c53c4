"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import type { PurgePreview } from "@/lib/db/queries/activity-logs";
import { formatInt } from "@/lib/format";
import { purgeOldLogs } from "../actions";

/** Retention from logging_settings, what a purge would delete now, and the purge itself. */
export function RetentionPanel({ preview }: { preview: PurgePreview }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ text: string; ok: boolean } | null>(null);
  const total = preview.userLogs + preview.agentLogs + preview.errorLogs;
  const rows = [
    { label: "User activity", days: preview.userDays, n: preview.userLogs, note: "older than" },
    { label: "Agent activity", days: preview.agentDays, n: preview.agentLogs, note: "older than" },
    { label: "Error logs", days: preview.errorDays, n: preview.errorLogs, note: "resolved and older than" },
  ];
  return (
    <section aria-labelledby="retention-title" className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="retention-title" className="text-sm font-semibold">Retention</h2>
          <p className="text-xs text-zinc-500">
            From logging_settings. The purge also runs daily: pg_cron on Supabase, the app&apos;s scheduler in the embedded mode.
          </p>
        </div>
        <Button size="sm" variant="danger" onClick={() => setOpen(true)} disabled={pending}>
          {pending ? "Purging…" : "Purge old logs…"}
        </Button>
      </div>
      <table className="mt-3 w-full text-sm tabular-nums" aria-label="Retention and purgeable rows">
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th scope="col" className="py-1 font-medium">Log</th>
            <th scope="col" className="py-1 font-medium">Kept for</th>
            <th scope="col" className="py-1 text-right font-medium">Would be deleted now</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((r) => (
            <tr key={r.label}>
              <td className="py-1.5">{r.label}</td>
              <td className="py-1.5 text-zinc-600">
                {r.days} days <span className="text-xs text-zinc-400">(deletes {r.note} {r.days} days)</span>
              </td>
              <td className="py-1.5 text-right font-medium" data-testid={`purgeable-${r.label.split(" ")[0].toLowerCase()}`}>
                {formatInt(r.n)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result ? (
        <Alert tone={result.ok ? "success" : "error"} className="mt-3">
          {result.text}
        </Alert>
      ) : null}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Purge ${formatInt(total)} old log rows?`}
        description="Runs purge_old_activity_logs() now. Deleted rows cannot be restored."
      >
        <DialogFooter>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await purgeOldLogs(null, { confirm: "purge" });
                setResult({ text: r.message ?? "Done.", ok: r.ok });
                setOpen(false);
              })
            }
          >
            Purge now
          </Button>
        </DialogFooter>
      </Dialog>
    </section>
  );
}
