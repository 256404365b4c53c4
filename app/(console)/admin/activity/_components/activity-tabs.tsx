import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function ActivityTabs({ tab }: { tab: "user" | "agent" }) {
  const link = (t: "user" | "agent", label: string) => (
    <Link
      role="tab"
      aria-selected={tab === t}
      // Each tab has its own filters: switching starts clean.
      href={t === "user" ? "/admin/activity" : "/admin/activity?tab=agent"}
      className={cn(
        "border-b-2 px-3 py-2 text-sm font-medium",
        tab === t ? "border-zinc-900 text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-900",
      )}
    >
      {label}
    </Link>
  );
  return (
    <div role="tablist" aria-label="Activity logs" className="flex gap-2 border-b border-zinc-200">
      {link("user", "User activity")}
      {link("agent", "Agent activity")}
    </div>
  );
}
