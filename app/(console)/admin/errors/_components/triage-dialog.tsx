"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/actions";
import { formatCount } from "@/lib/format";
import { countMatchingErrors, reopenErrorsAction, resolveErrorsAction } from "../actions";

export type TriageTarget = { scope: "ids"; ids: string[] } | { scope: "filter"; filter: string };
export type TriageKind = "resolve" | "reopen";


/**
 * Confirms a resolve / reopen: states how many errors it will change (for a filter, counted by
 * the server when the dialog opens), takes the note (required when more than one error), runs
 * the action and reports how many rows changed.
 */
export function TriageDialog({
  open,
  kind,
  target,
  onClose,
  onDone,
}: {
  open: boolean;
  kind: TriageKind;
  target: TriageTarget;
  onClose: () => void;
  onDone: (message: string, ok: boolean) => void;
}) {
  const noteId = useId();
  const [note, setNote] = useState("");
  const [count, setCount] = useState<number | null>(target.scope === "ids" ? target.ids.length : null);
  const [countError, setCountError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const filter = target.scope === "filter" ? target.filter : null;

  // Each opening starts clean: reset while rendering when the dialog opens or its target changes.
  const opening = open ? `${kind}|${filter ?? (target.scope === "ids" ? target.ids.join(",") : "")}` : null;
  const [shownOpening, setShownOpening] = useState<string | null>(null);
  if (opening !== shownOpening) {
    setShownOpening(opening);
    if (opening) {
      setNote("");
      setErrors({});
      setMessage(null);
      setCountError(null);
      setCount(target.scope === "ids" ? target.ids.length : null);
    }
  }

  // A filter's count comes from the server.
  useEffect(() => {
    if (!open || filter === null) return;
    let live = true;
    countMatchingErrors(null, { filter, action: kind }).then((r) => {
      if (!live) return;
      if (r.ok) setCount(r.count);
      else setCountError(r.message);
    });
    return () => {
      live = false;
    };
  }, [open, kind, filter]);

  const bulk = target.scope === "filter" || target.ids.length > 1;
  const verb = kind === "resolve" ? "Resolve" : "Reopen";
  const title =
    count === null
      ? `${verb} every error matching the filter`
      : target.scope === "filter"
        ? `${verb} ${formatCount(count, "error")} matching the filter?`
        : `${verb} ${formatCount(count, "error")}?`;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={
        target.scope === "filter"
          ? count === null
            ? "Counting the errors this will change…"
            : `All ${formatCount(count, "error")} change together in one transaction, or none does. Errors that arrive meanwhile and match the filter are included; the result states the exact number.`
          : kind === "resolve"
            ? "They are marked resolved by you, now."
            : "They become unresolved again."
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const input = { note, target };
            const r = kind === "resolve" ? await resolveErrorsAction(null, input) : await reopenErrorsAction(null, input);
            if (r.ok) {
              onDone(r.message ?? "Done.", true);
              onClose();
            } else {
              setErrors(r.fieldErrors ?? {});
              setMessage(r.message);
              if (!r.fieldErrors) onDone(r.message, false);
            }
          });
        }}
      >
        {countError ? <Alert tone="error">{countError}</Alert> : null}
        {message && Object.keys(errors).length ? <Alert tone="error">{message}</Alert> : null}
        <Field
          id={noteId}
          label={kind === "resolve" ? "Resolution note" : "Note (optional)"}
          hint={kind === "resolve" ? (bulk ? "Required for a bulk resolve. Pinned on each group." : "Optional for one error. Pinned on its group.") : "Replaces the resolution note when given."}
          error={errors.note}
        >
          {(aria) => (
            <textarea
              {...aria}
              name="note"
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className="block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm shadow-xs focus-visible:border-brand-600 aria-[invalid=true]:border-red-500"
              placeholder={kind === "resolve" ? "What fixed it, or why it needs no action" : ""}
            />
          )}
        </Field>
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant={kind === "resolve" ? "primary" : "secondary"} disabled={pending || count === null || count === 0}>
            {pending ? `${verb === "Resolve" ? "Resolving" : "Reopening"}…` : count === null ? verb : `${verb} ${formatCount(count, "error")}`}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
