"use client";

/**
 * Hands the browser the Supabase URL and anon key the server read at run time, and builds the
 * browser client on first use. Nothing here reads process.env: one build serves any project.
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import { createContext, useContext, useMemo, useRef, type ReactNode } from "react";
import { createClient, type SupabasePublicConfig } from "@/lib/supabase/client";

const SupabaseContext = createContext<(() => SupabaseClient) | null>(null);

export function SupabaseProvider({ config, children }: { config: SupabasePublicConfig; children: ReactNode }) {
  const client = useRef<SupabaseClient | null>(null);
  const get = useMemo(
    () => () => {
      client.current ??= createClient(config);
      return client.current;
    },
    [config],
  );
  return <SupabaseContext.Provider value={get}>{children}</SupabaseContext.Provider>;
}

/** The browser Supabase client (created lazily; most pages never need it). */
export function useSupabase(): () => SupabaseClient {
  const get = useContext(SupabaseContext);
  if (!get) throw new Error("useSupabase() must be used inside <SupabaseProvider>.");
  return get;
}
