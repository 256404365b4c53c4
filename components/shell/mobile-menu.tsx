"use client";

/**
 * The small-screen menu: a button that opens the navigation and the viewer card below the top
 * bar. Its panel is rendered only while open, so every page does not carry a second copy of the
 * sidebar (seventeen links with their icons for an admin) in its HTML. It closes on Escape
 * (focus back to the button), on a click or focus outside it, and whenever the page changes
 * (a link in it, the brand link, back and forward).
 */
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { UserRole } from "@/lib/validation/users";
import { NavLinks } from "./nav-links";

export function MobileMenu({ role, children }: { role: UserRole; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const pathname = usePathname();

  // A new page closes the menu, however it was reached.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) {
        setOpen(false);
        button.current?.focus();
      }
    };
    const outside = (e: Event) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("focusin", outside);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-zinc-300 px-2.5 py-1 text-sm"
      >
        Menu
      </button>
      {open ? (
        <div id={panelId} className="absolute right-0 z-40 mt-2 w-64 space-y-4 rounded-lg border border-zinc-200 bg-zinc-50 p-3 shadow-lg">
          <NavLinks role={role} />
          <div className="border-t border-zinc-200 pt-3">{children}</div>
        </div>
      ) : null}
    </div>
  );
}
