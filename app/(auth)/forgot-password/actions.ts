"use server";

/**
 * "Forgot password": asks the Auth API to mail a recovery link. The answer is the same whether
 * or not an account has the address (the Auth API answers `200 {}` for both, and a 429 inside its
 * per-address interval for both), so the page never tells who has an account.
 */
import { createClient } from "@supabase/supabase-js";
import { fieldErrorsOf, findUnstorableText, inputObject, type ActionFailure } from "@/lib/actions";
import { env } from "@/lib/env";
import { AUTH_UNAVAILABLE_MESSAGE, isAuthUnavailable } from "@/lib/errors";
import { forgotPasswordInput, RECOVERY_SENT_MESSAGE } from "@/lib/validation/account";

export type ForgotPasswordResult = (ActionFailure | { ok: true; message: string }) & { values?: { email?: string } };

export async function requestPasswordReset(_prev: ForgotPasswordResult | null, formData: FormData): Promise<ForgotPasswordResult> {
  const input = inputObject(formData);
  const email = typeof input.email === "string" ? input.email.trim().slice(0, 320) : undefined;
  if (findUnstorableText(input) !== null) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: { email: ["Enter a valid email address"] } };
  }
  const parsed = forgotPasswordInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: { email } };
  }

  // No session is involved: a client without storage, and links with a token_hash for the
  // app's /auth/confirm route (no PKCE verifier cookie to keep).
  const supabase = createClient(env.supabaseUrl, env.supabaseAnonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType: "implicit" },
  });
  const { error } = await supabase.auth.resetPasswordForEmail(parsed.data.email);
  if (error && isAuthUnavailable(error)) return { ok: false, message: AUTH_UNAVAILABLE_MESSAGE, values: { email } };
  // Success, the per-address interval (429) and any refusal look the same from here.
  return { ok: true, message: RECOVERY_SENT_MESSAGE, values: { email } };
}
