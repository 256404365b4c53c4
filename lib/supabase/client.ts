/**
 * The Supabase client for the browser. The URL and anon key come from the server at run time
 * (components/shell/supabase-provider.tsx gets them as props from a server layout), never from
 * `process.env.NEXT_PUBLIC_*`: one production build then serves any Supabase project.
 * @supabase/ssr keeps one browser client per page, sharing the session cookies with the server.
 */
import { createBrowserClient } from "@supabase/ssr";

export type SupabasePublicConfig = { url: string; anonKey: string };

export function createClient(config: SupabasePublicConfig) {
  return createBrowserClient(config.url, config.anonKey);
}
