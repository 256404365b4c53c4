"use client";

import { useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SettingRow } from "@/lib/db/queries/config";
import { formatDateTimeUtc } from "@/lib/format";
import { saveSystemSetting } from "../actions";
import { ActionError } from "../../_config/conflict-alert";
import { useActionSuccess } from "@/components/ui/use-action-success";

function EditSetting({ s, onDone, onCancel }: { s: SettingRow; onDone: (m: string) => void; onCancel: () => void }) {
  const [state, action, pending] = useActionState(saveSystemSetting, null);
  const [mode, setMode] = useState<"replace" | "clear">("replace");
  const router = useRouter();
  useActionSuccess(state, (s) => {
    onDone(s.message ?? "Saved.");
    router.refresh();
  });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4">
      <ActionError state={state && !state.ok && !state.fieldErrors ? state : null} />
      <input type="hidden" name="key" value={s.key} />
      <input type="hidden" name="expectedUpdatedAt" value={s.version} />
      {s.secret ? (
        <>
          <input type="hidden" name="secretMode" value={mode} />
          <p className="text-sm text-zinc-600">
            Current value: <span className="font-mono">{s.hasValue ? s.value : "not set"}</span>. The stored secret is never shown; type a new one to replace it.
          </p>
          {mode === "replace" ? (
            <Field id="setting-value" label="New value" error={errors?.value}>
              {(aria) => <Input {...aria} name="value" type="password" autoComplete="off" maxLength={10000} required />}
            </Field>
          ) : (
            <input type="hidden" name="value" value="" />
          )}
          {s.hasValue ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={mode === "clear"} onChange={(e) => setMode(e.target.checked ? "clear" : "replace")} /> Clear the secret instead
            </label>
          ) : null}
        </>
      ) : (
        <Field id="setting-value" label="Value" hint={s.description ?? undefined} error={errors?.value}>
          {(aria) => <Input {...aria} name="value" defaultValue={s.value} maxLength={10000} />}
        </Field>
      )}
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function SettingsList({ settings }: { settings: SettingRow[] }) {
  const [editing, setEditing] = useState<SettingRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Card className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="System settings">
          <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs text-zinc-600">
            <tr>
              <th className="h-10 px-3 font-medium">Key</th>
              <th className="h-10 px-3 font-medium">Value</th>
              <th className="h-10 px-3 font-medium">Description</th>
              <th className="h-10 px-3 font-medium">Updated</th>
              <th className="h-10 px-3"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {settings.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-10 text-center text-zinc-500">No system settings yet.</td>
              </tr>
            ) : (
              settings.map((s) => (
                <tr key={s.key} className="align-top" data-testid={`setting-${s.key}`}>
                  <td className="px-3 py-2.5 font-mono text-xs">{s.key}</td>
                  <td className="px-3 py-2.5 font-mono text-xs break-all" data-testid="setting-value">
                    {s.secret ? (
                      <span className="flex items-center gap-2">
                        {s.hasValue ? s.value : <span className="text-zinc-400">not set</span>}
                        <Badge tone="amber">secret</Badge>
                      </span>
                    ) : (
                      s.value || <span className="text-zinc-400">(empty)</span>
                    )}
                  </td>
                  <td className="max-w-md px-3 py-2.5 text-xs text-zinc-600">{s.description}</td>
                  <td className="px-3 py-2.5 text-xs whitespace-nowrap text-zinc-500 tabular-nums">{formatDateTimeUtc(s.updatedAt)}</td>
                  <td className="px-3 py-2.5 text-right">
                    <Button size="sm" variant="secondary" aria-label={`Edit ${s.key}`} onClick={() => (setNotice(null), setEditing(s))}>
                      {s.secret ? (s.hasValue ? "Replace" : "Set") : "Edit"}
                    </Button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </Card>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.key}` : ""}>
        {editing ? <EditSetting s={editing} onCancel={() => setEditing(null)} onDone={(m) => (setEditing(null), setNotice(m))} /> : null}
      </Dialog>
    </div>
  );
}
