/**
 * The viewer of an ingest route handler (route handlers do not pass through layouts): signed in
 * and approved, or a JSON error response.
 */
import "server-only";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/errors";

export async function routeViewer(): Promise<Viewer | Response> {
  let viewer: Viewer | null;
  try {
    viewer = await getViewer();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503 });
    throw err;
  }
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (viewer.role === "PENDING") return Response.json({ error: "Your account is waiting for approval." }, { status: 403 });
  return viewer;
}
