/**
 * GET /admin/usage/export?<the dashboard's URL state>&chart=series|latency|models|users: the
 * numbers behind a chart as CSV, streamed, honouring range, group, user and time zone. Route
 * handlers do not pass through layouts, so the role is checked here; RLS decides the rows.
 */
import { usageExportResponse } from "@/lib/usage/export-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return usageExportResponse(request, "admin");
}
