"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { getPath, type Json } from "@/lib/config-diff";
import { PROVIDERS } from "@/lib/validation/admin-config";
import { ActionError } from "../../_config/conflict-alert";
import { firstError, useConfigEditor, type ConfigRowProps } from "./use-config-editor";

function Footer({ ed }: { ed: ReturnType<typeof useConfigEditor> }) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" disabled={!ed.dirty || ed.pending} onClick={ed.reset}>
        Discard changes
      </Button>
      <Button disabled={ed.pending} onClick={ed.save}>
        {ed.pending ? "Saving…" : "Save"}
      </Button>
    </div>
  );
}

function Status({ ed }: { ed: ReturnType<typeof useConfigEditor> }) {
  return ed.state?.ok ? <Alert tone="success">{ed.state.message}</Alert> : <ActionError state={ed.state} />;
}

function Differs({ row, value, path }: { row: ConfigRowProps; value: unknown; path: string }) {
  if (!row.defaultData) return null;
  return JSON.stringify(value) !== JSON.stringify(getPath(row.defaultData, path)) ? (
    <Badge tone="amber" className="ml-2">
      differs from default
    </Badge>
  ) : null;
}

/** app_settings: the provider the chat uses and the ones an admin may switch to. */
export function AppSettingsForm({ row }: { row: ConfigRowProps }) {
  const ed = useConfigEditor(row);
  const available = Array.isArray(ed.form.availableProviders) ? (ed.form.availableProviders as string[]) : [];
  const known = [...new Set([...PROVIDERS, ...available])];
  return (
    <Card className="space-y-4 p-4" role="region" aria-label="App settings">
      <div>
        <h2 className="text-base font-semibold">App settings</h2>
        <p className="text-xs text-zinc-500">app_settings: which provider the agents use.</p>
      </div>
      <Status ed={ed} />
      <Field id="active-provider" label={<>Active provider<Differs row={row} value={ed.form.activeProvider} path="activeProvider" /></>} error={firstError(ed.errors, "activeProvider")}>
        {(aria) => (
          <Select {...aria} value={typeof ed.form.activeProvider === "string" ? ed.form.activeProvider : ""} onChange={(e) => ed.set("activeProvider", e.target.value)}>
            {available.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">
          Available providers
          <Differs row={row} value={ed.form.availableProviders} path="availableProviders" />
        </legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {known.map((p) => (
            <label key={p} className="flex items-center gap-1.5 text-sm">
              <Checkbox
                checked={available.includes(p)}
                onChange={(e) => ed.set("availableProviders", e.target.checked ? [...available, p] : available.filter((x) => x !== p))}
              />
              {p}
            </label>
          ))}
        </div>
        {firstError(ed.errors, "availableProviders") ? <p className="mt-1 text-xs font-medium text-red-600">{firstError(ed.errors, "availableProviders")}</p> : null}
      </fieldset>
      <Footer ed={ed} />
    </Card>
  );
}

const LOG_TOGGLES = [
  ["error_logging_enabled", "Error logging"],
  ["user_activity_logging_enabled", "User activity logging"],
  ["agent_activity_logging_enabled", "Agent activity logging"],
] as const;
const RETENTION = [
  ["error_logs", "Error logs"],
  ["user_activity_logs", "User activity logs"],
  ["agent_activity_logs", "Agent activity logs"],
] as const;

function BoolGroup({ ed, group, title }: { ed: ReturnType<typeof useConfigEditor>; group: string; title: string }) {
  const g = ed.form[group];
  if (!g || typeof g !== "object" || Array.isArray(g)) return null;
  const entries = Object.entries(g as Record<string, Json>).filter(([, v]) => typeof v === "boolean");
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium">{title}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {entries.map(([k, v]) => (
          <label key={k} className="flex items-center gap-2 text-sm">
            <Checkbox checked={v === true} onChange={(e) => ed.set(`${group}.${k}`, e.target.checked)} />
            <span className="font-mono text-xs">{k}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** logging_settings: what is logged, how long it is kept, and how. */
export function LoggingSettingsForm({ row }: { row: ConfigRowProps }) {
  const ed = useConfigEditor(row);
  const num = (path: string) => {
    const v = ed.get(path);
    return v === undefined || v === null ? "" : String(v);
  };
  const setNum = (path: string, s: string) => ed.set(path, s.trim() === "" ? undefined : Number.isNaN(Number(s)) ? s : Number(s));
  return (
    <Card className="space-y-4 p-4" role="region" aria-label="Logging settings">
      <div>
        <h2 className="text-base font-semibold">Logging settings</h2>
        <p className="text-xs text-zinc-500">logging_settings: read by get_logging_config() and the app&apos;s log writer.</p>
      </div>
      <Status ed={ed} />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">Logs</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {LOG_TOGGLES.map(([k, label]) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <Checkbox checked={ed.form[k] === true} onChange={(e) => ed.set(k, e.target.checked)} />
              {label}
              <Differs row={row} value={ed.form[k]} path={k} />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">Retention (days)</legend>
        {firstError(ed.errors, "log_retention_days") ? <p className="mb-1 text-xs font-medium text-red-600">{firstError(ed.errors, "log_retention_days")}</p> : null}
        <div className="grid gap-3 sm:grid-cols-3">
          {RETENTION.map(([k, label]) => (
            <Field key={k} id={`retention-${k}`} label={label} error={firstError(ed.errors, `log_retention_days.${k}`)}>
              {(aria) => <Input {...aria} type="number" min={1} max={3650} step={1} value={num(`log_retention_days.${k}`)} onChange={(e) => setNum(`log_retention_days.${k}`, e.target.value)} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <BoolGroup ed={ed} group="category_toggles" title="Categories" />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">Performance</legend>
        <div className="grid gap-3 sm:grid-cols-4">
          {(["batch_writes", "async_logging"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 pt-6 text-sm">
              <Checkbox checked={ed.get(`performance_settings.${k}`) === true} onChange={(e) => ed.set(`performance_settings.${k}`, e.target.checked)} />
              <span className="font-mono text-xs">{k}</span>
            </label>
          ))}
          <Field id="perf-batch-size" label="Batch size" error={firstError(ed.errors, "performance_settings.batch_size")}>
            {(aria) => <Input {...aria} type="number" min={1} step={1} value={num("performance_settings.batch_size")} onChange={(e) => setNum("performance_settings.batch_size", e.target.value)} />}
          </Field>
          <Field id="perf-sampling" label="Sampling rate (0–1)" error={firstError(ed.errors, "performance_settings.sampling_rate")}>
            {(aria) => <Input {...aria} type="number" min={0} max={1} step={0.05} value={num("performance_settings.sampling_rate")} onChange={(e) => setNum("performance_settings.sampling_rate", e.target.value)} />}
          </Field>
        </div>
      </fieldset>
      <BoolGroup ed={ed} group="privacy_settings" title="Privacy" />
      <Footer ed={ed} />
    </Card>
  );
}
