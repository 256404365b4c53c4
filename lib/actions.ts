/**
 * The one pipeline of every server action: check the viewer (a live Auth session) and their
 * role on the server, parse the input with the form's zod schema, run the work (one transaction, through
 * withViewer), return a typed result. Expected failures are values with a message per field;
 * a database outage is a message too; anything else is thrown once, with its cause.
 *
 *   export const changeUserRole = defineAction(changeRoleInput, ["ADMIN"], async (input, viewer) => ...)
 *
 * Results never echo secrets: the handler decides what goes back, and the input is not returned.
 */
import "server-only";
import { z } from "zod";
import { getClaims, getViewer, type UserRole, type Viewer } from "@/lib/auth/viewer";
import type { ConflictDetails } from "@/lib/config-diff";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/errors";
import { hasSqlState } from "@/lib/db/run-as";
import { isSessionEnded, type VerifiedClaims } from "@/lib/db/with-viewer";

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionFailure = {
  ok: false;
  message: string;
  fieldErrors?: FieldErrors;
  /** A save refused because someone else saved the same row first: what they changed. */
  conflict?: ConflictDetails;
};
export type ActionResult<T extends object = object> = ({ ok: true; message?: string } & T) | ActionFailure;

export const PERMISSION_DENIED = "You do not have permission to do this.";
export const SESSION_ENDED = "Your session has ended. Sign in again.";
export const VIEW_AS_READ_ONLY =
  "You are viewing the console as another user, read-only: nothing can be changed. Stop viewing to make changes.";

export function failure(message: string, fieldErrors?: FieldErrors): ActionFailure {
  return fieldErrors ? { ok: false, message, fieldErrors } : { ok: false, message };
}

/** FormData to a plain object; repeated names (checkbox lists) become arrays. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue; // React's own fields
    const all = fd.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = all.length > 1 || key.endsWith("[]") ? all : all[0];
  }
  for (const key of Object.keys(out)) {
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = out[key];
      delete out[key];
    }
  }
  return out;
}

/**
 * An action's raw argument as a plain object: FormData from a form, an object from a client
 * call, and `{}` for anything else a hostile client may send (a string, an array, null), so
 * that the schema answers with field errors instead of the action throwing.
 */
export function inputObject(raw: unknown): Record<string, unknown> {
  if (raw instanceof FormData) return formDataToObject(raw);
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) return raw as Record<string, unknown>;
  return {};
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/**
 * Text Postgres cannot store or that is not valid Unicode: NUL characters (a `text` column refuses
 * them with an error, which would surface as a 500) and unpaired UTF-16 surrogates (they become
 * U+FFFD on the way to the database, so what is saved differs from what was sent). Found in any
 * string of the input, at any depth; returns the top-level field it is in ("" for the input itself).
 */
// eslint-disable-next-line no-control-regex -- matching NUL is this pattern's purpose
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function findUnstorableText(value: unknown, field = "", depth = 0): string | null {
  if (typeof value === "string") return UNSTORABLE_TEXT.test(value) ? field : null;
  if (depth > 16 || value === null || typeof value !== "object") return null;
  if (value instanceof FormData) {
    for (const [key, v] of value.entries()) if (typeof v === "string" && UNSTORABLE_TEXT.test(v)) return key;
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const hit = findUnstorableText(v, field || key, depth + 1);
    if (hit !== null) return hit;
  }
  return null;
}

/** Postgres "insufficient_privilege": RLS or the protect_profile_columns trigger said no. */
const isPermissionError = (err: unknown) => hasSqlState(err, "42501");

/** Postgres "read_only_sql_transaction": a write under view-as-user. */
const isReadOnlyError = (err: unknown) => hasSqlState(err, "25006");

/**
 * Postgres refused the input itself: a data exception (class 22: a value it cannot parse or
 * that is out of range), an integrity constraint (class 23: check, unique, foreign key, not
 * null) or a trigger's RAISE (P0001). The schemas should catch these first; this is the safety
 * net that keeps a missed case a message, not a 500. Returns Postgres' own words.
 */
function refusedInput(err: unknown, depth = 0): string | null {
  if (depth > 5 || !err || typeof err !== "object") return null;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === "string" && /^(22|23)...$|^P0001$/.test(e.code) && typeof e.message === "string") return e.message;
  return refusedInput(e.cause, depth + 1);
}

export function defineAction<S extends z.ZodType, R extends object>(
  schema: S,
  roles: readonly UserRole[],
  handler: (input: z.output<S>, viewer: Viewer) => Promise<ActionResult<R>>,
): (prev: ActionResult<R> | null, input: FormData | z.input<S>) => Promise<ActionResult<R>> {
  return async (_prev, raw) => {
    // A request that carries a signed-in person's token is checked for who it is first, whatever
    // the input: a replayed token of a signed-out (or banned) session gets "session ended" from
    // every action before its input is read, and a user gets "no permission" from an admin
    // action. getViewer() checks the token's Auth session in the database
    // (lib/db/with-viewer.ts); the handler's own transaction checks it again. Without any token,
    // the input is validated first (field errors tell a signed-out caller nothing) and then
    // refused as signed out.
    let viewer: Viewer | null = null;
    let claims: VerifiedClaims | null;
    try {
      claims = await getClaims();
      if (claims) viewer = await getViewer();
    } catch (err) {
      if (isDatabaseUnavailable(err)) return failure(DATABASE_UNAVAILABLE_MESSAGE);
      throw err;
    }
    if (claims) {
      if (!viewer) return failure(SESSION_ENDED);
      // View as user (issue 4): every action refuses; the READ ONLY transaction would refuse the
      // writes anyway, but an action may also call Supabase Auth or set cookies.
      if (viewer.impersonator) return failure(VIEW_AS_READ_ONLY);
      if (!roles.includes(viewer.role)) return failure(PERMISSION_DENIED);
    }

    const badField = findUnstorableText(raw);
    if (badField !== null) {
      const message = "Remove the invalid characters (NUL or broken Unicode) from this field.";
      return failure("Check the highlighted fields.", badField ? { [badField]: [message] } : undefined);
    }
    const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) return failure("Check the highlighted fields.", fieldErrorsOf(parsed.error));
    if (!viewer) return failure(SESSION_ENDED);

    try {
      return await handler(parsed.data, viewer);
    } catch (err) {
      if (isDatabaseUnavailable(err)) return failure(DATABASE_UNAVAILABLE_MESSAGE);
      // Signed out between the check above and the write: the write's own transaction refused.
      if (isSessionEnded(err)) return failure(SESSION_ENDED);
      if (isPermissionError(err)) return failure(PERMISSION_DENIED);
      if (isReadOnlyError(err)) return failure(VIEW_AS_READ_ONLY);
      const refused = refusedInput(err);
      if (refused !== null) return failure(`The database refused this input: ${refused.slice(0, 300)}`);
      throw err;
    }
  };
}
