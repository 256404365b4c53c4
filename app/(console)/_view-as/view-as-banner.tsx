"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { EyeIcon } from "./eye-icon";

/** On every console page while an admin views as another user: who, read-only, and the way out. */
export function ViewAsBanner({
  email,
  role,
  adminEmail,
  stop,
}: {
  email: string;
  role: string;
  adminEmail: string;
  stop: () => Promise<unknown>;
}) {
  const [pending, start] = useTransition();
  return (
    <div
      role="region"
      aria-label="Viewing as another user"
      data-testid="view-as-banner"
      className="sticky top-0 z-30 -mx-4 -mt-8 mb-6 flex flex-wrap items-center justify-between gap-3 rounded-b-md border border-t-0 border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-950 sm:-mx-8 sm:px-8"
    >
      <p className="flex items-center gap-2">
        <EyeIcon />
        <span>
          Viewing as <strong data-testid="view-as-email">{email}</strong> ({role.toLowerCase()}), read-only. Signed in as{" "}
          {adminEmail}.
        </span>
      </p>
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => start(async () => void (await stop()))}>
        {pending ? "Stopping…" : "Stop viewing"}
      </Button>
    </div>
  );
}
