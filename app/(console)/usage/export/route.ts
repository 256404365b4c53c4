/** GET /usage/export?<the page's URL state>&chart=series|latency|models: the viewer's own usage as CSV (RLS decides). */
import { defineRoute } from "@/lib/routes";
import { usageExportResponse } from "@/lib/usage/export-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ roles: "signed-in" }, (request, { viewer }) => usageExportResponse(request, viewer, "own"));
