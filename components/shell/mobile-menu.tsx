"use client";

/**
 * The small-screen menu: a button that opens the navigation and the viewer card below the top
 * bar. Its panel is rendered only while open, so every page does not carry a second copy of the
 * sidebar (seventeen links with their icons for an admin) in its HTML. Escape and choosing a
 * link close it; focus goes back to the button on Escape.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { UserRole } from "@/lib/validation/users";
import { NavLinks } from "./nav-links";

export function MobileMenu({ role, children }: { role: UserRole; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-zinc-300 px-2.5 py-1 text-sm"
      >
        Menu
      </button>
      {open ? (
        <div id={panelId} className="absolute right-0 z-40 mt-2 w-64 space-y-4 rounded-lg border border-zinc-200 bg-zinc-50 p-3 shadow-lg">
          <NavLinks role={role} onNavigate={() => setOpen(false)} />
          <div className="border-t border-zinc-200 pt-3">{children}</div>
        </div>
      ) : null}
    </div>
  );
}
