"use client";

import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/auth";
import { setPasswordInput } from "@/lib/validation/account";
import { setNewPassword } from "./actions";

export function SetPasswordForm() {
  const { state, action, pending, onSubmit, errors, message } = useCheckedForm(setPasswordInput, setNewPassword);

  useEffect(() => {
    // A full load, as after sign-out: the router keeps no page of the ended session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate
    if (state?.ok) window.location.assign("/login?notice=password-updated");
  }, [state]);

  return (
    <form
      action={action}
      noValidate
      onSubmit={onSubmit}
      className="space-y-4"
    >
      {message ? <Alert tone="error">{message}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.message ?? "Your password was changed."}</Alert> : null}
      <Field id="password" label="New password" hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters`} error={errors?.password}>
        {(aria) => <Input {...aria} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="confirm" label="Repeat the new password" error={errors?.confirm}>
        {(aria) => <Input {...aria} name="confirm" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending || state?.ok === true}>
        {pending ? "Saving…" : "Set the new password"}
      </Button>
    </form>
  );
}
