/** `GET /user` (getUser) and `PUT /user` (updateUser): the signed-in user, by access token. */
import type { RequestContext } from "../context";
import { json } from "../db";
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
  setEmail,
  userJson,
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

  const updated = await ctx.sql.begin(async (tx) => {
    const current = await findUserById(tx, user.id, true);
    if (!current) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
    if (email !== undefined && email !== current.email) {
      if (await emailTaken(tx, email, user.id)) throw emailExists();
      // The mailer auto-confirms locally, so the change applies at once (no confirmation link).
      await setEmail(tx, user.id, email, emailExists);
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
  const identities = await identitiesOf(ctx.sql, [updated.id]);
  return ok(userJson(updated, identities.get(updated.id) ?? []));
}
