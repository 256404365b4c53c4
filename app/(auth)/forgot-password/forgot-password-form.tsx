"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { forgotPasswordInput } from "@/lib/validation/account";
import { requestPasswordReset } from "./actions";

export function ForgotPasswordForm() {
  const { state, action, pending, onSubmit, errors, message: failure, stale } = useCheckedForm(forgotPasswordInput, requestPasswordReset);
  const sent = !stale && state?.ok ? state.message : null;

  return (
    <form
      action={action}
      noValidate
      onSubmit={onSubmit}
      className="space-y-4"
    >
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {sent ? (
        <Alert tone="success" title="Check your inbox">
          {sent}
        </Alert>
      ) : null}
      <Field id="email" label="Email" error={errors?.email}>
        {(aria) => (
          <Input
            {...aria}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={state?.values?.email}
            key={state?.values?.email}
          />
        )}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send the link"}
      </Button>
    </form>
  );
}
