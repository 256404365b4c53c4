/**
 * The viewer of an ingest route handler (route handlers do not pass through layouts): signed in
 * (a live Auth session: getViewer() checks it in the database) and approved, or a JSON error
 * response. A request that may write (any method but GET and HEAD) is refused while an admin
 * views the console as someone else: view-as is read-only for route handlers as for actions.
 */
import "server-only";
import { VIEW_AS_READ_ONLY } from "@/lib/actions";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/errors";

const READ_METHODS = new Set(["GET", "HEAD"]);

export async function routeViewer(request: Request): Promise<Viewer | Response> {
  let viewer: Viewer | null;
  try {
    viewer = await getViewer();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503 });
    throw err;
  }
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (viewer.role === "PENDING") return Response.json({ error: "Your account is waiting for approval." }, { status: 403 });
  if (viewer.impersonator && !READ_METHODS.has(request.method)) return Response.json({ error: VIEW_AS_READ_ONLY }, { status: 403 });
  return viewer;
}
