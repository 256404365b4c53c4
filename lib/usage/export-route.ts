import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { USAGE_EXPORTS, usageParams, type UsageExport } from "@/lib/validation/usage";
import { viewerTimeZone } from "@/lib/time-zone";
import { usageCsv } from "./export";

/**
 * The answer of both usage exports, for a viewer defineRoute (lib/routes.ts) already let in.
 * admin: /admin/usage/export (any user, group, user filter); own: /usage/export (the viewer's own rows, by agent).
 */
export async function usageExportResponse(request: Request, viewer: Viewer, mode: "admin" | "own"): Promise<Response> {
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
  // An outage thrown here is answered 503 by defineRoute.
  const { body, filename } = usageCsv(viewer, params, tz, chart);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
