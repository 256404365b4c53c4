/**
 * The one way a person's queries reach Postgres: a transaction that first sets the verified
 * claims and switches to the API role, in one parameterised round trip, so that row level
 * security decides what the person sees, exactly as through Supabase's own API.
 */
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Claims from a verified access token (getClaims / getUser), never from an unverified cookie. */
export type VerifiedClaims = {
  sub: string;
  role: string;
  email?: string;
  [claim: string]: unknown;
};

export type RunAsOptions = {
  /**
   * READ ONLY transaction: Postgres refuses every write in it, whatever RLS or a SECURITY
   * DEFINER function would allow (view-as-user, issue 4).
   */
  readOnly?: boolean;
  /**
   * The Auth session behind the claims: checked in the same statement that sets them
   * (`public.assert_session_active`, one indexed lookup), so a token whose session was signed
   * out, or whose user was banned or deleted, runs nothing, even before the token expires.
   * The transaction then fails with SessionEndedError.
   */
  session?: { id: string; userId: string };
};

/** SQLSTATE 28000 from `public.assert_session_active`: the token's session has ended. */
export const SESSION_ENDED_SQLSTATE = "28000";

/** True when `err` or its cause chain (drizzle wraps the driver's error) carries SQLSTATE `code`. */
export function hasSqlState(err: unknown, code: string, depth = 0): boolean {
  if (depth > 5 || !err || typeof err !== "object") return false;
  const e = err as { code?: unknown; cause?: unknown };
  return e.code === code || hasSqlState(e.cause, code, depth + 1);
}

/** True when `err` (or its cause) says the viewer's Auth session has ended. */
export const isSessionEnded = (err: unknown): boolean => hasSqlState(err, SESSION_ENDED_SQLSTATE);

export async function runAs<T>(
  db: Db,
  claims: VerifiedClaims | null,
  fn: (tx: Tx) => Promise<T>,
  options: RunAsOptions = {},
): Promise<T> {
  // A whitelist, never the token's value verbatim: only these two roles may be assumed.
  const role = claims?.role === "authenticated" ? "authenticated" : "anon";
  const claimsJson = JSON.stringify(claims ?? { role: "anon" });
  const session = options.session;
  return db.transaction(async (tx) => {
    await tx.execute(
      session
        ? sql`select public.assert_session_active(${session.id}::uuid, ${session.userId}::uuid),
                     set_config('request.jwt.claims', ${claimsJson}, true),
                     set_config('request.jwt.claim.sub', ${claims?.sub ?? ""}, true),
                     set_config('role', ${role}, true)`
        : sql`select set_config('request.jwt.claims', ${claimsJson}, true),
                     set_config('request.jwt.claim.sub', ${claims?.sub ?? ""}, true),
                     set_config('role', ${role}, true)`,
    );
    return fn(tx);
  }, options.readOnly ? { accessMode: "read only" } : undefined);
}
