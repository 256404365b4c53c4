/**
 * `POST /admin/generate_link` (auth.admin.generateLink): makes the link a mail would carry, without
 * sending a mail, and answers the user plus `action_link` (this API's GET /verify), `email_otp`,
 * `hashed_token` (what verifyOtp takes as token_hash), `redirect_to` and `verification_type`, as
 * Supabase Auth does. Types: signup (creates an unconfirmed user with the given password),
 * invite (creates one without a password), magiclink (a signup for an unknown address), recovery,
 * email_change_current and email_change_new (the two halves of a secure email change).
 *
 * `email_otp` is always "": the stand-in's links carry a 256-bit token and it issues no 6-digit
 * codes (email-links.ts says why).
 */
import { randomBytes } from "node:crypto";
import type { RequestContext } from "../context";
import { json } from "../db";
import { newLinkToken } from "../email-links";
import { emailExists, notFound, validationFailed } from "../errors";
import { ok, type Reply } from "../http";
import { checkPasswordStrength, hashPassword } from "../passwords";
import {
  EMAIL_APP_METADATA,
  emailTaken,
  findUserByEmail,
  findUserById,
  identitiesOf,
  insertUser,
  mergeMetadata,
  optionalObject,
  parseEmail,
  userJson,
} from "../users";

const TYPES = ["signup", "invite", "magiclink", "recovery", "email_change_current", "email_change_new"];

export async function adminGenerateLink(ctx: RequestContext): Promise<Reply> {
  const body = await ctx.body();
  const settings = ctx.parts.email;
  let type = typeof body.type === "string" ? body.type : "";
  if (!TYPES.includes(type)) throw validationFailed(`Invalid email action link type requested: ${type}`);
  const email = parseEmail(body.email);
  const data = optionalObject(body.data, "data");
  const referrer = settings.redirects.referrer(
    typeof body.redirect_to === "string" ? body.redirect_to : null,
    ctx.query("redirect_to"),
  );

  let password = typeof body.password === "string" && body.password !== "" ? body.password : undefined;
  const existing = await findUserByEmail(ctx.sql, email);
  if (!existing || existing.deleted_at) {
    if (type === "magiclink") {
      // As Supabase Auth: a magic link for an unknown address signs up with a random password.
      type = "signup";
      password = randomBytes(32).toString("base64url");
    } else if (type !== "signup" && type !== "invite") {
      throw notFound("user_not_found", "User with this email not found");
    }
  }
  let newEmail: string | undefined;
  if (type === "email_change_current" || type === "email_change_new") {
    newEmail = parseEmail(body.new_email);
    if (await emailTaken(ctx.sql, newEmail, existing!.id)) throw emailExists();
  }
  let encryptedPassword = "";
  if (type === "signup" && !existing) {
    if (password === undefined) throw validationFailed("Signup requires a valid password", 422);
    encryptedPassword = await hashPassword(checkPasswordStrength(password));
  }

  // The token is derived from the address the link is sent to (the new one for email_change_new).
  const token = newLinkToken(newEmail && type === "email_change_new" ? newEmail : email);
  const user = await ctx.sql.begin(async (tx) => {
    let id = existing?.id;
    if (!id) {
      const created = await insertUser(
        tx,
        { email, encryptedPassword, emailConfirmed: false, appMetadata: EMAIL_APP_METADATA, userMetadata: mergeMetadata({}, data ?? {}) },
        emailExists,
      );
      id = created.id;
    } else if (type === "signup" || type === "invite") {
      if (existing!.email_confirmed_at) throw emailExists();
      if (type === "signup" && data) {
        const merged = mergeMetadata(existing!.raw_user_meta_data, data);
        await tx`update auth.users set raw_user_meta_data = ${json(tx, merged)}, updated_at = now() where id = ${id}`;
      }
    }

    if (type === "signup") {
      await tx`update auth.users set confirmation_token = ${token.stored}, confirmation_sent_at = now() where id = ${id}`;
    } else if (type === "invite") {
      await tx`
        update auth.users set confirmation_token = ${token.stored}, confirmation_sent_at = now(), invited_at = now()
        where id = ${id}`;
    } else if (type === "magiclink" || type === "recovery") {
      await tx`update auth.users set recovery_token = ${token.stored}, recovery_sent_at = now() where id = ${id}`;
    } else {
      // One half of the change; the other half's token stays if it is for the same new address
      // (an admin generates both links), and is dropped if it was for another one.
      const column = type === "email_change_current" ? "email_change_token_current" : "email_change_token_new";
      const otherColumn = type === "email_change_current" ? "email_change_token_new" : "email_change_token_current";
      await tx`
        update auth.users
        set ${tx(column)} = ${token.stored},
            ${tx(otherColumn)} = case when email_change = ${newEmail!} then ${tx(otherColumn)} else '' end,
            email_change = ${newEmail!}, email_change_sent_at = now(), email_change_confirm_status = 0
        where id = ${id}`;
    }
    return (await findUserById(tx, id))!;
  });

  const linkType = type.startsWith("email_change") ? "email_change" : type;
  const actionLink = new URL(`${settings.apiUrl}/verify`);
  actionLink.searchParams.set("token", token.tokenHash);
  actionLink.searchParams.set("type", linkType);
  actionLink.searchParams.set("redirect_to", referrer);
  const identities = await identitiesOf(ctx.sql, [user.id]);
  return ok({
    ...userJson(user, identities.get(user.id) ?? []),
    action_link: actionLink.href,
    email_otp: "",
    hashed_token: token.tokenHash,
    verification_type: type,
    redirect_to: referrer,
  });
}
