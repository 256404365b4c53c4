"use client";

/**
 * The small-screen menu: the shared Popover (Escape, click outside, aria-expanded) holding the
 * navigation and the viewer card. Its panel exists only while open, so every page does not carry
 * a second copy of the sidebar (seventeen links with their icons for an admin) in its HTML. A
 * new page closes it, however it was reached (a link in it, the brand link, back and forward):
 * the popover is keyed by the path.
 */
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { Popover } from "@/components/ui/popover";
import type { UserRole } from "@/lib/validation/users";
import { NavLinks } from "./nav-links";

export function MobileMenu({ role, children }: { role: UserRole; children: ReactNode }) {
  const pathname = usePathname();
  return (
    <Popover
      key={pathname}
      button="Menu"
      panelLabel="Menu"
      align="end"
      buttonClassName="rounded-md border border-zinc-300 px-2.5 py-1 text-sm"
      panelClassName="w-64"
    >
      {() => (
        <div className="space-y-4 p-2">
          <NavLinks role={role} />
          <div className="border-t border-zinc-200 pt-3">{children}</div>
        </div>
      )}
    </Popover>
  );
}
