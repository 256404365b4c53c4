/** GET /usage/export?<the page's URL state>&chart=series|latency|models: the viewer's own usage as CSV (RLS decides). */
import { usageExportResponse } from "@/lib/usage/export-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return usageExportResponse(request, "own");
}
