"use server";

/**
 * View as user (issue 4): start and stop. Starting is an ADMIN action like any other (schema,
 * role from the database, live session); it sets the cookie that lib/auth/viewer.ts honours
 * only for that same admin, and always writes an activity-log entry (an audit entry, written
 * even when activity logging is off). Stopping is the one action allowed while viewing as
 * someone: it only deletes the cookie.
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, failure, SESSION_ENDED, type ActionResult } from "@/lib/actions";
import { getRealViewer, VIEW_AS_COOKIE, VIEW_AS_MAX_AGE_SECONDS } from "@/lib/auth/viewer";
import { clientIp } from "@/lib/client-ip";
import { getViewAsTarget } from "@/lib/db/queries/view-as";
import { withViewer } from "@/lib/db/with-viewer";
import { logActivity } from "@/lib/logging/system-log";
import { viewAsInput } from "@/lib/validation/admin-config";

async function requestContext() {
  const h = await headers();
  return {
    path: "/admin/users",
    method: "POST",
    userAgent: h.get("user-agent"),
    ip: await clientIp(),
  };
}

export const startViewAs = defineAction(
  viewAsInput,
  ["ADMIN"],
  async (input, viewer): Promise<ActionResult> => {
    if (input.userId === viewer.id) return failure("That is you: there is nothing to view as.");
    const target = await withViewer(viewer, (tx) => getViewAsTarget(tx, input.userId));
    if (!target) return failure("That account no longer exists.");
    if (target.role === "PENDING") return failure(`${target.email} is waiting for approval and sees no data yet.`);
    const h = await headers();
    (await cookies()).set(VIEW_AS_COOKIE, `${viewer.id}.${target.id}`, {
      httpOnly: true,
      sameSite: "lax",
      secure: h.get("x-forwarded-proto") === "https",
      path: "/",
      maxAge: VIEW_AS_MAX_AGE_SECONDS,
    });
    await logActivity({
      userId: viewer.id,
      activityType: "admin_view_as_user",
      activityCategory: "admin",
      resourceType: "user",
      resourceId: target.id,
      metadata: { targetEmail: target.email, targetRole: target.role },
      request: await requestContext(),
      audit: true,
    });
    redirect("/");
  },
);

/** Ends view-as. Allowed while viewing (the only action that is); harmless for anyone else. */
export async function stopViewAs(): Promise<ActionResult> {
  const jar = await cookies();
  const viewing = jar.has(VIEW_AS_COOKIE);
  const real = await getRealViewer();
  if (viewing) jar.delete(VIEW_AS_COOKIE);
  if (!real) return failure(SESSION_ENDED);
  if (!viewing) return failure("You are not viewing the console as another user.");
  redirect("/admin/users");
}
