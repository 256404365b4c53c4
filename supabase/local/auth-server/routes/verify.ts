/**
 * `/verify`: the links in recovery, email-change, sign-up, invite and magic-link mails.
 *
 *   POST /verify {type, token_hash}          verifyOtp(): a session, as POST /token answers
 *   GET  /verify?token=&type=&redirect_to=   the link itself: 303 to redirect_to (if allowed, else
 *                                            the site URL) with the session in the fragment
 *
 * As Supabase Auth with secure email change (its default): an email change needs the links sent
 * to both addresses, in either order. The first one answers `{msg, code: "200"}` and no session
 * ("Confirmation link accepted. Please proceed to confirm link sent to the other email"); the
 * second applies the change (and `public.profiles.email` follows by trigger) and signs in.
 */
import type { RequestContext } from "../context";
import type { Queryable } from "../db";
import { ApiError, forbidden, unprocessable, validationFailed } from "../errors";
import { storedForm } from "../email-links";
import { ok, type Reply } from "../http";
import { sessionJson, startSession, type Started } from "../sessions";
import { emailTaken } from "../users";

export const VERIFY_TYPES = ["signup", "invite", "magiclink", "recovery", "email_change", "email"] as const;
export type VerifyType = (typeof VERIFY_TYPES)[number];

export const SINGLE_CONFIRMATION_ACCEPTED =
  "Confirmation link accepted. Please proceed to confirm link sent to the other email";

type Outcome = { started: Started } | { singleConfirmation: true };

const linkInvalid = () => forbidden("otp_expired", "Email link is invalid or has expired");

export async function verifyPost(ctx: RequestContext): Promise<Reply> {
  const body = await ctx.body();
  if (typeof body.type !== "string" || body.type === "") throw validationFailed("Verify requires a verification type");
  const token = typeof body.token === "string" ? body.token : "";
  const tokenHash = typeof body.token_hash === "string" ? body.token_hash : "";
  if ((token === "") === (tokenHash === "")) throw validationFailed("Verify requires either a token or a token hash");
  if (token !== "") {
    // Supabase Auth also takes the mail's 6-digit code with the address; the stand-in sends no
    // codes (one guess in a million per try, see email-links.ts), so it takes links only.
    throw validationFailed("The local Auth API verifies email links only: send token_hash and type");
  }
  if (body.email || body.phone || body.redirect_to) {
    throw validationFailed("Only the token_hash and type should be provided");
  }
  const outcome = await verifyTokenHash(ctx, body.type, tokenHash);
  if ("singleConfirmation" in outcome) return ok({ msg: SINGLE_CONFIRMATION_ACCEPTED, code: "200" });
  return ok(await sessionJson(ctx.sql, ctx.tokens, outcome.started));
}

export async function verifyGet(ctx: RequestContext): Promise<Reply> {
  const type = ctx.query("type") ?? "";
  const token = ctx.query("token") ?? "";
  if (type === "") throw validationFailed("Verify requires a verification type");
  if (token === "") throw validationFailed("Verify requires a token or a token hash");
  const referrer = ctx.parts.email.redirects.referrer(ctx.query("redirect_to"));

  let fragment: URLSearchParams;
  try {
    const outcome = await verifyTokenHash(ctx, type, token);
    if ("singleConfirmation" in outcome) {
      fragment = new URLSearchParams({ message: SINGLE_CONFIRMATION_ACCEPTED, sb: "" });
    } else {
      const session = await sessionJson(ctx.sql, ctx.tokens, outcome.started);
      fragment = new URLSearchParams({
        access_token: session.access_token,
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: session.refresh_token,
        sb: "",
        token_type: "bearer",
        type,
      });
    }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // As Supabase Auth: the failure goes back to the app in the fragment, not as a JSON page.
    const oauth: Record<number, string> = { 400: "invalid_request", 401: "unauthorized_client", 403: "access_denied" };
    fragment = new URLSearchParams();
    if (oauth[e.status]) fragment.set("error", oauth[e.status]);
    fragment.set("error_code", e.code);
    fragment.set("error_description", e.message);
    fragment.set("sb", "");
  }
  const location = `${referrer.split("#")[0]}#${fragment.toString()}`;
  return { status: 303, headers: { Location: location, "Cache-Control": "no-store" } };
}

