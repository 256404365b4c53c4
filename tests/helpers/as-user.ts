/**
 * Run SQL as a given person, through the app's own path: the `authenticator` login, then
 * runAs (claims + role in one statement, inside a transaction). What a test sees here is what
 * the app sees.
 */
import { sql as dsql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Socket } from "node:net";
import postgres from "postgres";
import { runAs, type Db, type VerifiedClaims } from "@/lib/db/run-as";

export type Actor = { name: string; claims: VerifiedClaims | null };

/** `socket`: postgres.js's own (untyped) option that supplies each connection's socket, e.g. through a proxy. */
export function appDb(appUrl: string, max = 2, options: { socket?: () => Socket } = {}): { db: Db; close: () => Promise<void> } {
  const client = postgres(appUrl, { max, onnotice: () => {}, prepare: false, ...options });
  return { db: drizzle(client) as unknown as Db, close: () => client.end() };
}

/** Runs one statement as the actor; rolls back when `rollback` so a matrix cell leaves no trace. */
export async function exec<T = Record<string, unknown>>(
  db: Db,
  actor: Actor,
  query: SQL,
  opts: { rollback?: boolean } = {},
): Promise<T[]> {
  const ROLLBACK = Symbol("rollback");
  let rows: T[] = [];
  try {
    await runAs(db, actor.claims, async (tx) => {
      rows = (await tx.execute(query)) as unknown as T[];
      if (opts.rollback) throw ROLLBACK;
    });
  } catch (e) {
    if (e === ROLLBACK) return rows;
    // drizzle wraps the driver's error ("Failed query: ..."); tests assert on Postgres' own message.
    throw (e as { cause?: unknown }).cause ?? e;
  }
  return rows;
}

export { dsql as sql };
