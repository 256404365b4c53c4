/**
 * Where the links in the Auth API's mails lead (the @supabase/ssr server-side pattern):
 * `/auth/confirm?token_hash=...&type=recovery|email_change|signup|invite|magiclink|email&next=/path`.
 * verifyOtp() through the server Supabase client checks the token with the Auth API and writes
 * the session cookies; then the browser goes on to `next` (a same-origin path only, through
 * safeNextPath) or the default page of the link's type. A link that is invalid, expired or
 * already used goes to the sign-in page, which says so; the page never shows text from the URL.
 */
import { redirect } from "next/navigation";
import { isAuthUnavailable } from "@/lib/errors";
import { defineRoute } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";
import { emailLinkType, type EmailLinkType } from "@/lib/validation/account";
import { safeNextPath } from "@/lib/validation/auth";

const DEFAULT_NEXT: Record<EmailLinkType, string> = {
  recovery: "/reset-password",
  email_change: "/account/email?notice=changed",
  signup: "/",
  invite: "/reset-password",
  magiclink: "/",
  email: "/",
};

// Public: an email link arrives signed out (the session is what verifyOtp creates), and the
// link's token hash is the credential, checked by the Auth API. A viewer guard would answer 401
// to every valid link. defineRoute all the same, so that every route handler in app/ goes through
// it and a public one says so where it is declared (tests/lib/define-route.test.ts checks).
export const GET = defineRoute({ public: true }, async (request) => {
  const params = request.nextUrl.searchParams;
  const type = emailLinkType(params.get("type"));
  const tokenHash = params.get("token_hash") ?? "";
  if (!type || !/^[0-9a-zA-Z_-]{1,128}$/.test(tokenHash)) redirect("/login?notice=link-invalid");

  const supabase = await createClient();
  const { data, error } = await supabase.auth.verifyOtp({ type, token_hash: tokenHash });
  if (error) redirect(isAuthUnavailable(error) ? "/login?notice=auth-unavailable" : "/login?notice=link-invalid");
  // Secure email change: the first of the two links is accepted without a session; the change
  // waits for the other address's link.
  if (!data.session) redirect("/account/email?notice=confirmed-one");
  redirect(safeNextPath(params.get("next")) ?? DEFAULT_NEXT[type]);
});
