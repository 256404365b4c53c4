"use client";

import { useState, useTransition } from "react";
import { LogOutIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

/**
 * Signs out (a server action, scope local), then loads the sign-in page as a new document. A
 * full load, not a client-side navigation: the router would otherwise keep the console pages in
 * memory, and the back button would show them again after sign-out.
 */
export function SignOutButton({
  action,
  className,
}: {
  action: () => Promise<{ ok: boolean; message?: string }>;
  className?: string;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await action();
            // A full load, not router.push: the client router keeps no page of the ended session.
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate
            if (result.ok) window.location.assign("/login");
            else setError(result.message ?? "Could not sign out. Try again.");
          })
        }
        className={cn(
          "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900 disabled:opacity-60",
          className,
        )}
      >
        <LogOutIcon />
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {error ? (
        <p role="alert" className="mt-1 px-2 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
