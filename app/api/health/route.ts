/**
 * Readiness: `GET /api/health` answers 200 `{ok: true}` as soon as the server runs, without the
 * database or the Auth API (the test stack and `npm run dev` wait on it). `?db=1` also runs
 * `select 1` (as the anon API role, the app's own login) and answers 503 when Postgres is down;
 * the "Database unreachable" page polls it to recover by itself.
 */
import { sql } from "drizzle-orm";
import { withViewer } from "@/lib/db/with-viewer";
import { isDatabaseUnavailable } from "@/lib/errors";
import { defineRoute } from "@/lib/routes";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

// Public: readiness must answer before the Auth API and the database are up, and without a
// session; a viewer guard would ask both. Its own outage answer (`database: "unreachable"`) is the
// one the outage page polls for.
export const GET = defineRoute({ public: true }, async (request) => {
  const url = new URL(request.url);
  if (url.searchParams.get("db") !== "1") return Response.json({ ok: true }, { headers: NO_STORE });
  try {
    await withViewer(null, (tx) => tx.execute(sql`select 1`));
    return Response.json({ ok: true, database: "up" }, { headers: NO_STORE });
  } catch (err) {
    if (!isDatabaseUnavailable(err)) console.error("health: database check failed", err);
    return Response.json({ ok: false, database: "unreachable" }, { status: 503, headers: NO_STORE });
  }
});
