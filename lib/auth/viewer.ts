/**
 * Who is asking: verified claims from Supabase Auth plus the role from public.profiles.
 *
 * - Claims come from `supabase.auth.getClaims()` only (signature checked against the JWKS;
 *   never `getSession()`, whose content is an unverified cookie).
 * - The role is read from the database on every request, as the viewer under RLS (own row),
 *   never from the token or `user_metadata` (which any user can write, docs/access-model.md#roles). An
 *   admin's role change is therefore seen on the changed user's next request.
 * - `getViewer()` is cached per request (React `cache`): layouts and pages render in parallel
 *   and each may ask; they share one Auth check and one query.
 *
 * View as user (issue 4): an admin may browse the console as another user, read-only. The
 * `console_view_as` cookie names the admin and the target; it is honoured only when, on this
 * very request, the verified signed-in person is that admin and the database says they are
 * ADMIN (never the cookie, the token or user_metadata). Then getViewer() returns the target
 * (their id, email, role and claims) with `impersonator` set: every page shows the target's
 * data through the usual withViewer path, which runs READ ONLY, and defineAction refuses every
 * action. getRealViewer() is the signed-in person themself.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getProfileRole } from "@/lib/db/queries/users";
import { getViewAsTarget } from "@/lib/db/queries/view-as";
import { isSessionEnded, withViewer, type VerifiedClaims } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { createClient } from "@/lib/supabase/server";
import { REQUEST_PATH_HEADER } from "@/lib/supabase/middleware";
import { USER_ROLES, type UserRole } from "@/lib/validation/users";
import { safeNextPath } from "@/lib/validation/auth";

export type { UserRole };
export { USER_ROLES };

export type Viewer = {
  id: string;
  email: string;
  role: UserRole;
  claims: VerifiedClaims;
  /** Set while the admin `impersonator` views the console as this user (read-only). */
  impersonator?: { id: string; email: string } | null;
};

/** `<admin id>.<target id>`: which admin views as whom. httpOnly, SameSite=Lax, one hour. */
export const VIEW_AS_COOKIE = "console_view_as";
export const VIEW_AS_MAX_AGE_SECONDS = 60 * 60;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseViewAsCookie(value: string | undefined): { adminId: string; targetId: string } | null {
  if (!value) return null;
  const [adminId, targetId, ...rest] = value.split(".");
  if (rest.length || !UUID_RE.test(adminId ?? "") || !UUID_RE.test(targetId ?? "") || adminId === targetId) return null;
  return { adminId, targetId };
}

/** The claims the target's own access token would carry, as far as RLS reads them. */
function claimsOfTarget(target: { id: string; email: string }, admin: VerifiedClaims): VerifiedClaims {
  return {
    iss: admin.iss,
    aud: "authenticated",
    sub: target.id,
    role: "authenticated",
    email: target.email,
    app_metadata: {},
    user_metadata: {},
    is_anonymous: false,
    // Not read by any policy; says in a log or a pg_stat_activity dump who is really asking,
    // and names the owner of `session_id` (the admin's own session), which every transaction
    // checks is still signed in (lib/db/with-viewer.ts).
    view_as_by: admin.sub,
    session_id: admin.session_id,
  };
}

/** Verified claims of the signed-in user, or null. */
export const getClaims = cache(async (): Promise<VerifiedClaims | null> => {
  const supabase = await createClient();
  let result: Awaited<ReturnType<typeof supabase.auth.getClaims>>;
  try {
    result = await supabase.auth.getClaims();
  } catch {
    // auth-js throws (instead of returning an error) for some forged tokens, e.g. a header naming
    // another algorithm (RS256, PS256, ES384...) with the real key id: WebCrypto refuses to
    // import the ES256 key for it. A token that cannot be verified means signed out, never a 500.
    return null;
  }
  const { data, error } = result;
  if (error || !data?.claims?.sub) return null;
  const claims = data.claims as VerifiedClaims;
  // Only user tokens identify a viewer: an API key (role anon / service_role) is not a person.
  if (claims.role !== "authenticated") return null;
  return claims;
});

type Resolved = { real: Viewer; effective: Viewer } | null;

const resolveViewer = cache(async (): Promise<Resolved> => {
  const claims = await getClaims();
  if (!claims) return null;
  const viewAs = parseViewAsCookie((await cookies()).get(VIEW_AS_COOKIE)?.value);
  const wanted = viewAs && viewAs.adminId === claims.sub ? viewAs.targetId : null;
  // One transaction as the real person: their role, and (only if they are ADMIN, which RLS also
  // requires to read another profile) the target's profile.
  let found: { role: UserRole | null; target: Awaited<ReturnType<typeof getViewAsTarget>> | null };
  try {
    found = await guardDatabase(() =>
      withViewer({ claims }, async (tx) => {
        const role = await getProfileRole(tx, claims.sub);
        const target = role === "ADMIN" && wanted ? await getViewAsTarget(tx, wanted) : null;
        return { role, target };
      }),
    );
  } catch (err) {
    // The token verifies but its session was signed out, or the user banned or deleted: the
    // same transaction that reads the role checked auth.sessions. Signed out, until it expires.
    if (isSessionEnded(err)) return null;
    throw err;
  }
  // No profile row: the auth user exists but the app does not know it (deleted profile). Treat
  // as signed out rather than guessing a role.
  if (!found.role) return null;
  const real: Viewer = { id: claims.sub, email: typeof claims.email === "string" ? claims.email : "", role: found.role, claims };
  const t = found.target;
  if (!t || t.role === "PENDING") return { real, effective: real };
  return {
    real,
    effective: { id: t.id, email: t.email, role: t.role, claims: claimsOfTarget(t, claims), impersonator: { id: real.id, email: real.email } },
  };
});

/**
 * The person the console shows pages for: the signed-in person, or while they (an ADMIN) view
 * as another user, that user (with `impersonator` set; withViewer then runs READ ONLY).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => (await resolveViewer())?.effective ?? null);

/** The signed-in person themself, whatever they are viewing as. */
export const getRealViewer = cache(async (): Promise<Viewer | null> => (await resolveViewer())?.real ?? null);

/** The path of this request (set by middleware.ts), for `/login?next=`. */
async function currentPath(): Promise<string> {
  const h = await headers();
  return safeNextPath(h.get(REQUEST_PATH_HEADER)) ?? "/";
}

/** The signed-in viewer, or a redirect to the sign-in page that comes back here. PENDING accounts go to /pending. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) {
    const next = await currentPath();
    redirect(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  }
  if (viewer.role === "PENDING") redirect("/pending");
  return viewer;
}

/**
 * The viewer, if their role is one of `roles`; otherwise the 403 page (forbidden()). Layouts use it
 * for the experience; every page and action that reads or writes calls it again (layouts and pages
 * render in parallel, so a layout check alone is not a guard), and RLS stays the last word.
 */
export async function requireRole(...roles: UserRole[]): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!roles.includes(viewer.role)) forbidden();
  return viewer;
}

export function hasRole(viewer: Pick<Viewer, "role">, ...roles: UserRole[]): boolean {
  return roles.includes(viewer.role);
}
