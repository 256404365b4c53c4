/**
 * Whether middleware.ts must hand a request to the Supabase client to refresh its session, read
 * from the session cookie alone (no client, no signature check). Not an access check: pages and
 * actions verify the token themselves (lib/auth/viewer.ts getClaims).
 */

/**
 * auth-js refreshes a session whose access token has less than 90 s left (its EXPIRY_MARGIN_MS);
 * a request whose token has more than that plus this slack left cannot cause a refresh.
 */
const REFRESH_MARGIN_MS = 90_000 + 5_000;

/**
 * The session cookie's `expires_at` (seconds since the epoch) as @supabase/ssr wrote it (one cookie
 * or `.0`, `.1`… chunks; `base64-` + base64url JSON, or plain JSON), unverified; `undefined` when
 * there is no session cookie, `null` when there is one this cannot read. Never a trust decision:
 * it only tells whether a refresh could be due. Pages verify the token themselves (getClaims).
 */
export function sessionExpiresAt(cookies: { name: string; value: string }[], supabaseUrl: string): number | null | undefined {
  const name = `sb-${new URL(supabaseUrl).hostname.split(".")[0]}-auth-token`;
  const jar = new Map(cookies.map((c) => [c.name, c.value]));
  // As @supabase/ssr combines them: the whole cookie, else chunks .0, .1, … up to the first gap.
  let raw = jar.get(name);
  if (raw === undefined) {
    const chunks: string[] = [];
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
    if (chunks.length === 0) return undefined;
    raw = chunks.join("");
  }
  try {
    const json = raw.startsWith("base64-") ? Buffer.from(raw.slice(7), "base64url").toString("utf8") : raw;
    const expiresAt = (JSON.parse(json) as { expires_at?: unknown }).expires_at;
    return typeof expiresAt === "number" && Number.isFinite(expiresAt) ? expiresAt : null;
  } catch {
    return null;
  }
}

/**
 * True when the Supabase client would change nothing for this request: no session cookie at all,
 * or a readable one whose access token is far from expiry. Building the client, decoding the
 * cookie and checking the token's signature were ~5% of /admin's server CPU under bench:http
 * load (a CPU profile), and the page checks the token again anyway.
 */
export function sessionNeedsNoRefresh(cookies: { name: string; value: string }[], supabaseUrl: string, now = Date.now()): boolean {
  const expiresAt = sessionExpiresAt(cookies, supabaseUrl);
  if (expiresAt === undefined) return true;
  return expiresAt !== null && expiresAt * 1000 - now > REFRESH_MARGIN_MS;
}
