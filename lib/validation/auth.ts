/**
 * Sign-in and sign-up input: one schema per form, used by the form for hints and parsed again
 * by the server action. Passwords follow Supabase Auth's limits (6 to 72 characters: bcrypt
 * reads at most 72 bytes).
 */
import { z } from "zod";

const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter a valid email address"));

export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 72;

export const signInInput = z.object({
  email,
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(PASSWORD_MAX, `Passwords have at most ${PASSWORD_MAX} characters`),
  next: z.string().max(2000).optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

export const newPassword = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const signUpInput = z.object({
  name: z.string().trim().max(100, "Use at most 100 characters").optional(),
  email,
  password: newPassword,
});
export type SignUpInput = z.infer<typeof signUpInput>;

/**
 * A `next` parameter we may redirect to: a path on this site, or null. Browsers and URL parsers
 * disagree on the edges (`/\\host`, `/%2e//host`, `/.//host`, tabs and newlines that browsers
 * strip, percent-encoded slashes a server may decode later), so the value is judged as every one
 * of them could read it:
 * - raw, and after each of up to three rounds of percent-decoding: it must start with exactly one
 *   `/`, hold no control character, and no backslash or whitespace in its path;
 * - after URL normalisation (dot segments resolved): the result must still be one leading `/`
 *   and resolve to this origin.
 * What is returned is the normalised path, query and fragment; anything else is dropped, never
 * followed (open redirect).
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (typeof value !== "string" || !value || value.length > 2000) return null;
  let form = value;
  for (let round = 0; ; round++) {
    if (!isPlainLocalPath(form)) return null;
    if (round === 3) break;
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return null; // a malformed escape: no browser reads it the way we would
    }
    if (decoded === form) break;
    form = decoded;
  }
  try {
    const base = "http://console.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return null;
    const path = url.pathname + url.search + url.hash;
    if (!isPlainLocalPath(path) || new URL(path, base).origin !== base) return null;
    return path;
  } catch {
    return null;
  }
}

/**
 * One leading slash, not two (`//host`) nor `/\\host`; no control character anywhere (browsers
 * drop tabs and newlines, so `/\t/host` is `//host` to them); no backslash or whitespace in the
 * path (the query may hold spaces: `?q=a b`).
 */
function isPlainLocalPath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//")) return false;
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return false;
  const path = value.split(/[?#]/, 1)[0];
  return !/[\\\s]/.test(path);
}
