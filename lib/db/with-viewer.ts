/**
 * withViewer(viewer, fn): every query a person causes runs as that person, under RLS.
 *   const page = await withViewer(viewer, (tx) => listErrorLogs(tx, params));
 *
 * View as user (issue 4): while an admin views the console as another user, getViewer()
 * returns that user with `impersonator` set (lib/auth/viewer.ts), so the same call runs under
 * the user's claims, in a READ ONLY transaction: the page sees exactly what the user sees, and
 * nothing can be written, whatever a page or action tries.
 */
import "server-only";
import { getDb } from "./client";
import { runAs, type Tx, type VerifiedClaims } from "./run-as";

export type { Tx, VerifiedClaims };

export type ViewerLike = {
  claims: VerifiedClaims;
  /** Set while an admin views the console as this user: the transaction is READ ONLY. */
  impersonator?: { id: string; email: string } | null;
};

export function withViewer<T>(viewer: ViewerLike | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runAs(getDb(), viewer?.claims ?? null, fn, { readOnly: Boolean(viewer?.impersonator) });
}
