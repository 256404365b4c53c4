/** The console's per-request nonce CSP and static security headers (middleware.ts at the root), nothing else. */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from "../../lib/security-headers";

export function middleware(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, supabaseUrl: "http://127.0.0.1:54321", dev: false, https: false });
  request.headers.set("x-nonce", nonce);
  request.headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request });
  response.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(k, v);
  return response;
}

export const config = {
  runtime: "nodejs",
  // /plain: the same page without this middleware, to show what the nonce costs.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|plain|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|txt|woff2?)$).*)"],
};
