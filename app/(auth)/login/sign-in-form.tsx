"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { signInInput } from "@/lib/validation/auth";
import { signIn } from "../actions";

export function SignInForm({ next }: { next?: string }) {
  const { state, action, pending, onSubmit, errors, message } = useCheckedForm(signInInput, signIn);

  return (
    <form
      action={action}
      noValidate
      onSubmit={onSubmit}
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
