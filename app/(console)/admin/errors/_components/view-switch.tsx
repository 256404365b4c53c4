"use client";

import Link from "next/link";
import { useTableUrl } from "@/components/data-table";
import { XIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

/** List of occurrences or groups; the filters stay, paging starts again. */
export function ViewSwitch({ view }: { view: "list" | "groups" }) {
  const url = useTableUrl();
  const tab = (v: "list" | "groups", label: string) => (
    <Link
      href={url.hrefFor({ view: v === "list" ? null : v, error: null }, { resetPaging: true })}
      aria-current={view === v ? "page" : undefined}
      className={cn(
        "rounded-md px-3 py-1.5 text-xs font-medium",
        view === v ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200" : "text-zinc-600 hover:text-zinc-900",
      )}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Error view" className="inline-flex gap-1 rounded-lg bg-zinc-100 p-1">
      {tab("list", "All occurrences")}
      {tab("groups", "Grouped")}
    </nav>
  );
}

const CHIPS: { param: string; label: string }[] = [
  { param: "user", label: "User" },
  { param: "fp", label: "Group" },
  { param: "category", label: "Category" },
];

/** Filters set from links (a user, a group, a category), each removable. */
export function FilterChips() {
  const url = useTableUrl();
  const active = CHIPS.filter((c) => url.searchParams.get(c.param));
  if (active.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2" aria-label="Other filters">
      {active.map((c) => (
        <Link
          key={c.param}
          href={url.hrefFor({ [c.param]: null }, { resetPaging: true })}
          className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2.5 py-1 text-xs text-zinc-700 hover:bg-zinc-200"
          aria-label={`Remove the ${c.label.toLowerCase()} filter`}
        >
          {c.label}: <span className="font-mono">{url.searchParams.get(c.param)!.slice(0, 12)}</span>
          <XIcon size={12} />
        </Link>
      ))}
    </div>
  );
}
