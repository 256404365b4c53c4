/**
 * Failures the console expects, in one place: what is detected, what the user is told.
 *
 * A database outage must not look like an empty table (docs/style.md#never): the server turns a
 * connection failure into `DatabaseUnavailableError`, whose fixed `digest` survives Next's
 * production error scrubbing (Next keeps a digest that is already set), so `app/error.tsx`
 * can tell "database unreachable" from a bug without seeing the message or the stack.
 *
 * No server-only imports here: the client error boundary reads the digest constant.
 */

import { markDatabaseDown } from "./db-outage";

export const DATABASE_UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unreachable. Try again in a moment.";

export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(options?: { cause?: unknown }) {
    super(DATABASE_UNAVAILABLE_MESSAGE, options);
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * postgres.js connection failures: socket errors from Node (the server is down or unreachable),
 * postgres.js's own codes for a connection that went away, and the SQLSTATEs Postgres sends when
 * it shuts down or refuses new connections (class 08 connection exceptions; 57P01-57P03).
 */
const CONNECTION_ERROR_CODES = new Set([
  // Node sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // Postgres SQLSTATE
  "08000", // connection_exception
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "08006", // connection_failure
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up / shutting down)
]);

/**
 * True when `err` (or anything in its cause chain, or an AggregateError member: Node reports a
 * refused dual-stack connect that way) is a connection failure rather than a query error.
 * drizzle wraps driver errors in DrizzleQueryError with the driver error as `cause`.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const down = isConnectionFailure(err, 0);
  // Tells middleware.ts to answer page requests with a 503 until Postgres is reachable again.
  if (down) markDatabaseDown();
  return down;
}

/** The same test without telling middleware: for callers that only classify. */
export function isConnectionError(err: unknown): boolean {
  return isConnectionFailure(err, 0);
}

function isConnectionFailure(err: unknown, depth: number): boolean {
  if (depth > 8 || err === null || typeof err !== "object") return false;
  if (err instanceof DatabaseUnavailableError) return true;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && CONNECTION_ERROR_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((m) => isConnectionFailure(m, depth + 1))) return true;
  return isConnectionFailure(e.cause, depth + 1);
}

/** Rethrows a connection failure as DatabaseUnavailableError (with the original as cause), anything else as is. */
export function rethrowDatabaseError(err: unknown): never {
  if (isDatabaseUnavailable(err) && !(err instanceof DatabaseUnavailableError)) {
    throw new DatabaseUnavailableError({ cause: err });
  }
  throw err;
}

/** Runs a database call so that an outage reaches the error page as "Database unreachable". */
export async function guardDatabase<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    rethrowDatabaseError(err);
  }
}

/** What the error boundary receives: an Error from the server carries only `digest` in production. */
export function isDatabaseUnavailableDigest(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { digest?: unknown }).digest === DATABASE_UNAVAILABLE_DIGEST
  );
}

// ---------------------------------------------------------------------------------------------
// Auth API failures, as @supabase/auth-js reports them (AuthError: `status`, `code`, `name`).
// ---------------------------------------------------------------------------------------------

export const AUTH_UNAVAILABLE_MESSAGE = "The sign-in service is unavailable. Try again in a moment.";
export const AUTH_RATE_LIMITED_MESSAGE = "Too many attempts. Wait a minute and try again.";

type AuthErrorLike = { status?: number; code?: string; name?: string; message?: string };

/** auth-js reports a fetch that never got an answer (connection refused, DNS) as AuthRetryableFetchError, status 0. */
export function isAuthUnavailable(error: AuthErrorLike): boolean {
  return (
    error.name === "AuthRetryableFetchError" ||
    error.status === 0 ||
    (typeof error.status === "number" && error.status >= 500)
  );
}

export function isAuthRateLimited(error: AuthErrorLike): boolean {
  return error.status === 429 || error.code === "over_request_rate_limit" || error.code === "over_email_send_rate_limit";
}
