/**
 * Session refresh for every request (middleware.ts): a server client whose cookie writes go to
 * the request (so this render sees the fresh tokens) and to the response it returns (so the
 * browser keeps them), with the no-cache headers @supabase/ssr hands over.
 *
 * Not an access check: pages and actions check the viewer themselves (lib/auth/viewer.ts). So
 * while the token is far from expiry (or there is no session) it skips the client: nothing
 * would be refreshed or written.
 */
import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { authCookieOptions, requestIsHttps } from "./cookie-policy";
import { sessionNeedsNoRefresh } from "./session-expiry";

/** The path the browser asked for, so server components can send people back after sign-in. */
export const REQUEST_PATH_HEADER = "x-console-path";

export async function updateSession(request: NextRequest) {
  // Set before the client exists: the header travels with every `NextResponse.next({ request })`.
  request.headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  let response = NextResponse.next({ request });
  // Nothing to refresh (no session, or a token far from expiry): the client would write nothing.
  // A cookie this cannot read, or a token near its end, goes through the client as before.
  if (sessionNeedsNoRefresh(request.cookies.getAll(), env.supabaseUrl)) return response;

  const supabase = createServerClient(env.supabaseUrl, env.supabaseAnonKey, {
    cookieOptions: authCookieOptions(requestIsHttps(request.headers, request.url)),
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
        for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
      },
    },
  });

  // HAZARD: no code between createServerClient and getClaims(). getClaims() refreshes an
  // expired access token (writing the new cookies through setAll above); anything in between
  // could run with a stale session and sign people out at random.
  try {
    await supabase.auth.getClaims();
  } catch {
    // A forged token auth-js cannot even check (a header naming another algorithm with the real
    // key id makes WebCrypto throw) is no session: the page treats the viewer as signed out.
  }

  // Return this same response object: it carries the refreshed cookies. A new
  // NextResponse here would drop them and the browser and server would fall out of sync.
  return response;
}
