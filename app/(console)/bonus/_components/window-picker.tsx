"use client";

import { useRouter } from "next/navigation";
import { formatDay } from "@/lib/format";

/** `now`: when the page was rendered (ms), to label each window past, current or upcoming. */
export function WindowPicker({
  windows,
  value,
  now,
}: {
  windows: { id: string; name: string; startTime: string; endTime: string }[];
  value: string;
  now: number;
}) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-zinc-600">Window</span>
      <select
        className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs"
        value={value}
        onChange={(e) => router.push(`/bonus?window=${encodeURIComponent(e.target.value)}`)}
      >
        {windows.map((w) => {
          const state = Date.parse(w.endTime) <= now ? "past" : Date.parse(w.startTime) > now ? "upcoming" : "current";
          return (
            <option key={w.id} value={w.id}>
              {w.name} ({state}, {formatDay(w.startTime)} → {formatDay(w.endTime)})
            </option>
          );
        })}
      </select>
    </label>
  );
}