type TokenRow = {
  id: string;
  email: string | null;
  email_change: string | null;
  confirmation_token: string | null;
  recovery_token: string | null;
  email_change_token_current: string | null;
  email_change_token_new: string | null;
  email_change_confirm_status: number | null;
  banned: boolean;
  confirmation_expired: boolean;
  recovery_expired: boolean;
  email_change_expired: boolean;
};

/** Finds the user by the link's token, checks it, uses it up and (but for a first email-change link) signs in. */
export async function verifyTokenHash(ctx: RequestContext, type: string, tokenHash: string): Promise<Outcome> {
  if (!(VERIFY_TYPES as readonly string[]).includes(type)) throw validationFailed("Invalid email verification type");
  // A token hash is 56 hex characters; anything else cannot match and is not looked up.
  if (!/^[0-9a-f]{56}$/i.test(tokenHash)) throw linkInvalid();
  const stored = storedForm(tokenHash.toLowerCase());
  const expiry = ctx.parts.email.otpExpirySeconds;

  return ctx.sql.begin(async (tx): Promise<Outcome> => {
    const match =
      type === "signup" || type === "invite"
        ? tx`confirmation_token = ${stored}`
        : type === "recovery" || type === "magiclink"
          ? tx`recovery_token = ${stored}`
          : type === "email"
            ? tx`(confirmation_token = ${stored} or recovery_token = ${stored})`
            : tx`(email_change_token_current = ${stored} or email_change_token_new = ${stored})`;
    const expired = (column: string) =>
      tx`coalesce(${tx(column)} + make_interval(secs => ${expiry}) < now(), true)`;
    // Locked: two requests with the same link queue here, and the second finds it used.
    const [row] = await tx<TokenRow[]>`
      select id, email, email_change, confirmation_token, recovery_token, email_change_token_current,
             email_change_token_new, email_change_confirm_status,
             coalesce(banned_until > now(), false) as banned,
             ${expired("confirmation_sent_at")} as confirmation_expired,
             ${expired("recovery_sent_at")} as recovery_expired,
             ${expired("email_change_sent_at")} as email_change_expired
      from auth.users
      where ${match} and deleted_at is null
      for update`;
    if (!row) throw linkInvalid();
    if (row.banned) throw forbidden("user_banned", "User is banned");

    const kind: "confirmation" | "recovery" | "email_change" =
      type === "email_change"
        ? "email_change"
        : type === "signup" || type === "invite" || (type === "email" && row.confirmation_token === stored)
          ? "confirmation"
          : "recovery";
    if (row[`${kind}_expired`]) throw linkInvalid();

    if (kind === "recovery") {
      await tx`
        update auth.users
        set recovery_token = '', email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
        where id = ${row.id}`;
    } else if (kind === "confirmation") {
      await tx`
        update auth.users
        set confirmation_token = '', email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
        where id = ${row.id}`;
      await markEmailVerified(tx, row.id);
    } else {
      const matched = row.email_change_token_current === stored ? "current" : "new";
      const other = matched === "current" ? row.email_change_token_new : row.email_change_token_current;
      // The first of the two links (or a link from the current address while the new one has
      // not been confirmed): remember it, and wait for the other.
      if ((row.email_change_confirm_status ?? 0) === 0 && (other || matched === "current")) {
        await tx`
          update auth.users
          set email_change_confirm_status = 1,
              ${matched === "current" ? tx`email_change_token_current = ''` : tx`email_change_token_new = ''`}
          where id = ${row.id}`;
        return { singleConfirmation: true };
      }
      const newEmail = row.email_change ?? "";
      if (newEmail === "") throw linkInvalid();
      if (await emailTaken(tx, newEmail, row.id)) {
        throw unprocessable("email_exists", "A user with this email address has already been registered");
      }
      await tx`
        update auth.users
        set email = ${newEmail}, email_change = '', email_change_token_current = '', email_change_token_new = '',
            email_change_confirm_status = 0, email_confirmed_at = coalesce(email_confirmed_at, now()),
            updated_at = now()
        where id = ${row.id}`;
      await tx`
        update auth.identities
        set identity_data = identity_data || ${tx.json({ email: newEmail, email_verified: true })}, updated_at = now()
        where user_id = ${row.id} and provider = 'email'`;
    }
    return { started: await startSession(tx, row.id, ctx.client) };
  });
}

async function markEmailVerified(q: Queryable, userId: string) {
  await q`
    update auth.identities
    set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
    where user_id = ${userId} and provider = 'email'`;
}
