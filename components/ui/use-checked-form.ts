"use client";

import { useActionState, useState, type FormEvent } from "react";
import { z } from "zod";
import type { FieldErrors } from "@/lib/actions";

type FormResult = { ok: boolean; message?: string; fieldErrors?: FieldErrors };

/**
 * A form posted to a server action and checked first in the browser with the schema the action
 * parses again: the schema's messages show at once, without a round trip, and a form that fails
 * them is not sent. Once it passes, the server's answer shows.
 *
 *   const form = useCheckedForm(signInInput, signIn);
 *   <form action={form.action} noValidate onSubmit={form.onSubmit}>…{form.errors?.email}…</form>
 *
 * `errors`: the field errors to show, the browser's or else the server's; `message`: the server's
 * refusal that names no field; `stale`: the browser's errors replace the server's last answer,
 * so a success from it is not shown either.
 */
export function useCheckedForm<R extends FormResult>(schema: z.ZodType, serverAction: (prev: R | null, data: FormData) => Promise<R>) {
  const [state, action, pending] = useActionState<R | null, FormData>(serverAction, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const errors: FieldErrors | undefined = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
  const message = !clientErrors && state && !state.ok && !state.fieldErrors ? state.message : null;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const parsed = schema.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) {
      e.preventDefault();
      setClientErrors(z.flattenError(parsed.error).fieldErrors as FieldErrors);
    } else {
      setClientErrors(null);
    }
  };
  return { state, action, pending, onSubmit, errors, message, stale: clientErrors !== null };
}
