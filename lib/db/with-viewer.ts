/**
 * withViewer(viewer, fn): every query a person causes runs as that person, under RLS.
 *   const page = await withViewer(viewer, (tx) => listErrorLogs(tx, params));
 *
 * View as user (issue 4): while an admin views the console as another user, getViewer()
 * returns that user with `impersonator` set (lib/auth/viewer.ts), so the same call runs under
 * the user's claims, in a READ ONLY transaction: the page sees exactly what the user sees, and
 * nothing can be written, whatever a page or action tries.
 *
 * Every transaction for a signed-in person first checks, in the statement that sets the claims,
 * that the token's Auth session still exists and its user is not banned or deleted (migration
 * 20251125000005_identity.sql); otherwise it fails with code 28000 (`isSessionEnded`).
 */
import "server-only";
import { getDb } from "./client";
import { runAs, SESSION_ENDED_SQLSTATE, type Tx, type VerifiedClaims } from "./run-as";

export type { Tx, VerifiedClaims };
export { isSessionEnded } from "./run-as";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown before any query when the claims name no Auth session to check (not a real user token). */
export class SessionEndedError extends Error {
  readonly code = SESSION_ENDED_SQLSTATE;
  constructor() {
    super("session ended");
    this.name = "SessionEndedError";
  }
}

/**
 * The Auth session a person's claims stand for: the token's `session_id`, owned by the signed-in
 * person (`view_as_by` while an admin views as someone else, else `sub`). Every access token
 * Supabase Auth issues carries one.
 */
function sessionOf(claims: VerifiedClaims): { id: string; userId: string } {
  const id = claims.session_id;
  const userId = typeof claims.view_as_by === "string" ? claims.view_as_by : claims.sub;
  if (typeof id !== "string" || !UUID_RE.test(id) || typeof userId !== "string" || !UUID_RE.test(userId)) {
    throw new SessionEndedError();
  }
  return { id, userId };
}

export type ViewerLike = {
  claims: VerifiedClaims;
  /** Set while an admin views the console as this user: the transaction is READ ONLY. */
  impersonator?: { id: string; email: string } | null;
};

export async function withViewer<T>(viewer: ViewerLike | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const claims = viewer?.claims ?? null;
  const session = claims && claims.role === "authenticated" ? sessionOf(claims) : undefined;
  return runAs(getDb(), claims, fn, { readOnly: Boolean(viewer?.impersonator), session });
}
