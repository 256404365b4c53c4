/**
 * The session cookies' attributes, for both server clients (lib/supabase/server.ts and
 * lib/supabase/middleware.ts):
 *
 * - HttpOnly: the session lives in cookies that only the server reads. Sign-in, sign-out and the
 *   refresh all run on the server (server actions, middleware.ts); no page uses the browser client
 *   (components/shell/supabase-provider.tsx creates it lazily and nothing calls it), so script in
 *   the page never needs the tokens and an injected script cannot steal them. A future page that
 *   needs the session in the browser (Realtime, say) must drop `httpOnly` here and say why.
 * - SameSite=Lax: cookies do not ride along on cross-site POSTs (the server actions also refuse
 *   foreign origins in middleware.ts).
 * - Secure when the request came over HTTPS: directly, or through a proxy that says so in
 *   `x-forwarded-proto` (Vercel, a load balancer). Plain http://localhost keeps working.
 */
import type { CookieOptionsWithName } from "@supabase/ssr";

type HeaderReader = { get(name: string): string | null };

/** True when the browser's connection was HTTPS (the first hop of `x-forwarded-proto`, or the URL itself). */
export function requestIsHttps(headers: HeaderReader, url?: string): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (proto) return proto === "https";
  return url ? url.startsWith("https:") : false;
}

export function authCookieOptions(secure: boolean): CookieOptionsWithName {
  return { path: "/", sameSite: "lax", httpOnly: true, secure };
}
