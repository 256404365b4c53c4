import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { SupabaseProvider } from "@/components/shell/supabase-provider";
import { requireViewer } from "@/lib/auth/viewer";
import { TimeZoneSync } from "@/components/shell/time-zone-sync";
import { env } from "@/lib/env";
import { viewerTimeZone } from "@/lib/time-zone";
import { signOut } from "../(auth)/actions";
import { stopViewAs } from "./_view-as/actions";
import { ViewAsBanner } from "./_view-as/view-as-banner";

/**
 * The signed-in shell. Resolves the viewer once per request (getViewer is cached): signed-out
 * people go to /login?next=..., PENDING accounts to /pending. Pages below check their own role
 * again: a layout check alone does not guard a page that renders in parallel with it.
 * While an admin views as another user, the shell is that user's, under a banner that says so.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const { tz } = await viewerTimeZone(undefined);
  return (
    <SupabaseProvider config={{ url: env.supabaseUrl, anonKey: env.supabaseAnonKey }}>
      <AppShell email={viewer.email} role={viewer.role} signOut={signOut}>
        {viewer.impersonator ? (
          <ViewAsBanner email={viewer.email} role={viewer.role} adminEmail={viewer.impersonator.email} stop={stopViewAs} />
        ) : null}
        {children}
        <TimeZoneSync serverTz={tz} />
      </AppShell>
    </SupabaseProvider>
  );
}
