/**
 * Refreshes the Supabase session on every page request and nothing else: no database, no
 * redirects, never the only access check (pages and actions check the viewer on the server).
 * Next.js 16 prefers the name proxy.ts; it still runs middleware.ts, the name this project uses.
 */
import type { NextRequest } from "next/server";
import { updateSession } from "@/lib/supabase/middleware";

export async function middleware(request: NextRequest) {
  return updateSession(request);
}

export const config = {
  runtime: "nodejs",
  matcher: [
    {
      // Everything except Next's assets, the favicon, static files by extension and the
      // readiness probe (which must answer without a session or an Auth API round trip).
      source: "/((?!_next/static|_next/image|favicon.ico|api/health|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|txt|woff2?)$).*)",
      // Not for router prefetches: a prefetch that rotated the session would send cookies back
      // at a moment nobody chose; one landing after a sign-out would bring the session back.
      // The next real request refreshes the session as usual.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
