"use client";

import { useCallback, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Checkbox, Input } from "@/components/ui/input";
import { changedPaths, getPath, setPath, type Json } from "@/lib/config-diff";
import { formatInt } from "@/lib/format";
import { SYSTEM_PROMPT_MAX } from "@/lib/validation/admin-config";
import { ActionError } from "../../_config/conflict-alert";
import { firstError, rebase, useConfigEditor, type ConfigRowProps } from "./use-config-editor";

const RATE_FIELDS = [
  ["perMinute", "Requests per minute"],
  ["perHour", "Requests per hour"],
  ["perDay", "Requests per day"],
] as const;
const TOOL_TEXT_FIELDS = [
  ["description", "Description"],
  ["systemPrompt", "System prompt"],
  ["userPromptTemplate", "User prompt template"],
] as const;
/** Keys the structured form edits; the raw JSON view shows (and may edit) everything. */
const FORM_KEYS = ["enabled", "rateLimit", "systemPrompt", "capabilities", "tools"];

const textarea =
  "block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm shadow-xs aria-[invalid=true]:border-red-500";

function DefaultBadge({ show }: { show: boolean }) {
  return show ? (
    <Badge tone="amber" className="ml-2 align-middle">
      differs from default
    </Badge>
  ) : null;
}

/** "12" → 12; "" → undefined (the key is removed, and the form says it is required). */
function numberOrUndefined(v: string): number | undefined {
  if (v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isNaN(n) ? (v as unknown as number) : n;
}

/** The raw view, parsed; `rawParsed` is null while the text is not a JSON object. */
function parseRawConfig(text: string): { rawParsed: Record<string, Json> | null; rawError: string | null } {
  try {
    const v = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return { rawParsed: v, rawError: null };
    return { rawParsed: null, rawError: "The configuration must be a JSON object ({ ... })" };
  } catch (e) {
    return { rawParsed: null, rawError: `Not valid JSON: ${(e as Error).message}` };
  }
}

export function AgentCard({ row, title }: { row: ConfigRowProps; title: string }) {
  const [rawText, setRawText] = useState(() => JSON.stringify(row.data, null, 2));
  const [showRaw, setShowRaw] = useState(false);
  const [capText, setCapText] = useState(() => JSON.stringify(row.data.capabilities ?? {}, null, 2));
  const [capError, setCapError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState({ version: row.version, data: row.data });
  if (loaded.version !== row.version) {
    // The stored row changed: the raw view follows it, keeping what was typed there (see useConfigEditor).
    setLoaded({ version: row.version, data: row.data });
    let keptRaw: Record<string, Json> | null = null;
    try {
      keptRaw = JSON.parse(rawText);
    } catch {
      keptRaw = null;
    }
    const nextRaw = keptRaw && typeof keptRaw === "object" && !Array.isArray(keptRaw) ? rebase(loaded.data, keptRaw, row.data) : row.data;
    setRawText(JSON.stringify(nextRaw, null, 2));
    let myCaps: Json | undefined;
    try {
      myCaps = JSON.parse(capText);
    } catch {
      myCaps = loaded.data.capabilities;
    }
    const caps = rebase({ c: loaded.data.capabilities ?? {} }, { c: myCaps ?? {} }, { c: row.data.capabilities ?? {} }).c;
    setCapText(JSON.stringify(caps, null, 2));
    setCapError(null);
  }

  const { rawParsed, rawError } = useMemo(() => parseRawConfig(rawText), [rawText]);
  const rawChanged = useMemo(() => (rawParsed ? changedPaths(row.data, rawParsed) : new Set<string>()), [rawParsed, row.data]);

  // What is saved: the raw view's object (keys the form does not know are kept), with every
  // field changed in the form on top.
  const compose = useCallback(
    (form: Record<string, Json>) => {
      let out: Record<string, Json> = rawParsed ?? row.data;
      for (const p of changedPaths(row.data, form)) out = setPath(out, p, getPath(form, p));
      return out;
    },
    [rawParsed, row.data],
  );
  const ed = useConfigEditor(row, compose);
  const formChanged = changedPaths(row.data, ed.form);
  const both = [...formChanged].filter((p) => rawChanged.has(p) || [...rawChanged].some((r) => r.startsWith(`${p}.`) || p.startsWith(`${r}.`)));
  const def = row.defaultData;
  const differs = (path: string) => def !== null && JSON.stringify(getPath(ed.final, path)) !== JSON.stringify(getPath(def, path));
  const prompt = typeof ed.form.systemPrompt === "string" ? ed.form.systemPrompt : "";
  const tools = (ed.form.tools && typeof ed.form.tools === "object" && !Array.isArray(ed.form.tools) ? ed.form.tools : {}) as Record<string, Json>;
  const others = Object.keys(ed.final).filter((k) => !FORM_KEYS.includes(k));
  const id = (s: string) => `${row.configKey}-${s}`;

  return (
    <Card className="p-4" role="region" aria-label={title} data-testid={`agent-${row.configKey}`}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
          <p className="font-mono text-xs text-zinc-500">{row.configKey}</p>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <Checkbox checked={ed.form.enabled === true} onChange={(e) => ed.set("enabled", e.target.checked)} aria-label="Enabled" />
          Enabled
          <DefaultBadge show={differs("enabled")} />
        </label>
      </div>

      <div className="space-y-4">
        {ed.state?.ok ? <Alert tone="success">{ed.state.message}</Alert> : <ActionError state={ed.state} />}
        {firstError(ed.errors, "enabled") ? <Alert tone="error">{firstError(ed.errors, "enabled")}</Alert> : null}

        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800">
            Rate limits
            <DefaultBadge show={differs("rateLimit")} />
          </legend>
          {firstError(ed.errors, "rateLimit") ? <p className="mb-1 text-xs font-medium text-red-600">{firstError(ed.errors, "rateLimit")}</p> : null}
          <div className="grid gap-3 sm:grid-cols-3">
            {RATE_FIELDS.map(([f, label]) => (
              <Field key={f} id={id(f)} label={label} error={firstError(ed.errors, `rateLimit.${f}`)}>
                {(aria) => (
                  <Input
                    {...aria}
                    type="number"
                    min={0}
                    step={1}
                    inputMode="numeric"
                    value={(() => {
                      const v = ed.get(`rateLimit.${f}`);
                      return v === undefined || v === null ? "" : String(v);
                    })()}
                    onChange={(e) => ed.set(`rateLimit.${f}`, numberOrUndefined(e.target.value))}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>

        <Field
          id={id("system-prompt")}
          label={
            <>
              System prompt
              <DefaultBadge show={differs("systemPrompt")} />
            </>
          }
          hint={`${formatInt(prompt.length)} / ${formatInt(SYSTEM_PROMPT_MAX)} characters`}
          error={firstError(ed.errors, "systemPrompt")}
        >
          {(aria) => (
            <textarea {...aria} className={`${textarea} font-mono text-xs`} rows={10} value={prompt} onChange={(e) => ed.set("systemPrompt", e.target.value)} />
          )}
        </Field>

        {"capabilities" in ed.form || row.configKey.startsWith("chat_model_agent_") ? (
          <Field
            id={id("capabilities")}
            label={
              <>
                Capabilities (JSON)
                <DefaultBadge show={differs("capabilities")} />
              </>
            }
            error={capError ?? firstError(ed.errors, "capabilities")}
          >
            {(aria) => (
              <textarea
                {...aria}
                className={`${textarea} font-mono text-xs`}
                rows={6}
                spellCheck={false}
                value={capText}
                onChange={(e) => {
                  setCapText(e.target.value);
                  try {
                    const v = JSON.parse(e.target.value);
                    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("capabilities must be a JSON object");
                    setCapError(null);
                    ed.set("capabilities", v);
                  } catch (err) {
                    setCapError(`Capabilities: ${(err as Error).message}`);
                  }
                }}
              />
            )}
          </Field>
        ) : null}

        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800">
            Tools
            <DefaultBadge show={differs("tools")} />
          </legend>
          {firstError(ed.errors, "tools") ? <p className="mb-1 text-xs font-medium text-red-600">{firstError(ed.errors, "tools")}</p> : null}
          <div className="space-y-2">
            {Object.entries(tools).map(([name, t]) => {
              const tool = (t && typeof t === "object" && !Array.isArray(t) ? t : {}) as Record<string, Json>;
              return (
                <details key={name} className="rounded-md border border-zinc-200 px-3 py-2">
                  <summary className="flex cursor-pointer items-center gap-2 text-sm">
                    <span className="font-mono">{name}</span>
                    {tool.enabled === false ? <Badge>off</Badge> : <Badge tone="green">on</Badge>}
                    <DefaultBadge show={differs(`tools.${name}`)} />
                  </summary>
                  <div className="mt-2 space-y-3">
                    <label className="flex items-center gap-2 text-sm">
                      <Checkbox checked={tool.enabled !== false} onChange={(e) => ed.set(`tools.${name}.enabled`, e.target.checked)} />
                      Enabled
                    </label>
                    {TOOL_TEXT_FIELDS.filter(([f]) => f in tool).map(([f, label]) => (
                      <Field key={f} id={id(`${name}-${f}`)} label={label} error={firstError(ed.errors, `tools.${name}.${f}`)}>
                        {(aria) => (
                          <textarea
                            {...aria}
                            className={`${textarea} text-xs`}
                            rows={f === "description" ? 2 : 5}
                            value={typeof tool[f] === "string" ? (tool[f] as string) : ""}
                            onChange={(e) => ed.set(`tools.${name}.${f}`, e.target.value)}
                          />
                        )}
                      </Field>
                    ))}
                  </div>
                </details>
              );
            })}
          </div>
        </fieldset>

        <div className="rounded-md border border-zinc-200">
          <button type="button" className="flex w-full items-center justify-between px-3 py-2 text-left text-sm font-medium" aria-expanded={showRaw} onClick={() => setShowRaw((s) => !s)}>
            Raw JSON{others.length ? ` (also: ${others.join(", ")})` : ""}
            <span className="text-xs text-zinc-500">{showRaw ? "Hide" : "Show"}</span>
          </button>
          {showRaw ? (
            <div className="space-y-2 border-t border-zinc-200 p-3">
              <p className="text-xs text-zinc-500">The whole configuration. Fields changed in the form above are saved over what is typed here.</p>
              <textarea
                aria-label={`Raw JSON of ${row.configKey}`}
                aria-invalid={rawError ? true : undefined}
                className={`${textarea} font-mono text-xs`}
                rows={14}
                spellCheck={false}
                value={rawText}
                onChange={(e) => setRawText(e.target.value)}
              />
              {rawError ? <p className="text-xs font-medium text-red-600">{rawError}</p> : null}
            </div>
          ) : null}
        </div>

        {both.length > 0 ? (
          <Alert tone="warning" title="Edited in both views">
            {both.join(", ")} {both.length === 1 ? "was" : "were"} changed in the form and in the raw JSON. The form&apos;s value is saved.
          </Alert>
        ) : null}
        {ed.errors.configData ? <Alert tone="error">{ed.errors.configData[0]}</Alert> : null}

        <div className="flex justify-end gap-2">
          <Button
            variant="secondary"
            disabled={!ed.dirty || ed.pending}
            onClick={() => {
              ed.reset();
              setRawText(JSON.stringify(row.data, null, 2));
              setCapText(JSON.stringify(row.data.capabilities ?? {}, null, 2));
              setCapError(null);
            }}
          >
            Discard changes
          </Button>
          <Button disabled={ed.pending || rawError !== null || capError !== null} onClick={ed.save}>
            {ed.pending ? "Saving…" : "Save"}
          </Button>
        </div>
      </div>
    </Card>
  );
}
