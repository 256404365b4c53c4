"use client";

import { useActionState, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { MoreIcon } from "@/components/ui/icons";
import { Input, Select } from "@/components/ui/input";
import { Popover } from "@/components/ui/popover";
import type { ActionResult } from "@/lib/actions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/auth";
import { ROLE_LABELS, USER_ROLES } from "@/lib/validation/users";
import { startViewAs } from "../../../_view-as/actions";
import { approveUsers, changeUserRole, resetUserPassword, setUserBanned } from "../actions";
import type { UserTableRow } from "./columns";
import { useActionSuccess } from "@/components/ui/use-action-success";

type OnDone = (message: string, ok: boolean) => void;
type Open = null | "role" | "ban" | "password";

const menuItem =
  "flex w-full items-center rounded px-2 py-1.5 text-left text-sm hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50";

/** The ⋯ menu of one account, and the dialogs it opens. */
export function UserRowActions({ user, isSelf, onDone }: { user: UserTableRow; isSelf: boolean; onDone: OnDone }) {
  const [open, setOpen] = useState<Open>(null);
  const [pending, start] = useTransition();

  return (
    <>
      <Popover
        label={`Actions for ${user.email}`}
        button={<MoreIcon />}
        buttonClassName="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
        align="end"
      >
        {(close) => (
          <div className="flex flex-col">
            {user.role === "PENDING" ? (
              <button
                type="button"
                className={menuItem}
                disabled={pending}
                onClick={() => {
                  close();
                  start(async () => {
                    const r = await approveUsers(null, { userIds: [user.id] });
                    onDone(r.ok ? (r.message ?? "Approved.") : r.message, r.ok);
                  });
                }}
              >
                Approve
              </button>
            ) : null}
            <button
              type="button"
              className={menuItem}
              disabled={isSelf}
              title={isSelf ? "You cannot change your own role" : undefined}
              onClick={() => {
                close();
                setOpen("role");
              }}
            >
              Change role…
            </button>
            <button
              type="button"
              className={menuItem}
              onClick={() => {
                close();
                setOpen("password");
              }}
            >
              Reset password…
            </button>
            <button
              type="button"
              className={menuItem}
              disabled={isSelf || user.role === "PENDING" || pending}
              title={isSelf ? "This is you" : user.role === "PENDING" ? "Pending accounts see no data yet" : undefined}
              onClick={() => {
                close();
                // Read-only browsing as this user; the action redirects to their overview.
                start(async () => {
                  const r = await startViewAs(null, { userId: user.id });
                  if (r && !r.ok) onDone(r.message, false);
                });
              }}
            >
              View as user
            </button>
            <div className="my-1 border-t border-zinc-100" />
            <button
              type="button"
              className={`${menuItem} ${user.banned ? "" : "text-red-700"}`}
              disabled={isSelf}
              title={isSelf ? "You cannot ban your own account" : undefined}
              onClick={() => {
                close();
                setOpen("ban");
              }}
            >
              {user.banned ? "Unban…" : "Ban…"}
            </button>
          </div>
        )}
      </Popover>

      <Dialog
        open={open === "role"}
        onClose={() => setOpen(null)}
        title="Change role"
        description={
          <>
            Choose the role of <strong>{user.email}</strong>. It applies from their next request.
          </>
        }
      >
        <ChangeRoleForm user={user} onCancel={() => setOpen(null)} onDone={(m) => (setOpen(null), onDone(m, true))} />
      </Dialog>

      <Dialog
        open={open === "ban"}
        onClose={() => setOpen(null)}
        title={user.banned ? "Unban account" : "Ban account"}
        description={
          user.banned ? (
            <>
              <strong>{user.email}</strong> will be able to sign in again.
            </>
          ) : (
            <>
              <strong>{user.email}</strong> will not be able to sign in. Their current session ends when its access
              token expires.
            </>
          )
        }
      >
        <BanForm user={user} onCancel={() => setOpen(null)} onDone={(m) => (setOpen(null), onDone(m, true))} />
      </Dialog>

      <Dialog
        open={open === "password"}
        onClose={() => setOpen(null)}
        title="Reset password"
        description={
          <>
            Set a new password for <strong>{user.email}</strong> and tell it to them by a safe channel.
          </>
        }
      >
        <ResetPasswordForm user={user} onCancel={() => setOpen(null)} onDone={(m) => (setOpen(null), onDone(m, true))} />
      </Dialog>
    </>
  );
}

type FormProps = { user: UserTableRow; onCancel: () => void; onDone: (message: string) => void };

function FormError({ state }: { state: ActionResult | null }) {
  if (!state || state.ok || state.fieldErrors) return null;
  return <Alert tone="error">{state.message}</Alert>;
}

function ChangeRoleForm({ user, onCancel, onDone }: FormProps) {
  const [state, action, pending] = useActionState(changeUserRole, null);
  useActionSuccess(state, (s) => onDone(s.message ?? "Done."));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4">
      <FormError state={state} />
      <input type="hidden" name="userId" value={user.id} />
      <Field id="role" label="Role" error={errors?.role}>
        {(aria) => (
          <Select {...aria} name="role" defaultValue={user.role}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save role"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function BanForm({ user, onCancel, onDone }: FormProps) {
  const [state, action, pending] = useActionState(setUserBanned, null);
  useActionSuccess(state, (s) => onDone(s.message ?? "Done."));
  return (
    <form action={action} className="space-y-4">
      <FormError state={state} />
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="banned" value={user.banned ? "false" : "true"} />
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={user.banned ? "primary" : "danger"} disabled={pending}>
          {pending ? "Saving…" : user.banned ? "Unban" : "Ban account"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function ResetPasswordForm({ user, onCancel, onDone }: FormProps) {
  const [state, action, pending] = useActionState(resetUserPassword, null);
  useActionSuccess(state, (s) => onDone(s.message ?? "Done."));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4">
      <FormError state={state} />
      <input type="hidden" name="userId" value={user.id} />
      <Field id="new-password" label="New password" hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`} error={errors?.password}>
        {(aria) => <Input {...aria} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="confirm-password" label="Repeat the password" error={errors?.confirm}>
        {(aria) => <Input {...aria} name="confirm" type="password" autoComplete="new-password" required />}
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Set password"}
        </Button>
      </DialogFooter>
    </form>
  );
}
