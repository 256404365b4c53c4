"use client";

import { useActionState, useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signInInput } from "@/lib/validation/auth";
import { signIn, type AuthFormResult } from "../actions";

type Errors = Record<string, string[] | undefined>;

export function SignInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<AuthFormResult | null, FormData>(signIn, null);
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const errors: Errors | undefined = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const message = !clientErrors && state && !state.ok && !state.fieldErrors ? state.message : null;

  return (
    <form
      action={action}
      noValidate
      onSubmit={(e) => {
        // The same schema as the server: immediate hints, then the server parses again.
        const data = Object.fromEntries(new FormData(e.currentTarget));
        const parsed = signInInput.safeParse(data);
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
      {next ? <input type="hidden" name="next" value={next} /> : null}
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
      <Field id="password" label="Password" error={errors?.password}>
        {(aria) => <Input {...aria} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
