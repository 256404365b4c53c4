/**
 * The one guard of every route handler, beside defineAction (lib/actions.ts). Route handlers do
 * not pass through layouts, so each must decide who is asking before any work: the viewer (a live
 * Auth session: getViewer() checks it in the database), their role, view-as read-only. A refusal
 * is JSON `{ error }` with its status; the handler only ever runs for a viewer it may serve.
 *
 *   export const GET = defineRoute({ roles: ["ADMIN"] }, async (request, { viewer }) => ...);
 *   export const PUT = defineRoute<{ id: string }>({ roles: "signed-in" }, async (request, { viewer, params }) => ...);
 *   export const GET = defineRoute({ public: true }, async (request) => ...); // say why in a comment
 *
 * In order: the database down while the viewer is resolved: 503; no viewer (signed out, a dead
 * session, a deleted profile): 401; an admin viewing as someone else and any method but GET/HEAD:
 * 403 read-only (the method decides, so a new writing handler cannot forget it); a role the
 * route does not serve: 403. Then the handler; Postgres refusals it does not catch itself become
 * the same answers (an outage 503, a session ended between check and query 401, RLS 403, a write
 * under view-as 403), anything else is thrown once, like an action's.
 */
import "server-only";
import type { NextRequest } from "next/server";
import { PERMISSION_DENIED, VIEW_AS_READ_ONLY } from "@/lib/actions";
import { getViewer, type UserRole, type Viewer } from "@/lib/auth/viewer";
import { hasSqlState, isSessionEnded } from "@/lib/db/run-as";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/errors";

export const SIGN_IN_FIRST = "Sign in first.";
export const AWAITING_APPROVAL = "Your account is waiting for approval.";
export const ADMINS_ONLY = "Admins only.";

/** Every approved role: signed in, with a live session, and not PENDING. */
const SIGNED_IN: readonly UserRole[] = ["USER", "MANAGER", "ADMIN"];

/** Who a route serves: `"signed-in"` (every approved role) or a list of roles. */
export type RouteRoles = "signed-in" | readonly UserRole[];

/**
 * `{ roles }`: a viewer is resolved and checked. `{ public: true }`: no viewer at all, for a
 * route that must answer signed out (readiness, email links); the handler gets none.
 */
export type RouteAccess = { roles: RouteRoles } | { public: true };

/** The dynamic segments Next passes (`[id]` -> `{ id: string }`); `{}` for a route without. */
type Params = Record<string, string | string[] | undefined>;

/** What a route module exports as GET, PUT, ...: Next's own route handler signature. */
export type RouteHandler<P extends Params> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

type Answer = Promise<Response> | Response;

const READ_METHODS = new Set(["GET", "HEAD"]);

const refuse = (status: number, error: string) => Response.json({ error }, { status });

/**
 * The decision, without the request: the refusal for `viewer` (as getViewer() returned it)
 * calling `method` on a route that serves `roles`, or null when the handler may run.
 */
export function refuseRoute(viewer: Viewer | null, roles: RouteRoles, method: string): Response | null {
  if (!viewer) return refuse(401, SIGN_IN_FIRST);
  // View as user (issue 4): read-only for route handlers as for actions. The READ ONLY
  // transaction would refuse the writes anyway, but a handler may also write files (uploads).
  if (viewer.impersonator && !READ_METHODS.has(method.toUpperCase())) return refuse(403, VIEW_AS_READ_ONLY);
  const allowed = roles === "signed-in" ? SIGNED_IN : roles;
  if (allowed.includes(viewer.role)) return null;
  // The words each route answered before there was one guard: an admins-only route says so to
  // anyone else (a pending account included); other routes tell a pending account why.
  if (allowed.length === 1 && allowed[0] === "ADMIN") return refuse(403, ADMINS_ONLY);
  if (viewer.role === "PENDING") return refuse(403, AWAITING_APPROVAL);
  return refuse(403, PERMISSION_DENIED);
}

/** A Postgres refusal the handler let through, as the answer the guard would have given; else null. */
function refusalOf(err: unknown): Response | null {
  if (isDatabaseUnavailable(err)) return refuse(503, DATABASE_UNAVAILABLE_MESSAGE);
  // Signed out between the guard and the handler's query: its own transaction refused (28000).
  if (isSessionEnded(err)) return refuse(401, SIGN_IN_FIRST);
  // RLS or a protected column (42501); a write under view-as (25006, the READ ONLY transaction).
  if (hasSqlState(err, "42501")) return refuse(403, PERMISSION_DENIED);
  if (hasSqlState(err, "25006")) return refuse(403, VIEW_AS_READ_ONLY);
  return null;
}

type PublicHandler<P extends Params> = (request: NextRequest, context: { params: P }) => Answer;
type ViewerHandler<P extends Params> = (request: NextRequest, context: { viewer: Viewer; params: P }) => Answer;

export function defineRoute<P extends Params = Params>(access: { public: true }, handler: PublicHandler<P>): RouteHandler<P>;
export function defineRoute<P extends Params = Params>(access: { roles: RouteRoles }, handler: ViewerHandler<P>): RouteHandler<P>;
export function defineRoute<P extends Params>(access: RouteAccess, handler: PublicHandler<P> | ViewerHandler<P>): RouteHandler<P> {
  return async (request, context) => {
    let viewer: Viewer | null = null;
    if (!("public" in access)) {
      try {
        viewer = await getViewer();
      } catch (err) {
        if (isDatabaseUnavailable(err)) return refuse(503, DATABASE_UNAVAILABLE_MESSAGE);
        throw err;
      }
      const refusal = refuseRoute(viewer, access.roles, request.method);
      if (refusal) return refusal;
    }
    try {
      const params = await context.params;
      // A viewer here means a guarded route (the overloads pair each access with its handler).
      return await (viewer ? (handler as ViewerHandler<P>)(request, { viewer, params }) : (handler as PublicHandler<P>)(request, { params }));
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal) return refusal;
      throw err;
    }
  };
}
