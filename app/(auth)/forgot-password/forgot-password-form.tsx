"use client";

import { useActionState, useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { forgotPasswordInput } from "@/lib/validation/account";
import { requestPasswordReset, type ForgotPasswordResult } from "./actions";

type Errors = Record<string, string[] | undefined>;

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotPasswordResult | null, FormData>(requestPasswordReset, null);
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const errors: Errors | undefined = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const failure = !clientErrors && state && !state.ok && !state.fieldErrors ? state.message : null;
  const sent = !clientErrors && state?.ok ? state.message : null;

  return (
    <form
      action={action}
      noValidate
      onSubmit={(e) => {
        const parsed = forgotPasswordInput.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
        if (!parsed.success) {
          e.preventDefault();
          setClientErrors(z.flattenError(parsed.error).fieldErrors as Errors);
        } else {
          setClientErrors(null);
        }
      }}
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
