/**
 * Next.js instrumentation (issue 5).
 *
 * register(): stamps each request with its TCP peer's address (lib/peer-address.ts, read by
 * lib/client-ip.ts), and starts the daily retention purge in the Node.js server
 * (lib/logging/purge-scheduler; it stands down where pg_cron runs the purge, i.e. on Supabase).
 *
 * onRequestError(): the app's own server errors (Server Components, route handlers, server actions)
 * go to error_logs through the system writer, which respects logging_settings and never throws.
 * Next's control-flow "errors" (redirect, notFound, forbidden) never reach this hook.
 */
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: every request parsed from now on carries its TCP peer's address (lib/client-ip.ts).
  const { installPeerAddressStamp } = await import("./lib/peer-address");
  installPeerAddressStamp();
  const { startPurgeScheduler } = await import("./lib/logging/purge-scheduler");
  startPurgeScheduler();
}

const header = (h: Readonly<Record<string, string | string[] | undefined>>, name: string): string | null => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logError } = await import("./lib/logging/system-log");
  const { clientIpOfHeaderRecord } = await import("./lib/client-ip");
  const e = err instanceof Error ? err : new Error(String(err));
  const digest = typeof err === "object" && err !== null && "digest" in err ? String((err as { digest: unknown }).digest) : undefined;
  const unreachable = digest === "DATABASE_UNAVAILABLE";
  await logError({
    errorType: "system",
    errorCategory: context.routeType === "action" ? "server_action" : context.routeType === "route" ? "route_handler" : "server_render",
    message: e.message || "Unknown server error",
    severity: unreachable ? "critical" : "error",
    details: {
      stack: e.stack ?? null,
      name: e.name,
      digest: digest ?? null,
      routePath: context.routePath,
      routeType: context.routeType,
      routerKind: context.routerKind,
      renderSource: "renderSource" in context ? (context.renderSource ?? null) : null,
      runtime: "nodejs",
    },
    request: {
      path: request.path.split("?")[0],
      method: request.method,
      userAgent: header(request.headers, "user-agent"),
      ip: clientIpOfHeaderRecord(request.headers),
    },
  });
};
