"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { changeEmailInput } from "@/lib/validation/account";
import { requestEmailChange } from "./actions";

export function ChangeEmailForm() {
  const { state, action, pending, onSubmit, errors, message, stale } = useCheckedForm(changeEmailInput, requestEmailChange);

  return (
    <form
      action={action}
      noValidate
      onSubmit={onSubmit}
      className="max-w-md space-y-4"
    >
      {message ? <Alert tone="error">{message}</Alert> : null}
      {!stale && state?.ok ? (
        <Alert tone="success" title="Check both inboxes">
          {state.message}
        </Alert>
      ) : null}
      <Field id="email" label="New email address" error={errors?.email}>
        {(aria) => <Input {...aria} name="email" type="email" autoComplete="email" required />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Change email"}
      </Button>
    </form>
  );
}
