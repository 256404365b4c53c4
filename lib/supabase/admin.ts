/**
 * The service-role client: Supabase Auth's admin users API (ban, password reset, sign-in
 * details). Server-only, its own file, used only after the caller was re-checked as an admin on
 * the server (app/(console)/admin/users/actions.ts). It never touches the database tables:
 * data reads and writes go through withViewer, under RLS.
 */
import "server-only";
import { createClient } from "@supabase/supabase-js";
import { env } from "@/lib/env";

export function createAdminClient() {
  return createClient(env.supabaseUrl, env.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

export type AuthUserDetails = { lastSignInAt: string | null; bannedUntil: string | null };

/**
 * Sign-in details Supabase Auth keeps (not in public.profiles): last sign-in and ban, for the
 * rows of one page. `ok: false` when the Auth API did not answer; the page says so instead of
 * showing the rows as never signed in.
 */
export async function getAuthUserDetails(
  ids: string[],
): Promise<{ ok: boolean; details: Map<string, AuthUserDetails> }> {
  const admin = createAdminClient();
  const details = new Map<string, AuthUserDetails>();
  let ok = true;
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const { data, error } = await admin.auth.admin.getUserById(id);
      if (error) {
        // A profile without an auth user cannot exist (foreign key); anything else is an outage.
        if (error.status !== 404) ok = false;
        continue;
      }
      const user = data.user as typeof data.user & { banned_until?: string };
      details.set(id, { lastSignInAt: user.last_sign_in_at ?? null, bannedUntil: user.banned_until ?? null });
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
  return { ok, details };
}
