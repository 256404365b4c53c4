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
 * A `next` parameter we may redirect to: a local path only (starts with one `/`, no scheme, no
 * host, no backslash or control characters, which some browsers read as `//host`). Anything else
 * is dropped, never followed (open redirect).
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  try {
    const base = "http://console.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}
