/**
 * GET /admin/users/export?<the table's URL state>: every profile matching the current filter
 * and sort as CSV, streamed in keyset batches, each read as the viewer under RLS. Route handlers
 * do not pass through layouts, so defineRoute checks the role here.
 */
import { csvStream } from "@/lib/csv";
import { iterateUsers } from "@/lib/db/queries/users";
import { withViewer, type Tx } from "@/lib/db/with-viewer";
import { formatDay } from "@/lib/format";
import { defineRoute } from "@/lib/routes";
import { usersTableParams } from "@/lib/validation/users";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ roles: ["ADMIN"] }, (request, { viewer }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { cursor: _c, size: _s, page: _p, ...query } = usersTableParams.parse(params);
  const runAsViewer = <T,>(fn: (tx: Tx) => Promise<T>) => withViewer(viewer, fn);

  const body = csvStream(
    ["id", "email", "username", "name", "role", "created_at"],
    iterateUsers(runAsViewer, query),
    (u) => [u.id, u.email, u.username, u.name, u.role, u.createdAt],
  );
  const stamp = formatDay(new Date());
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="users-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
