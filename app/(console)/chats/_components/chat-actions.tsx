"use client";

import { useActionState, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import { VISIBILITY_LABELS, type ChatVisibility } from "@/lib/validation/chats";
import { deleteChatAction, renameChatAction, setChatVisibilityAction } from "../actions";
import { useActionSuccess } from "@/components/ui/use-action-success";

/** The owner's controls on a chat: rename, make public / private, delete (typed confirmation). */
export function ChatActions({ chatId, title, visibility }: { chatId: string; title: string; visibility: ChatVisibility }) {
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const [notice, setNotice] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const other: ChatVisibility = visibility === "private" ? "public" : "private";

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={() => setDialog("rename")}>
          Rename
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={pending}
          onClick={() => start(async () => setNotice(await setChatVisibilityAction(null, { chatId, visibility: other })))}
        >
          {pending ? "Saving…" : `Make ${VISIBILITY_LABELS[other].toLowerCase()}`}
        </Button>
        <Button variant="danger" size="sm" onClick={() => setDialog("delete")}>
          Delete
        </Button>
      </div>
      {notice ? <Alert tone={notice.ok ? "success" : "error"}>{notice.message}</Alert> : null}
      <RenameDialog open={dialog === "rename"} onClose={() => setDialog(null)} chatId={chatId} title={title} onDone={setNotice} />
      <DeleteDialog open={dialog === "delete"} onClose={() => setDialog(null)} chatId={chatId} title={title} />
    </div>
  );
}

function RenameDialog({
  open,
  onClose,
  chatId,
  title,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  chatId: string;
  title: string;
  onDone: (r: ActionResult) => void;
}) {
  const [state, action, pending] = useActionState(renameChatAction, null);
  useActionSuccess(state, (s) => {
    onDone(s);
    onClose();
  });
  return (
    <Dialog open={open} onClose={onClose} title="Rename chat">
      <form action={action} className="space-y-4">
        <input type="hidden" name="chatId" value={chatId} />
        <Field id="chat-title" label="Title" error={state && !state.ok ? state.fieldErrors?.title : undefined}>
          {(aria) => <Input {...aria} name="title" defaultValue={title} maxLength={200} required autoFocus />}
        </Field>
        {state && !state.ok && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save title"}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ open, onClose, chatId, title }: { open: boolean; onClose: () => void; chatId: string; title: string }) {
  // On success the action redirects to /chats; only failures come back here.
  const [state, action, pending] = useActionState(deleteChatAction, null);
  const [typed, setTyped] = useState("");
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Delete this chat?"
      description="Its messages, votes and the documents made in it are deleted with it. Usage records stay, without the link to the chat. This cannot be undone."
    >
      <form action={action} className="space-y-4">
        <input type="hidden" name="chatId" value={chatId} />
        <Field
          id="delete-confirm"
          label={
            <>
              Type <span className="font-mono break-all">{title}</span> to confirm
            </>
          }
          error={state && !state.ok ? state.fieldErrors?.confirm : undefined}
        >
          {(aria) => <Input {...aria} name="confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />}
        </Field>
        {state && !state.ok && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending || typed.trim() !== title.trim()}>
            {pending ? "Deleting…" : "Delete chat"}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
