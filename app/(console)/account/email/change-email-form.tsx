"use client";

import { useActionState, useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import { changeEmailInput } from "@/lib/validation/account";
import { requestEmailChange } from "./actions";

type Errors = Record<string, string[] | undefined>;

export function ChangeEmailForm() {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(requestEmailChange, null);
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const errors: Errors | undefined = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const message = !clientErrors && state && !state.ok && !state.fieldErrors ? state.message : null;

  return (
    <form
      action={action}
      noValidate
      onSubmit={(e) => {
        const parsed = changeEmailInput.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
        if (!parsed.success) {
          e.preventDefault();
          setClientErrors(z.flattenError(parsed.error).fieldErrors as Errors);
        } else {
          setClientErrors(null);
        }
      }}
      className="max-w-md space-y-4"
    >
      {message ? <Alert tone="error">{message}</Alert> : null}
      {!clientErrors && state?.ok ? (
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
