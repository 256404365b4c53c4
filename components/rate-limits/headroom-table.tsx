import type { EffectiveLimit, HeadroomRow } from "@/lib/db/queries/rate-limits";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatDay, formatHourMinute, formatInt } from "@/lib/format";


/** The calendar-aligned windows (UTC) the usage is counted in, as of `now`. */
export function WindowsNote({ now }: { now: Date }) {
  const m = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const h = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  return (
    <p className="text-xs text-zinc-500">
      Current windows (UTC, aligned to the calendar): minute {formatHourMinute(m)}–{formatHourMinute(new Date(m.getTime() + 60_000))}, hour{" "}
      {formatHourMinute(h)}–{formatHourMinute(new Date(h.getTime() + 3_600_000))}, day {formatDay(now)}. A window&apos;s count starts again at its end.
    </p>
  );
}

function Meter({ used, limit, label }: { used: number; limit: number; label: string }) {
  const ratio = limit > 0 ? used / limit : used > 0 ? 1 : 0;
  const pct = Math.min(100, Math.round(ratio * 100));
  const tone = ratio >= 1 ? "bg-red-600" : ratio >= 0.8 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="min-w-28">
      <div className="flex justify-between text-xs tabular-nums">
        <span className={cn("whitespace-nowrap", ratio >= 1 && "font-semibold text-red-700")}>
          {formatInt(used)} / {formatInt(limit)}
        </span>
        <span className="ml-2 whitespace-nowrap text-zinc-500">{limit > 0 ? `${formatInt(Math.max(0, limit - used))} left` : "blocked"}</span>
      </div>
      <div
        className="mt-1 h-1.5 rounded bg-zinc-100"
        role="meter"
        aria-label={`${label}: ${formatInt(used)} of ${formatInt(limit)}`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
      >
        <div className={cn("h-1.5 rounded", tone)} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** Usage against limits per user and agent, closest to a limit first (rows arrive sorted). */
export function HeadroomTable({ rows, showUser, empty }: { rows: HeadroomRow[]; showUser: boolean; empty: string }) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-zinc-200 bg-white p-6 text-center text-sm text-zinc-500">{empty}</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm" aria-label="Rate-limit headroom">
        <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs text-zinc-600">
          <tr>
            {showUser ? <th scope="col" className="px-3 py-2 font-medium">User</th> : null}
            <th scope="col" className="px-3 py-2 font-medium">Agent · limit from</th>
            <th scope="col" className="px-3 py-2 font-medium">This minute</th>
            <th scope="col" className="px-3 py-2 font-medium">This hour</th>
            <th scope="col" className="px-3 py-2 font-medium">Today</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Closest</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((r) => (
            <tr key={`${r.userId}-${r.agentType}`} data-testid="headroom-row">
              {showUser ? (
                <td className="px-3 py-2" title={r.userEmail ?? r.userId}>
                  <span className="block max-w-[13rem] truncate">{r.userEmail ?? r.userId.slice(0, 8)}</span>
                </td>
              ) : null}
              <td className="px-3 py-2">
                <span className="font-mono text-xs">{r.agentType}</span>
                {!r.enabled ? <Badge tone="red" className="ml-2">disabled</Badge> : null}
                {/* Where the limit comes from (an admin_config key), under the agent: as a column
                    of its own it made the table scroll sideways on a 1,360 px screen. */}
                <span className="block max-w-[14rem] truncate font-mono text-[11px] text-zinc-500" title={r.source}>
                  {r.source.replace(/^admin_config /, "")}
                </span>
              </td>
              <td className="px-3 py-2"><Meter used={r.minuteUsed} limit={r.perMinute} label="This minute" /></td>
              <td className="px-3 py-2"><Meter used={r.hourUsed} limit={r.perHour} label="This hour" /></td>
              <td className="px-3 py-2"><Meter used={r.dayUsed} limit={r.perDay} label="Today" /></td>
              <td className="px-3 py-2 text-right tabular-nums">
                {r.closeness >= 1 ? <Badge tone="red" className="whitespace-nowrap">at limit</Badge> : `${Math.round(r.closeness * 100)}%`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LimitsTable({ limits }: { limits: EffectiveLimit[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm tabular-nums" aria-label="Effective limits">
        <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs text-zinc-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Agent</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Per minute</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Per hour</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Per day</th>
            <th scope="col" className="px-3 py-2 font-medium">Comes from</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {limits.map((l) => (
            <tr key={l.agentType}>
              <td className="px-3 py-2 font-mono text-xs">
                {l.agentType}
                {!l.enabled ? <Badge tone="red" className="ml-2">disabled</Badge> : null}
              </td>
              <td className="px-3 py-2 text-right">{formatInt(l.perMinute)}</td>
              <td className="px-3 py-2 text-right">{formatInt(l.perHour)}</td>
              <td className="px-3 py-2 text-right">{formatInt(l.perDay)}</td>
              <td className="px-3 py-2 font-mono text-xs text-zinc-500">{l.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
