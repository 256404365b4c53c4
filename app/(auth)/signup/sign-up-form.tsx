"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { PASSWORD_MAX, PASSWORD_MIN, signUpInput } from "@/lib/validation/auth";
import { signUp } from "../actions";

export function SignUpForm() {
  const { state, action, pending, onSubmit, errors, message } = useCheckedForm(signUpInput, signUp);

  if (state?.ok) return <Alert tone="success">{state.message}</Alert>;

  return (
    <form
      action={action}
      noValidate
      onSubmit={onSubmit}
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
