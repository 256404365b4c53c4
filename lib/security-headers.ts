/**
 * The console's security headers, in one place (middleware.ts sets them on every page response;
 * next.config.ts sets the static ones on everything else, assets included).
 *
 * Content-Security-Policy (per request, nonce-based, as Next 16's CSP guide describes): scripts run
 * only when they carry this response's nonce ('strict-dynamic' lets those load Next's chunks), so
 * an injected <script> or inline handler (onerror=...) does not run even if some future code put
 * user text into the HTML. Next reads the nonce from the request's CSP header and stamps it on its
 * own scripts, which needs dynamic rendering: every console page reads the session cookie, so all
 * of them are dynamic anyway. Styles keep 'unsafe-inline': React `style={...}` attributes and
 * recharts' inline styles cannot carry a nonce, and CSS cannot run script.
 */

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

export function contentSecurityPolicy(opts: { nonce: string; supabaseUrl: string; dev: boolean; https: boolean }): string {
  const supabaseOrigin = new URL(opts.supabaseUrl).origin;
  const directives = [
    "default-src 'self'",
    // 'unsafe-eval' only in `next dev` (React rebuilds server error stacks with eval there).
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // The browser may talk to the Auth API (supabase-js); dev adds the HMR websocket.
    `connect-src 'self' ${supabaseOrigin}${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * Cross-site request refusal for state-changing requests (server actions are POSTs to a page URL
 * with a `Next-Action` header; forms post there too). The browser states where a request comes
 * from in `Origin` (every POST from a current browser) and `Sec-Fetch-Site`; a request from another
 * site is refused before any app code runs. A request without either header is not from a browser
 * page (curl, a server), which cookies-based CSRF cannot use: Next's own origin check still applies.
 */
export function isCrossSiteWrite(request: { method: string; headers: { get(name: string): string | null } }): boolean {
  const method = request.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  if (origin === "null") return true; // sandboxed frames, data: URLs
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return true;
  }
  const host = (request.headers.get("x-forwarded-host")?.split(",")[0] ?? request.headers.get("host") ?? "").trim().toLowerCase();
  return originHost !== host;
}
