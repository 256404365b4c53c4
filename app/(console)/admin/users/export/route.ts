/**
 * GET /admin/users/export?<the table's URL state>: every profile matching the current filter
 * and sort as CSV, streamed in keyset batches, each read as the viewer under RLS. Route handlers
 * do not pass through layouts, so the role is checked here.
 */
import { getViewer } from "@/lib/auth/viewer";
import { csvStream } from "@/lib/csv";
import { iterateUsers } from "@/lib/db/queries/users";
import { withViewer, type Tx } from "@/lib/db/with-viewer";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/errors";
import { usersTableParams } from "@/lib/validation/users";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  let viewer;
  try {
    viewer = await getViewer();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503 });
    throw err;
  }
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (viewer.role !== "ADMIN") return Response.json({ error: "Admins only." }, { status: 403 });

  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { cursor: _c, size: _s, page: _p, ...query } = usersTableParams.parse(params);
  const runAsViewer = <T,>(fn: (tx: Tx) => Promise<T>) => withViewer(viewer, fn);

  const body = csvStream(
    ["id", "email", "username", "name", "role", "created_at"],
    iterateUsers(runAsViewer, query),
    (u) => [u.id, u.email, u.username, u.name, u.role, u.createdAt],
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="users-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
