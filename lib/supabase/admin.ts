/**
 * The service-role client: Supabase Auth's admin users API (ban, unban, password reset).
 * Server-only, its own file, used only after the caller was re-checked as an admin on the server
 * (app/(console)/admin/users/actions.ts). It never touches the database tables: data reads and
 * writes go through withViewer, under RLS.
 */
import "server-only";
import { createClient } from "@supabase/supabase-js";
import { env } from "@/lib/env";

export function createAdminClient() {
  return createClient(env.supabaseUrl, env.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}
