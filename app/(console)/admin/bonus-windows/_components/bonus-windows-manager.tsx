"use client";

import { startTransition, useActionState, useId, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { CalendarIcon } from "@/components/ui/icons";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { BonusWindowRow } from "@/lib/db/queries/bonus";
import { formatInt } from "@/lib/format";
import { utcToZonedLocal } from "@/lib/validation/bonus";
import { removeBonusWindow, saveBonusWindow } from "../actions";

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const neverChanges = () => () => {};

/** The browser's time zone; the server render (and hydration) use UTC, then the browser's. */
function useTimeZone(): string {
  return useSyncExternalStore(neverChanges, browserTimeZone, () => "UTC");
}

function formatIn(iso: string, tz: string) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

const n = (x: number) => (x === 0 ? "off" : formatInt(x));

/** `now`: when the page was rendered (ms), to label windows ended, current or upcoming. */
export function BonusWindowsManager({ windows, now }: { windows: BonusWindowRow[]; now: number }) {
  const tz = useTimeZone();
  const [editing, setEditing] = useState<BonusWindowRow | "new" | null>(null);
  const [deleting, setDeleting] = useState<BonusWindowRow | null>(null);
  const [notice, setNotice] = useState<{ text: string; tone: "success" | "warning" | "error" } | null>(null);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-zinc-500">
          Times are shown in your time zone, <span className="font-medium text-zinc-700">{tz}</span>. A record counts when start ≤ created &lt; end.
        </p>
        <Button onClick={() => setEditing("new")}>New window</Button>
      </div>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {windows.length === 0 ? (
        <Card>
          <EmptyState icon={<CalendarIcon size={28} />} title="No bonus windows yet">
            Create one to start tracking the team&apos;s progress.
          </EmptyState>
        </Card>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="Bonus windows">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-500">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Start</th>
                <th className="px-3 py-2">End</th>
                <th className="px-3 py-2 text-right">Tier 1 tasks / feedback</th>
                <th className="px-3 py-2 text-right">Tier 2 tasks / feedback</th>
                <th className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {windows.map((w) => {
                const state = Date.parse(w.endTime) <= now ? "Ended" : Date.parse(w.startTime) > now ? "Upcoming" : "Current";
                return (
                  <tr key={w.id}>
                    <td className="px-3 py-2">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium text-zinc-900">{w.name}</span>
                        <Badge tone={state === "Current" ? "green" : state === "Upcoming" ? "blue" : "neutral"}>{state}</Badge>
                        {w.overlaps.length ? <Badge tone="amber">Overlaps {w.overlaps.join(", ")}</Badge> : null}
                      </div>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatIn(w.startTime, tz)}</td>
                    <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatIn(w.endTime, tz)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {n(w.targetTaskCount)} / {n(w.targetFeedbackCount)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {n(w.targetTaskCountTier2)} / {n(w.targetFeedbackCountTier2)}
                    </td>
                    <td className="px-3 py-2 text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setEditing(w)} aria-label={`Edit ${w.name}`}>
                        Edit
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(w)} aria-label={`Delete ${w.name}`}>
                        Delete
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}
      {editing ? (
        <WindowForm
          key={editing === "new" ? "new" : editing.id}
          window={editing === "new" ? null : editing}
          defaultTz={tz}
          onClose={() => setEditing(null)}
          onSaved={(text, warning) => {
            setEditing(null);
            setNotice({ text, tone: warning ? "warning" : "success" });
          }}
        />
      ) : null}
      <Dialog open={!!deleting} onClose={() => setDeleting(null)} title={`Delete ${deleting?.name ?? "window"}?`} description="Progress in it is no longer shown. Records are not touched.">
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            Keep it
          </Button>
          <Button
            variant="danger"
            onClick={async () => {
              if (!deleting) return;
              const r = await removeBonusWindow(null, { id: deleting.id });
              setDeleting(null);
              setNotice({ text: r.message ?? "Done.", tone: r.ok ? "success" : "error" });
            }}
          >
            Delete window
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function WindowForm({
  window: w,
  defaultTz,
  onClose,
  onSaved,
}: {
  window: BonusWindowRow | null;
  defaultTz: string;
  onClose: () => void;
  onSaved: (text: string, warning: boolean) => void;
}) {
  const id = useId();
  const [tz, setTz] = useState(defaultTz);
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [defaultTz];
  const zoneList = zones.includes(tz) ? zones : [tz, ...zones];
  const [state, action, pending] = useActionState(async (prev: Awaited<ReturnType<typeof saveBonusWindow>> | null, fd: FormData) => {
    const r = await saveBonusWindow(prev, fd);
    if (r.ok) onSaved(r.message ?? "Saved.", !!r.warning);
    return r;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const now = new Date();
  const startDefault = w ? utcToZonedLocal(new Date(w.startTime), tz) : utcToZonedLocal(new Date(now.getTime() + 86_400_000), tz).slice(0, 11) + "00:00";
  const endDefault = w ? utcToZonedLocal(new Date(w.endTime), tz) : utcToZonedLocal(new Date(now.getTime() + 15 * 86_400_000), tz).slice(0, 11) + "00:00";
  const num = (name: keyof BonusWindowRow & string, label: string) => (
    <Field id={`${id}-${name}`} label={label} error={errors?.[name]} hint="0 disables this metric">
      {(aria) => <Input {...aria} type="number" name={name} min={0} step={1} required defaultValue={w ? String(w[name]) : "0"} />}
    </Field>
  );
  return (
    <Dialog open onClose={onClose} title={w ? `Edit ${w.name}` : "New bonus window"} className="max-w-xl!">
      {/* onSubmit, not the form action prop: React resets a form after its action, which would wipe what the admin typed when a field is refused. */}
      <form
        className="mt-4 space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget);
          startTransition(() => action(fd));
        }}
      >
        {w ? <input type="hidden" name="id" value={w.id} /> : null}
        {w ? <input type="hidden" name="updatedAt" value={w.updatedAt} /> : null}
        <Field id={`${id}-name`} label="Name" error={errors?.name}>
          {(aria) => <Input {...aria} name="name" required maxLength={120} defaultValue={w?.name ?? ""} />}
        </Field>
        <Field id={`${id}-tz`} label="Time zone of the start and end" error={errors?.timeZone}>
          {(aria) => (
            <Select {...aria} name="timeZone" value={tz} onChange={(e) => setTz(e.target.value)}>
              {zoneList.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id={`${id}-start`} label="Start" error={errors?.start}>
            {(aria) => <Input {...aria} key={`start-${tz}`} type="datetime-local" name="start" required defaultValue={startDefault} />}
          </Field>
          <Field id={`${id}-end`} label="End" error={errors?.end}>
            {(aria) => <Input {...aria} key={`end-${tz}`} type="datetime-local" name="end" required defaultValue={endDefault} />}
          </Field>
        </div>
        <div className="grid grid-cols-2 gap-3">
          {num("targetTaskCount", "Tier 1 tasks")}
          {num("targetFeedbackCount", "Tier 1 feedback")}
          {num("targetTaskCountTier2", "Tier 2 tasks")}
          {num("targetFeedbackCountTier2", "Tier 2 feedback")}
        </div>
        {state && !state.ok && !errors ? <Alert tone="error">{state.message}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : w ? "Save window" : "Create window"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
