import "server-only";
import { getViewer } from "@/lib/auth/viewer";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/errors";
import { USAGE_EXPORTS, usageParams, type UsageExport } from "@/lib/validation/usage";
import { viewerTimeZone } from "@/lib/time-zone";
import { usageCsv } from "./export";

/** admin: /admin/usage/export (any user, group, user filter); own: /usage/export (the viewer's own rows, by agent). */
export async function usageExportResponse(request: Request, mode: "admin" | "own"): Promise<Response> {
  let viewer;
  try {
    viewer = await getViewer();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503 });
    throw err;
  }
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (mode === "admin" && viewer.role !== "ADMIN") return Response.json({ error: "Admins only." }, { status: 403 });
  if (viewer.role === "PENDING") return Response.json({ error: "Your account is waiting for approval." }, { status: 403 });

  const search = new URL(request.url).searchParams;
  const chart = search.get("chart") as UsageExport | null;
  const allowed: readonly UsageExport[] = mode === "admin" ? USAGE_EXPORTS : ["series", "latency", "models"];
  if (!chart || !allowed.includes(chart)) {
    return Response.json({ error: `chart must be one of ${allowed.join(", ")}` }, { status: 400 });
  }
  const parsed = usageParams.parse(Object.fromEntries(search));
  // own usage: no user filter and no grouping by user (RLS would leave only the viewer anyway)
  const params = mode === "admin" ? parsed : { ...parsed, user: undefined, group: parsed.group === "user" ? ("agent" as const) : parsed.group };
  const { tz } = await viewerTimeZone(parsed.tz);
  try {
    const { body, filename } = usageCsv(viewer, params, tz, chart);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503 });
    throw err;
  }
}
