"use client";

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { XIcon } from "@/components/ui/icons";

/** What a row or bulk action answered, shown above the table. */
export type TableNotice = { text: string; ok: boolean };

/** A message above a table that stays until it is dismissed (or the next action replaces it). */
export function DataTableNotice({ notice, onDismiss }: { notice: TableNotice | null; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <DismissibleNotice onDismiss={onDismiss}>
      <Alert tone={notice.ok ? "success" : "error"} className="flex-1">
        {notice.text}
      </Alert>
    </DismissibleNotice>
  );
}

/** The frame of DataTableNotice around other content (a message with a follow-up action). */
export function DismissibleNotice({ onDismiss, children }: { onDismiss: () => void; children: ReactNode }) {
  return (
    <div className="flex items-start gap-2">
      {children}
      <Button variant="ghost" size="sm" aria-label="Dismiss message" onClick={onDismiss}>
        <XIcon size={14} />
      </Button>
    </div>
  );
}
