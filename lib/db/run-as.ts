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
};

export async function runAs<T>(
  db: Db,
  claims: VerifiedClaims | null,
  fn: (tx: Tx) => Promise<T>,
  options: RunAsOptions = {},
): Promise<T> {
  // A whitelist, never the token's value verbatim: only these two roles may be assumed.
  const role = claims?.role === "authenticated" ? "authenticated" : "anon";
  const claimsJson = JSON.stringify(claims ?? { role: "anon" });
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('request.jwt.claims', ${claimsJson}, true),
                 set_config('request.jwt.claim.sub', ${claims?.sub ?? ""}, true),
                 set_config('role', ${role}, true)`,
    );
    return fn(tx);
  }, options.readOnly ? { accessMode: "read only" } : undefined);
}
