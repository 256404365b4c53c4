/**
 * Whether middleware.ts must hand a request to the Supabase client to refresh its session, read
 * from the session cookie alone (no client, no signature check). Not an access check: pages and
 * actions verify the token themselves (lib/auth/viewer.ts getClaims).
 */
import { authCookieOptions } from "./cookie-policy";

/**
 * auth-js refreshes a session whose access token has less than 90 s left (EXPIRY_MARGIN_MS). The
 * page's own client reads the session again later in the same request, and a refresh there could
 * not write the rotated cookies back (server components cannot set cookies), so middleware takes
 * over the refresh 30 s before auth-js would: no render takes that long between the two reads.
 */
export const REFRESH_MARGIN_MS = 90_000 + 30_000;

type Cookie = { name: string; value: string };

/** The cookie @supabase/ssr keeps the session in: `cookieOptions.name`, else supabase-js's default storage key. */
export function sessionCookieName(supabaseUrl: string): string {
  return authCookieOptions(false).name ?? `sb-${new URL(supabaseUrl).hostname.split(".")[0]}-auth-token`;
}

/** One JSON object (a session, a JWT header); null when the text is not one. */
function parseObject(json: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const fromBase64url = (s: string) => Buffer.from(s, "base64url").toString("utf8");

/**
 * The session cookie's `expires_at` (seconds since the epoch), unverified, as @supabase/ssr wrote
 * it: one cookie or chunks `.0`, `.1`… (combined as its combineChunks does, up to the first missing
 * or empty chunk), `base64-` + base64url JSON or plain JSON.
 *
 * - `undefined`: no session cookie at all (nor anything that looks like one under another name);
 * - `null`: a session this cannot vouch for the client leaving alone: unreadable, without both
 *   tokens (auth-js would remove it), or an access token not signed with an asymmetric key
 *   (getClaims then asks the Auth API, which may answer that the session is gone);
 * - otherwise its `expires_at`.
 */
export function sessionExpiresAt(cookies: Cookie[], supabaseUrl: string): number | null | undefined {
  const name = sessionCookieName(supabaseUrl);
  const jar = new Map(cookies.map((c) => [c.name, c.value]));
  let raw = jar.get(name) || undefined;
  if (raw === undefined) {
    const chunks: string[] = [];
    for (let i = 0; jar.get(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
    if (chunks.length) raw = chunks.join("");
  }
  if (raw === undefined) {
    // A session cookie under another name (the name's derivation changed): let the client decide.
    return cookies.some((c) => /-auth-token(\.\d+)?$/.test(c.name)) ? null : undefined;
  }
  const session = parseObject(raw.startsWith("base64-") ? fromBase64url(raw.slice("base64-".length)) : raw);
  if (!session || typeof session.access_token !== "string" || typeof session.refresh_token !== "string") return null;
  const header = parseObject(fromBase64url(session.access_token.split(".")[0]));
  if (!header || typeof header.kid !== "string" || typeof header.alg !== "string" || header.alg.startsWith("HS")) return null;
  const expiresAt = session.expires_at;
  return typeof expiresAt === "number" && Number.isFinite(expiresAt) ? expiresAt : null;
}

/**
 * True when the Supabase client would change nothing for this request: no session cookie at all,
 * or a well-formed one whose asymmetric-signed access token is far from expiry. Building the
 * client, decoding the cookie and checking the token's signature were ~5% of /admin's server CPU
 * in a CPU profile under bench:http load, and the page checks the token again anyway.
 */
export function sessionNeedsNoRefresh(cookies: Cookie[], supabaseUrl: string, now = Date.now()): boolean {
  const expiresAt = sessionExpiresAt(cookies, supabaseUrl);
  if (expiresAt === undefined) return true;
  return expiresAt !== null && expiresAt * 1000 - now > REFRESH_MARGIN_MS;
}
