"use client";

import { useActionState, useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PASSWORD_MAX, PASSWORD_MIN, signUpInput } from "@/lib/validation/auth";
import { signUp, type AuthFormResult } from "../actions";

type Errors = Record<string, string[] | undefined>;

export function SignUpForm() {
  const [state, action, pending] = useActionState<AuthFormResult | null, FormData>(signUp, null);
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const errors: Errors | undefined = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const message = !clientErrors && state && !state.ok && !state.fieldErrors ? state.message : null;

  if (state?.ok) return <Alert tone="success">{state.message}</Alert>;

  return (
    <form
      action={action}
      noValidate
      onSubmit={(e) => {
        const parsed = signUpInput.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
        if (!parsed.success) {
          e.preventDefault();
          setClientErrors(z.flattenError(parsed.error).fieldErrors as Errors);
        } else {
          setClientErrors(null);
        }
      }}
      className="space-y-4"
    >
      {message ? <Alert tone="error">{message}</Alert> : null}
      <Field id="name" label="Name" hint="Optional. Shown to administrators." error={errors?.name}>
        {(aria) => <Input {...aria} name="name" autoComplete="name" defaultValue={state?.values?.name} key={`n${state?.values?.name}`} />}
      </Field>
      <Field id="email" label="Email" error={errors?.email}>
        {(aria) => (
          <Input {...aria} name="email" type="email" autoComplete="email" required defaultValue={state?.values?.email} key={`e${state?.values?.email}`} />
        )}
      </Field>
      <Field id="password" label="Password" hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`} error={errors?.password}>
        {(aria) => <Input {...aria} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
