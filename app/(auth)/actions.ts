"use server";

/**
 * Sign-in, sign-up and sign-out: server actions on the server Supabase client, so the session
 * cookies are written by the server and the password never touches client-side code beyond the
 * form. Input is parsed with the forms' own schemas (lib/validation/auth.ts); results never
 * contain the password.
 */
import { redirect } from "next/navigation";
import { after } from "next/server";
import { fieldErrorsOf, findUnstorableText, inputObject, type ActionFailure } from "@/lib/actions";
import {
  returnSignUpAttempt,
  settleSignInAttempt,
  takeSignInAttempt,
  takeSignUpAttempt,
  tooManySignInsMessage,
  tooManySignUpsMessage,
  type LimitVerdict,
  type SignInOutcome,
} from "@/lib/auth/sign-in-limits";
import { clientIp } from "@/lib/client-ip";
import { getDb } from "@/lib/db/client";
import {
  AUTH_RATE_LIMITED_MESSAGE,
  AUTH_UNAVAILABLE_MESSAGE,
  DATABASE_UNAVAILABLE_MESSAGE,
  isAuthRateLimited,
  isAuthUnavailable,
  isDatabaseUnavailable,
} from "@/lib/errors";
import { logActivity } from "@/lib/logging/system-log";
import { requestContext, sessionIdOf } from "@/lib/logging/request-context";
import { createClient } from "@/lib/supabase/server";
import { safeNextPath, signInInput, signUpInput } from "@/lib/validation/auth";

export type AuthFormResult =
  | (ActionFailure & { values?: { email?: string; name?: string } })
  | { ok: true; message: string; values?: { email?: string; name?: string } };

const INVALID_CREDENTIALS = "Invalid email or password";

/**
 * The client's address for the Auth API's own per-IP limits: the request reaches the Auth API
 * from this server, so without it every person would share the server's address. Only the
 * address lib/client-ip.ts derived (TRUSTED_PROXY), never a header the browser sent.
 */
function clientIpHeaders(ip: string | null): Record<string, string> | undefined {
  return ip ? { "X-Forwarded-For": ip } : undefined;
}

/**
 * The app's own limits (lib/auth/sign-in-limits.ts), checked before the Auth API is asked. A
 * database outage refuses the attempt (fail closed) with the outage message.
 */
async function checkLimit(take: () => Promise<LimitVerdict>, tooMany: (waitSeconds: number) => string): Promise<string | null> {
  try {
    const v = await take();
    return v.ok ? null : tooMany(v.waitSeconds);
  } catch (err) {
    if (isDatabaseUnavailable(err)) return DATABASE_UNAVAILABLE_MESSAGE;
    throw err;
  }
}

/** What an Auth API error says about the password, for settle_sign_in_attempt. */
function signInOutcomeOf(error: { code?: string; status?: number; name?: string }): SignInOutcome {
  if (isAuthRateLimited(error) || isAuthUnavailable(error)) return "unchecked";
  // Only the right password learns these (supabase/local/auth-server/routes/token.ts, as GoTrue).
  if (error.code === "user_banned" || error.code === "email_not_confirmed") return "succeeded";
  return "failed";
}

/** A field of the form; undefined for anything but a string (a hostile client may send any value). */
function stringField(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  return typeof v === "string" && findUnstorableText(v) === null ? v.slice(0, 320) : undefined;
}

/** NUL characters and broken Unicode never reach the Auth API (its tables could not store them). */
function refuseUnstorable(input: Record<string, unknown>, values: { email?: string; name?: string }): AuthFormResult | null {
  const field = findUnstorableText(input);
  if (field === null) return null;
  const message = "Remove the invalid characters (NUL or broken Unicode) from this field.";
  return { ok: false, message: "Check the highlighted fields.", fieldErrors: field ? { [field]: [message] } : undefined, values };
}

export async function signIn(_prev: AuthFormResult | null, formData: FormData): Promise<AuthFormResult> {
  const input = inputObject(formData);
  const email = stringField(input, "email")?.trim();
  const unstorable = refuseUnstorable(input, { email });
  if (unstorable) return unstorable;
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: { email } };
  }

  const fail = (message: string): AuthFormResult => ({ ok: false, message, values: { email } });
  const ip = await clientIp();
  const db = getDb();
  const limited = await checkLimit(() => takeSignInAttempt(db, parsed.data.email, ip), tooManySignInsMessage);
  if (limited) return fail(limited);

  const supabase = await createClient({ headers: clientIpHeaders(ip) });
  const { data, error } = await supabase.auth.signInWithPassword({
    email: parsed.data.email,
    password: parsed.data.password,
  });
  // Settled after the response: the attempt was counted as a failure when taken, so a slow or
  // failing settle never delays the answer and never lets a guess through uncounted.
  const outcome: SignInOutcome = error ? signInOutcomeOf(error) : "succeeded";
  if (outcome !== "failed") after(() => settleSignInAttempt(db, parsed.data.email, ip, outcome));
  if (error) {
    if (isAuthRateLimited(error)) return fail(AUTH_RATE_LIMITED_MESSAGE);
    if (isAuthUnavailable(error)) return fail(AUTH_UNAVAILABLE_MESSAGE);
    if (error.code === "user_banned") return fail("This account is suspended. Contact an administrator.");
    if (error.code === "email_not_confirmed") return fail("Confirm your email address first: follow the link in the email we sent you.");
    // invalid_credentials, and anything else the Auth API refuses: one message for an unknown
    // email and a wrong password alike, so the form does not reveal which accounts exist.
    return fail(INVALID_CREDENTIALS);
  }

  // Issue 5: the sign-in goes to user_activity_logs (when logging_settings enable it), after
  // the response: a slow or failing log write never delays or fails the sign-in.
  if (data.user) {
    const context = await requestContext("/login", "POST", sessionIdOf(data.session?.access_token));
    const userId = data.user.id;
    after(() => logActivity({ userId, activityType: "auth_login", activityCategory: "auth", metadata: { method: "password" }, request: context }));
  }

  // Only a local path (no scheme, no host): never an open redirect.
  redirect(safeNextPath(parsed.data.next) ?? "/");
}

