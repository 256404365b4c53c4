/**
 * `GET /user` (getUser) and `PUT /user` (updateUser): the signed-in user, by access token.
 *
 * A new email is not applied here: as Supabase Auth with secure email change (its default), the
 * change waits in `email_change` until the links mailed to both the current and the new address
 * have been used (routes/verify.ts), and the answer shows it as `new_email` beside the unchanged
 * `email`.
 */
import type { RequestContext } from "../context";
import { json, type Queryable } from "../db";
import { checkEmailInterval, emailChangeMails, newLinkToken } from "../email-links";
import type { Mail } from "../mailer";
import { emailExists, forbidden, unprocessable } from "../errors";
import { ok, type Reply } from "../http";
import { checkPasswordStrength, hashPassword, verifyPassword } from "../passwords";
import { endSessions } from "../sessions";
import {
  emailTaken,
  findUserById,
  identitiesOf,
  mergeMetadata,
  optionalObject,
  parseEmail,
  userJson,
  type UserRow,
} from "../users";

export async function getUser(ctx: RequestContext): Promise<Reply> {
  const { user } = await ctx.requireUser();
  const identities = await identitiesOf(ctx.sql, [user.id]);
  return ok(userJson(user, identities.get(user.id) ?? []));
}

export async function updateUser(ctx: RequestContext): Promise<Reply> {
  const { user, claims } = await ctx.requireUser();
  const body = await ctx.body();
  // app_metadata is where authorisation data lives: only the service role may write it.
  if (body.app_metadata !== undefined && body.app_metadata !== null) {
    throw forbidden("not_admin", "Updating app_metadata requires admin privileges");
  }
  if (typeof body.phone === "string" && body.phone !== "" && body.phone !== (user.phone ?? "")) {
    throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  }
  const data = optionalObject(body.data, "data");
  const email =
    body.email === undefined || body.email === null || body.email === "" ? undefined : parseEmail(body.email);
  const password = body.password === undefined || body.password === null ? undefined : checkPasswordStrength(body.password);

  if (password !== undefined && (await verifyPassword(password, user.encrypted_password))) {
    throw unprocessable("same_password", "New password should be different from the old password.");
  }
  const encryptedPassword = password === undefined ? undefined : await hashPassword(password);

  let mails: Mail[] = [];
  const updated = await ctx.sql.begin(async (tx) => {
    const current = await findUserById(tx, user.id, true);
    if (!current) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
    if (email !== undefined && email !== current.email) {
      if (await emailTaken(tx, email, user.id)) throw emailExists();
      mails = await startEmailChange(ctx, tx, current, email);
    }
    if (encryptedPassword !== undefined) {
      await tx`update auth.users set encrypted_password = ${encryptedPassword}, updated_at = now() where id = ${user.id}`;
      // As Supabase Auth does: whoever else held the old password is signed out everywhere else.
      await endSessions(tx, user.id, claims.session_id, "others");
    }
    if (data !== undefined) {
      const merged = mergeMetadata(current.raw_user_meta_data, data);
      await tx`update auth.users set raw_user_meta_data = ${json(tx, merged)}, updated_at = now() where id = ${user.id}`;
    }
    return (await findUserById(tx, user.id))!;
  });
  for (const mail of mails) ctx.parts.email.mailer.send(mail);
  const identities = await identitiesOf(ctx.sql, [updated.id]);
  return ok(userJson(updated, identities.get(updated.id) ?? []));
}

/**
 * Stores a pending change to `newEmail` (one link token per address, the sent time, no address
 * confirmed yet) and returns the two mails to send once the transaction commits. Inside the
 * interval since the last change mail: 429 `over_email_send_rate_limit`.
 */
async function startEmailChange(ctx: RequestContext, tx: Queryable, user: UserRow, newEmail: string): Promise<Mail[]> {
  const settings = ctx.parts.email;
  checkEmailInterval(user.email_change_sent_at, settings.emailIntervalSeconds);
  const referrer = settings.redirects.referrer(ctx.query("redirect_to"));
  const forNew = newLinkToken(newEmail);
  const forCurrent = user.email ? newLinkToken(user.email) : null;
  await tx`
    update auth.users
    set email_change = ${newEmail}, email_change_token_new = ${forNew.stored},
        email_change_token_current = ${forCurrent?.stored ?? ""}, email_change_confirm_status = 0,
        email_change_sent_at = now(), updated_at = now()
    where id = ${user.id}`;
  const linkNew = settings.redirects.appLink(referrer, forNew.tokenHash, "email_change");
  if (!forCurrent || !user.email) {
    return [emailChangeMails("", newEmail, { current: "", next: linkNew }, settings.otpExpirySeconds)[0]];
  }
  const linkCurrent = settings.redirects.appLink(referrer, forCurrent.tokenHash, "email_change");
  return emailChangeMails(user.email, newEmail, { current: linkCurrent, next: linkNew }, settings.otpExpirySeconds);
}
