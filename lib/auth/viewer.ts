/**
 * Who is asking: verified claims from Supabase Auth plus the role from public.profiles.
 *
 * - Claims come from `supabase.auth.getClaims()` only (signature checked against the JWKS;
 *   never `getSession()`, whose content is an unverified cookie).
 * - The role is read from the database on every request, as the viewer under RLS (own row),
 *   never from the token or `user_metadata` (which any user can write, DESIGN.md 3.3). An
 *   admin's role change is therefore seen on the changed user's next request.
 * - `getViewer()` is cached per request (React `cache`): layouts and pages render in parallel
 *   and each may ask; they share one Auth check and one query.
 */
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getProfileRole } from "@/lib/db/queries/users";
import { withViewer, type VerifiedClaims } from "@/lib/db/with-viewer";
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
};

/** Verified claims of the signed-in user, or null. */
export const getClaims = cache(async (): Promise<VerifiedClaims | null> => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.getClaims();
  if (error || !data?.claims?.sub) return null;
  const claims = data.claims as VerifiedClaims;
  // Only user tokens identify a viewer: an API key (role anon / service_role) is not a person.
  if (claims.role !== "authenticated") return null;
  return claims;
});

export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = await getClaims();
  if (!claims) return null;
  const role = await guardDatabase(() => withViewer({ claims }, (tx) => getProfileRole(tx, claims.sub)));
  // No profile row: the auth user exists but the app does not know it (deleted profile). Treat
  // as signed out rather than guessing a role.
  if (!role) return null;
  return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : "", role, claims };
});

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
