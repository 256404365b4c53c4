/**
 * Runs before every page request (not static assets):
 *
 * 1. Refuses cross-site writes (server actions and form posts from another origin) with 403
 *    before any app code runs (lib/security-headers.ts#isCrossSiteWrite).
 * 2. Sets the per-request Content-Security-Policy with a fresh nonce, on the request (Next reads
 *    the nonce from it and stamps its own scripts) and on the response, plus the other security
 *    headers.
 * 3. While the app has seen the database unreachable, answers page requests with a 503 "Database
 *    unreachable" page until Postgres accepts connections again (lib/db-outage-page.ts).
 * 4. Refreshes the Supabase session (lib/supabase/middleware.ts), except on router prefetches: a
 *    prefetch that rotated the session would send cookies back at a moment nobody chose; one
 *    landing after a sign-out would bring the session back. The next real request refreshes it.
 *
 * No database, no redirects, never the only access check (pages and actions check the viewer on
 * the server). Next.js 16 prefers the name proxy.ts; it still runs middleware.ts.
 */
import { NextResponse, type NextRequest } from "next/server";
import { databaseLooksUp, databaseUnavailableResponse } from "@/lib/db-outage-page";
import { env } from "@/lib/env";
import { contentSecurityPolicy, isCrossSiteWrite, newNonce, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";
import { jsonDepth } from "@/lib/json-depth";
import { requestIsHttps } from "@/lib/supabase/cookie-policy";
import { updateSession } from "@/lib/supabase/middleware";

const DEV = process.env.NODE_ENV === "development";

function isPrefetch(request: NextRequest): boolean {
  return request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch";
}

/** The most a server action may receive (next.config.ts serverActions.bodySizeLimit says the same). */
const ACTION_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * A server action call (POST with `Next-Action`) whose body Next would fail on with a 500: larger
 * than the limit, or a text body that is not the JSON argument list React sends. Multipart bodies
 * (forms with files) are left to Next.
 */
async function actionBodyProblem(request: NextRequest): Promise<{ status: number; message: string } | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > ACTION_BODY_LIMIT_BYTES) return { status: 413, message: "Request too large." };
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    // A form's fields: React reads the non-file parts as JSON too, so the same depth rule holds.
    let form: FormData;
    try {
      form = await request.clone().formData();
    } catch {
      return { status: 400, message: "Malformed server action arguments." };
    }
    for (const value of form.values()) {
      if (typeof value === "string" && jsonDepth(value) > MAX_JSON_DEPTH) return TOO_DEEP;
    }
    return null;
  }
  if (!type.startsWith("text/plain")) return null;
  const body = await request.clone().text();
  if (body.length > ACTION_BODY_LIMIT_BYTES) return { status: 413, message: "Request too large." };
  // React's reply decoder revives the arguments recursively: a value nested a few thousand
  // levels deep overflows the stack inside Next (a RangeError, a 500). No form nests past a few.
  if (jsonDepth(body) > MAX_JSON_DEPTH) return TOO_DEEP;
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return { status: 400, message: "Malformed server action arguments." };
  }
  if (!Array.isArray(args)) return { status: 400, message: "Malformed server action arguments." };
  // React's reply decoder counts array slots and the characters of strings directly inside
  // arrays (not inside objects) and throws past one million: a 500. Refuse those plainly.
  if (arraySlots(args) > REACT_ARRAY_SIZE_LIMIT) return { status: 413, message: "Request too large." };
  return null;
}

const REACT_ARRAY_SIZE_LIMIT = 1_000_000;

/** Deeper than any input of this console (its deepest, a JSON config editor's value, is well under). */
const MAX_JSON_DEPTH = 64;
const TOO_DEEP = { status: 400, message: "Server action arguments are nested too deeply." };

/**
 * Longer than any link the console makes (its longest, a filtered list, is a few hundred
 * characters). A URL of several KB with a session cookie made Next wait a minute before a 408;
 * refused at once instead.
 */
const MAX_URL_CHARS = 4096;

function arraySlots(value: unknown[], depth = 0): number {
  let n = value.length + 1;
  for (const v of value) {
    if (typeof v === "string") n += v.length;
    else if (Array.isArray(v) && depth < 32) n += arraySlots(v, depth + 1);
  }
  return n;
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(k, v);
  return response;
}

export async function middleware(request: NextRequest) {
  if (request.nextUrl.pathname.length + request.nextUrl.search.length > MAX_URL_CHARS) {
    return new NextResponse("URL too long.", {
      status: 414,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...STATIC_SECURITY_HEADERS },
    });
  }
  if (isCrossSiteWrite(request)) {
    return new NextResponse("Cross-site request refused.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...STATIC_SECURITY_HEADERS },
    });
  }

  // A known database outage: pages answer 503 "Database unreachable" (not the app's 200/500 error
  // render) until Postgres accepts connections; server actions go through and report the failure
  // as their result (lib/actions.ts).
  if ((request.method === "GET" || request.method === "HEAD") && !(await databaseLooksUp(env.databaseUrl))) {
    return databaseUnavailableResponse(STATIC_SECURITY_HEADERS);
  }

  // Server action bodies: refused plainly (413 / 400) rather than failing inside Next with a 500.
  const bodyProblem = await actionBodyProblem(request);
  if (bodyProblem) {
    return new NextResponse(bodyProblem.message, {
      status: bodyProblem.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...STATIC_SECURITY_HEADERS },
    });
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy({
    nonce,
    supabaseUrl: env.supabaseUrl,
    dev: DEV,
    https: requestIsHttps(request.headers, request.url),
  });
  // Request headers first: updateSession copies `request` into every NextResponse.next it makes.
  request.headers.set("x-nonce", nonce);
  request.headers.set("Content-Security-Policy", csp);

  if (isPrefetch(request)) return withSecurityHeaders(NextResponse.next({ request }), csp);
  return withSecurityHeaders(await updateSession(request), csp);
}

export const config = {
  runtime: "nodejs",
  matcher: [
    // Everything except Next's assets, the favicon, static files by extension and the readiness
    // probe (which must answer without a session or an Auth API round trip). next.config.ts
    // sets the static security headers on those.
    "/((?!_next/static|_next/image|favicon.ico|api/health|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|txt|woff2?)$).*)",
  ],
};
