/**
 * GET /admin/usage/export?<the dashboard's URL state>&chart=series|latency|models|users: the
 * numbers behind a chart as CSV, streamed, honouring range, group, user and time zone. Route
 * handlers do not pass through layouts, so defineRoute checks the role here; RLS decides the rows.
 */
import { defineRoute } from "@/lib/routes";
import { usageExportResponse } from "@/lib/usage/export-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ roles: ["ADMIN"] }, (request, { viewer }) => usageExportResponse(request, viewer, "admin"));
