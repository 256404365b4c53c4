"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import type { UserRole } from "@/lib/validation/users";
import { navFor } from "./nav-items";

export function NavLinks({ role, onNavigate }: { role: UserRole; onNavigate?: () => void }) {
  const pathname = usePathname();
  const uid = useId();
  return (
    <nav aria-label="Main" className="space-y-4">
      {navFor(role).map((section) => (
        <div key={section.id}>
          <h2 id={`${uid}-${section.id}`} className="px-2 text-[11px] font-semibold tracking-wider text-zinc-500 uppercase">
            {section.label}
          </h2>
          <ul aria-labelledby={`${uid}-${section.id}`} className="mt-1 space-y-px">
            {section.items.map((item) => {
              const matches = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
              // The most specific entry wins: /usage/limits is "My limits", not also "My usage".
              const active =
                matches(item.href) && !section.items.some((o) => o.href.length > item.href.length && o.href.startsWith(`${item.href}/`) && matches(o.href));
              const Icon = item.icon;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    // Seventeen links would mean seventeen server renders (each with its database
                    // read) on every page view; the console loads a section when it is opened.
                    prefetch={false}
                    aria-current={active ? "page" : undefined}
                    onClick={onNavigate}
                    className={cn(
                      "flex items-center gap-2.5 rounded-md px-2 py-1 text-sm",
                      active ? "bg-zinc-200/70 font-medium text-zinc-900" : "text-zinc-600 hover:bg-zinc-200/40 hover:text-zinc-900",
                    )}
                  >
                    <Icon className={active ? "text-zinc-900" : "text-zinc-400"} />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