export async function signUp(_prev: AuthFormResult | null, formData: FormData): Promise<AuthFormResult> {
  const input = inputObject(formData);
  const email = stringField(input, "email")?.trim();
  const name = stringField(input, "name")?.trim();
  const unstorable = refuseUnstorable(input, { email, name });
  if (unstorable) return unstorable;
  const parsed = signUpInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: { email, name } };
  }

  const ip = await clientIp();
  const db = getDb();
  const limited = await checkLimit(() => takeSignUpAttempt(db, ip), tooManySignUpsMessage);
  if (limited) return { ok: false, message: limited, values: { email, name } };

  const supabase = await createClient({ headers: clientIpHeaders(ip) });
  const { data, error } = await supabase.auth.signUp({
    email: parsed.data.email,
    password: parsed.data.password,
    // Display name only. user_metadata is writable by its owner and grants nothing: the role
    // starts PENDING in public.profiles whatever is sent here.
    options: { data: parsed.data.name ? { name: parsed.data.name } : {} },
  });
  // An attempt the Auth API never answered is given back; any answer counts (sign-ups per IP).
  if (error && (isAuthRateLimited(error) || isAuthUnavailable(error))) after(() => returnSignUpAttempt(db, ip));
  if (error) {
    const fail = (message: string, fieldErrors?: Record<string, string[]>): AuthFormResult => ({
      ok: false,
      message,
      fieldErrors,
      values: { email, name },
    });
    if (isAuthRateLimited(error)) return fail(AUTH_RATE_LIMITED_MESSAGE);
    if (isAuthUnavailable(error)) return fail(AUTH_UNAVAILABLE_MESSAGE);
    if (error.code === "user_already_exists" || error.code === "email_exists") {
      return fail("Check the highlighted fields.", { email: ["An account with this email already exists. Sign in instead."] });
    }
    if (error.code === "weak_password") {
      return fail("Check the highlighted fields.", { password: ["Choose a stronger password (at least 6 characters)."] });
    }
    if (error.code === "validation_failed" || error.code === "email_address_invalid") {
      return fail("Check the highlighted fields.", { email: ["Enter a valid email address"] });
    }
    if (error.code === "signup_disabled") return fail("New accounts cannot be created at the moment.");
    return fail("The account could not be created. Try again.");
  }

  // With email confirmation on (a Supabase project may require it) there is no session yet.
  if (!data.session) {
    return { ok: true, message: "Check your inbox: confirm your email address, then sign in.", values: { email } };
  }
  const context = await requestContext("/signup", "POST", sessionIdOf(data.session.access_token));
  const newUserId = data.session.user.id;
  after(() => logActivity({ userId: newUserId, activityType: "auth_register", activityCategory: "auth", request: context }));
  // New accounts start PENDING until an admin approves them.
  redirect("/pending");
}

/** Ends this browser's session only (scope local); other devices stay signed in. */
export async function signOut(): Promise<{ ok: boolean; message?: string }> {
  const supabase = await createClient();
  // Who is signing out, from the verified claims (for the activity log), before the session ends.
  const { data: claimsData } = await supabase.auth.getClaims().catch(() => ({ data: null }));
  const claims = claimsData?.claims as { sub?: string; session_id?: string } | undefined;
  const { error } = await supabase.auth.signOut({ scope: "local" });
  // auth-js already cleared the cookies for "already signed out" answers (401/403/404); a
  // failure here means the Auth API could not be reached, and the session would survive.
  if (error && isAuthUnavailable(error)) return { ok: false, message: AUTH_UNAVAILABLE_MESSAGE };
  if (claims?.sub) {
    const context = await requestContext("/logout", "POST", claims.session_id ?? null);
    const userId = claims.sub;
    after(() => logActivity({ userId, activityType: "auth_logout", activityCategory: "auth", request: context }));
  }
  return { ok: true };
}
