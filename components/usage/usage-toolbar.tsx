"use client";

/**
 * Range presets, custom days, group-by and time zone: every choice is a URL change (the URL is
 * the page state), so a reload, a shared link and the back button show the same dashboard.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { GROUP_LABELS, RANGE_LABELS, RANGE_PRESETS, USAGE_GROUPS, type RangePreset, type UsageGroup } from "@/lib/validation/usage";

function useNavigate() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, start] = useTransition();
  const navigate = (changes: Record<string, string | null>) => {
    const q = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") q.delete(k);
      else q.set(k, v);
    }
    const s = q.toString();
    start(() => router.push(s ? `${pathname}?${s}` : pathname, { scroll: false }));
  };
  return { navigate, pending, search };
}

export function UsageToolbar({
  range,
  from,
  to,
  group,
  groups = USAGE_GROUPS,
  tz,
  tzOptions,
}: {
  range: RangePreset;
  from: string;
  to: string;
  group?: UsageGroup;
  groups?: readonly UsageGroup[];
  tz: string;
  tzOptions: { value: string; label: string }[];
}) {
  const { navigate, pending } = useNavigate();
  const [customOpen, setCustomOpen] = useState(range === "custom");
  const [f, setF] = useState(from);
  const [t, setT] = useState(to);
  const invalid = !f || !t || f > t;

  return (
    <div className="mb-6 space-y-3" aria-busy={pending}>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <div role="group" aria-label="Date range" className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 shadow-xs">
          {RANGE_PRESETS.map((p) => {
            const active = p === "custom" ? customOpen || range === "custom" : range === p && !customOpen;
            return (
              <button
                key={p}
                type="button"
                aria-pressed={active}
                onClick={() => {
                  if (p === "custom") setCustomOpen(true);
                  else {
                    setCustomOpen(false);
                    navigate({ range: p === "30d" ? null : p, from: null, to: null });
                  }
                }}
                className={cn(
                  "rounded px-2.5 py-1 text-xs font-medium transition-colors",
                  active ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-100",
                )}
              >
                {p === "custom" ? "Custom" : p}
                <span className="sr-only"> ({RANGE_LABELS[p]})</span>
              </button>
            );
          })}
        </div>
        {group ? (
          <div className="flex items-center gap-2">
            <Label htmlFor="usage-group" className="text-xs text-zinc-600">
              Group by
            </Label>
            <Select
              id="usage-group"
              value={group}
              className="h-8 w-36 text-xs"
              onChange={(e) => navigate({ group: e.target.value === "agent" ? null : e.target.value })}
            >
              {groups.map((g) => (
                <option key={g} value={g}>
                  {GROUP_LABELS[g]}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <div className="flex items-center gap-2">
          <Label htmlFor="usage-tz" className="text-xs text-zinc-600">
            Time zone
          </Label>
          <Select id="usage-tz" value={tz} className="h-8 w-56 text-xs" onChange={(e) => navigate({ tz: e.target.value })}>
            {tzOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
        {pending ? <span className="text-xs text-zinc-500" role="status">Loading…</span> : null}
      </div>
      {customOpen ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) navigate({ range: "custom", from: f, to: t });
          }}
        >
          <div className="space-y-1">
            <Label htmlFor="usage-from" className="text-xs">From (first day)</Label>
            <Input id="usage-from" type="date" value={f} max={t || undefined} onChange={(e) => setF(e.target.value)} className="h-8 w-40" />
          </div>
          <div className="space-y-1">
            <Label htmlFor="usage-to" className="text-xs">To (last day)</Label>
            <Input id="usage-to" type="date" value={t} min={f || undefined} onChange={(e) => setT(e.target.value)} className="h-8 w-40" />
          </div>
          <Button type="submit" size="sm" disabled={invalid}>
            Apply range
          </Button>
          {f && t && f > t ? <p className="text-xs font-medium text-red-600">The first day is after the last day.</p> : null}
        </form>
      ) : null}
    </div>
  );
}
