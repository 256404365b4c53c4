"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { XIcon } from "@/components/ui/icons";
import { TriageDialog } from "./triage-dialog";

export function CloseDetailLink() {
  const pathname = usePathname();
  const params = new URLSearchParams(useSearchParams().toString());
  params.delete("error");
  const qs = params.toString();
  return (
    <Link
      href={`${pathname}${qs ? `?${qs}` : ""}`}
      scroll={false}
      aria-label="Close error details"
      className="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
    >
      <XIcon size={16} />
    </Link>
  );
}

/** Resolve or reopen the error shown in the panel. */
export function SingleTriage({ id, resolved }: { id: string; resolved: boolean }) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | null>(null);
  return (
    <div className="space-y-2">
      <Button size="sm" variant={resolved ? "secondary" : "primary"} onClick={() => setOpen(true)}>
        {resolved ? "Reopen…" : "Resolve…"}
      </Button>
      {notice ? (
        <Alert tone={notice.ok ? "success" : "error"}>
          {notice.text}
        </Alert>
      ) : null}
      {open ? (
        <TriageDialog
          open
          kind={resolved ? "reopen" : "resolve"}
          target={{ scope: "ids", ids: [id] }}
          onClose={() => setOpen(false)}
          onDone={(text, ok) => setNotice({ text, ok })}
        />
      ) : null}
    </div>
  );
}
