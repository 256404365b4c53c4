/**
 * `POST /signup`: local accounts are auto-confirmed (no mailer), so sign-up signs the user in and
 * answers with a session. The PKCE fields @supabase/ssr sends only matter for confirmation links,
 * which auto-confirmation skips, so they are ignored.
 */
import type { RequestContext } from "../context";
import { overRequestRateLimit, unprocessable, validationFailed } from "../errors";
import { ok, type Reply } from "../http";
import { checkPasswordStrength, hashPassword } from "../passwords";
import { sessionJson, startSession } from "../sessions";
import { EMAIL_APP_METADATA, emailTaken, insertUser, optionalObject, parseEmail } from "../users";

const alreadyRegistered = () => unprocessable("user_already_exists", "User already registered");

export async function signup(ctx: RequestContext): Promise<Reply> {
  const body = await ctx.body();
  if (body.email === undefined && body.phone !== undefined) {
    throw unprocessable("phone_provider_disabled", "Phone signups are disabled");
  }
  if (body.email === undefined || body.email === "") {
    throw validationFailed("To signup, please provide your email", 422);
  }
  const email = parseEmail(body.email);
  if (body.password === undefined || body.password === "") {
    throw validationFailed("Signup requires a valid password", 422);
  }
  const password = checkPasswordStrength(body.password);
  // `data` is user-writable metadata: stored as given, never trusted for anything.
  const userMetadata = optionalObject(body.data, "data") ?? {};

  // Sign-ups per client address (GoTrue's sign-up limiter), counted once the request is well formed.
  const wait = ctx.parts.limits.trySignUp(ctx.ip);
  if (wait > 0) throw overRequestRateLimit();
  if (await emailTaken(ctx.sql, email)) throw alreadyRegistered();
  const encryptedPassword = await hashPassword(password);
  const started = await ctx.sql.begin(async (tx) => {
    const user = await insertUser(
      tx,
      { email, encryptedPassword, emailConfirmed: true, appMetadata: EMAIL_APP_METADATA, userMetadata },
      alreadyRegistered,
    );
    return startSession(tx, user.id, ctx.client);
  });
  return ok(await sessionJson(ctx.sql, ctx.tokens, started));
}
