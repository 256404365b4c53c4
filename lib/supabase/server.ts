/**
 * The Supabase client for server components, server actions and route handlers. Built per call
 * (never a module global: it holds one request's cookies). Cookie writes work in actions and
 * route handlers; in a server component they are refused, which is fine because the session
 * refresh already happened in middleware.ts for this request.
 *
 * Identity comes from `supabase.auth.getClaims()` (lib/auth/viewer.ts), never `getSession()`:
 * the session in a cookie is unverified.
 */
import "server-only";
import { createServerClient } from "@supabase/ssr";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { authCookieOptions, requestIsHttps } from "./cookie-policy";

export async function createClient(options: { headers?: Record<string, string> } = {}) {
  const cookieStore = await cookies();
  const secure = requestIsHttps(await headers());
  return createServerClient(env.supabaseUrl, env.supabaseAnonKey, {
    cookieOptions: authCookieOptions(secure),
    global: options.headers ? { headers: options.headers } : undefined,
    cookies: {
      getAll() {
        return cookieStore.getAll();
      },
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, options);
        } catch {
          // Called from a server component, where cookies are read-only. The middleware
          // refreshed the session before this render, so nothing is lost.
        }
      },
    },
  });
}
