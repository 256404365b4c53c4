/** `POST /logout?scope=local|global|others` (signOut): deletes sessions, answers 204. */
import type { RequestContext } from "../context";
import { validationFailed } from "../errors";
import { noContent, type Reply } from "../http";
import { endSessions, type LogoutScope } from "../sessions";

const SCOPES: readonly LogoutScope[] = ["global", "local", "others"];

export async function logout(ctx: RequestContext): Promise<Reply> {
  const scope = (ctx.query("scope") || "global") as LogoutScope;
  if (!SCOPES.includes(scope)) throw validationFailed(`Unsupported logout scope "${scope}"`);
  // A banned user can still end their sessions.
  const { user, claims } = await ctx.requireUser({ allowBanned: true });
  await endSessions(ctx.sql, user.id, claims.session_id, scope);
  return noContent();
}
