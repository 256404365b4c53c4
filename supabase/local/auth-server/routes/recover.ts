/**
 * `POST /recover {email}` (resetPasswordForEmail): mails a recovery link to a known address and
 * answers `200 {}` whatever the address, so the answer says nothing about which accounts exist.
 * Known and unknown addresses take the same path: one UPDATE by address (which matches no row for
 * an unknown one), the mail queued for after the answer, and the same per-address interval (60 s,
 * Supabase Auth's SMTP_MAX_FREQUENCY) with its 429 `over_email_send_rate_limit` for both.
 * The PKCE fields auth-js sends are ignored: the link carries a token_hash for verifyOtp.
 */
import type { RequestContext } from "../context";
import { INSTANCE_ID } from "../db";
import { newLinkToken, recoveryMail } from "../email-links";
import { validationFailed } from "../errors";
import { ok, type Reply } from "../http";
import { parseEmail } from "../users";

export async function recover(ctx: RequestContext): Promise<Reply> {
  const body = await ctx.body();
  if (body.email === undefined || body.email === null || body.email === "") {
    throw validationFailed("Password recovery requires an email");
  }
  const email = parseEmail(body.email);
  const settings = ctx.parts.email;
  settings.recoverInterval.take(email);
  const referrer = settings.redirects.referrer(ctx.query("redirect_to"));

  const token = newLinkToken(email);
  const rows = await ctx.sql<{ email: string }[]>`
    update auth.users set recovery_token = ${token.stored}, recovery_sent_at = now()
    where instance_id = ${INSTANCE_ID} and lower(email) = ${email} and aud = 'authenticated'
      and is_sso_user = false and deleted_at is null
    returning email`;
  if (rows.length === 1) {
    const link = settings.redirects.appLink(referrer, token.tokenHash, "recovery");
    settings.mailer.send(recoveryMail(rows[0].email, link, settings.otpExpirySeconds));
  }
  return ok({});
}
