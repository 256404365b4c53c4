"use client";

import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions";
import { changedPaths, getPath, setPath, type Json } from "@/lib/config-diff";
import { validateConfigData, type ConfigErrors } from "@/lib/validation/admin-config";
import { saveAdminConfig } from "../actions";

export type ConfigRowProps = {
  configKey: string;
  data: Record<string, Json>;
  version: string;
  defaultData: Record<string, Json> | null;
};

/**
 * The state of one admin_config form: an object that starts as the stored config_data (so keys
 * the form does not know are kept), the browser-side check with the server's rules, and the
 * versioned save.
 */
export function useConfigEditor({ configKey, data, version }: ConfigRowProps, compose?: (form: Record<string, Json>) => Record<string, Json>) {
  const [form, setForm] = useState<Record<string, Json>>(data);
  const [state, setState] = useState<ActionResult | null>(null);
  // The stored row changed under the form (this form's save, a revert, someone else's save
  // shown after a refused one): start from the new row and put this person's own edits back on
  // top, so nothing they typed is lost and nothing someone else saved is silently undone.
  const [loaded, setLoaded] = useState({ version, data });
  const [ownSave, setOwnSave] = useState(false);
  if (loaded.version !== version) {
    setLoaded({ version, data });
    setForm(rebase(loaded.data, form, data));
    // A success message describes this form's own save; after someone else's change it is stale.
    if (ownSave) setOwnSave(false);
    else if (state?.ok) setState(null);
  }
  const [submitted, setSubmitted] = useState(false);
  const [pending, start] = useTransition();
  const router = useRouter();

  const final = useMemo(() => (compose ? compose(form) : form), [compose, form]);
  const clientErrors: ConfigErrors = useMemo(() => validateConfigData(configKey, final), [configKey, final]);
  const serverErrors = state && !state.ok ? (state.fieldErrors as ConfigErrors | undefined) : undefined;
  const errors: ConfigErrors = { ...(submitted ? clientErrors : {}), ...(serverErrors ?? {}) };
  const dirty = JSON.stringify(final) !== JSON.stringify(data);

  return {
    form,
    final,
    errors,
    liveErrors: clientErrors,
    state,
    pending,
    dirty,
    get: (path: string) => getPath(form, path),
    set: (path: string, v: unknown) => {
      setForm((f) => setPath(f, path, v));
      if (state && !state.ok) setState(null);
    },
    reset: () => {
      setForm(data);
      setState(null);
      setSubmitted(false);
    },
    save: () => {
      setSubmitted(true);
      if (Object.keys(clientErrors).length > 0) {
        setState({ ok: false, message: "Check the highlighted fields: nothing was saved." });
        return;
      }
      start(async () => {
        const r = await saveAdminConfig(null, { configKey, expectedUpdatedAt: version, configData: JSON.stringify(final) });
        setState(r);
        if (r.ok) {
          setOwnSave(true);
          router.refresh();
        }
      });
    },
  };
}

/** `next` with the paths that differ between `base` and `mine` taken from `mine`. */
export function rebase<T extends Record<string, Json>>(base: T, mine: T, next: T): T {
  let out = next;
  for (const p of changedPaths(base, mine)) out = setPath(out, p, getPath(mine, p));
  return out;
}

export function firstError(errors: ConfigErrors, path: string): string | undefined {
  return errors[path]?.[0];
}
