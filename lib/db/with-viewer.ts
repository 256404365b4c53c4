/**
 * withViewer(viewer, fn): every query a person causes runs as that person, under RLS.
 *   const page = await withViewer(viewer, (tx) => listErrorLogs(tx, params));
 */
import "server-only";
import { getDb } from "./client";
import { runAs, type Tx, type VerifiedClaims } from "./run-as";

export type { Tx, VerifiedClaims };

export function withViewer<T>(viewer: { claims: VerifiedClaims } | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runAs(getDb(), viewer?.claims ?? null, fn);
}
