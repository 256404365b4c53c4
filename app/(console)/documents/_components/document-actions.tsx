"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { resolveSuggestionAction, restoreVersionAction } from "../actions";

export function ResolveButton({ suggestionId }: { suggestionId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await resolveSuggestionAction(null, { suggestionId });
            setError(r.ok ? null : r.message);
          })
        }
      >
        {pending ? "Resolving…" : "Resolve"}
      </Button>
      {error ? <span role="alert" className="text-red-600">{error}</span> : null}
    </span>
  );
}

/** Restore = a new version with this content, after a confirmation; nothing is deleted. */
export function RestoreButton({ documentId, versionNumber, expectedLatest }: { documentId: string; versionNumber: number; expectedLatest: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        Restore this version
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Restore version ${versionNumber}?`}
        description={`Version ${expectedLatest + 1} is written with the content of version ${versionNumber}. Every existing version stays as it is.`}
      >
        {message ? (
          <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-700" : "text-sm text-red-600"}>
            {message.text}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await restoreVersionAction(null, { documentId, versionNumber, expectedLatest });
                setMessage({ ok: r.ok, text: r.message ?? "" });
                if (r.ok) {
                  setOpen(false);
                  router.push(`/documents/${documentId}?v=${r.versionNumber}`);
                }
              })
            }
          >
            {pending ? "Restoring…" : "Restore as new version"}
          </Button>
        </DialogFooter>
      </Dialog>
    </>
  );
}
