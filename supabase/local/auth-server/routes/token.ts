/** `POST /token?grant_type=password|refresh_token`: signInWithPassword and every session refresh. */
import type { RequestContext } from "../context";
import { badRequest, invalidCredentials, overRequestRateLimit, userBanned, validationFailed } from "../errors";
import { ok, type Reply } from "../http";
import { verifyPassword } from "../passwords";
import { refreshSession, sessionJson, startSession } from "../sessions";
import { findUserByEmail } from "../users";

export async function token(ctx: RequestContext): Promise<Reply> {
  const grantType = ctx.query("grant_type");
  if (grantType === "password") return passwordGrant(ctx);
  if (grantType === "refresh_token") return refreshTokenGrant(ctx);
  throw validationFailed("unsupported_grant_type");
}

async function passwordGrant(ctx: RequestContext): Promise<Reply> {
  const body = await ctx.body();
  if (body.email === undefined && body.phone !== undefined) {
    throw badRequest("phone_provider_disabled", "Phone logins are disabled");
  }
  if (typeof body.email !== "string" || body.email.trim() === "") throw validationFailed("missing email or phone");
  if (typeof body.password !== "string") throw validationFailed("missing password");
  const email = body.email.trim().toLowerCase();
  const password = body.password;

  // Failed attempts are limited per client address, and per account and address with backoff
  // (never per account alone: rate-limit.ts); the slot is taken before the (slow, asynchronous)
  // password check so that parallel guesses count too.
  const ip = ctx.ip;
  const wait = ctx.parts.limits.tryAttempt(email, ip);
  if (wait > 0) throw overRequestRateLimit();
  const user = await findUserByEmail(ctx.sql, email);
  // Unknown email and wrong password answer alike (and take as long: see verifyPassword).
  if (!(await verifyPassword(password, user?.encrypted_password)) || !user || user.deleted_at) {
    throw invalidCredentials();
  }
  ctx.parts.limits.succeeded(email, ip);
  // Only someone who knows the password learns that the account is unconfirmed or banned.
  if (!user.email_confirmed_at) throw badRequest("email_not_confirmed", "Email not confirmed");
  if (user.banned) throw userBanned(400);

  const started = await ctx.sql.begin((tx) => startSession(tx, user.id, ctx.client));
  return ok(await sessionJson(ctx.sql, ctx.tokens, started));
}

async function refreshTokenGrant(ctx: RequestContext): Promise<Reply> {
  const body = await ctx.body();
  if (typeof body.refresh_token !== "string" || body.refresh_token === "") {
    throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
  }
  const started = await refreshSession(ctx.sql, body.refresh_token, {
    reuseIntervalSeconds: ctx.parts.refreshTokenReuseIntervalSeconds,
    client: ctx.client,
  });
  return ok(await sessionJson(ctx.sql, ctx.tokens, started));
}
