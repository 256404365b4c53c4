import { formatDateTime, formatDay, formatDayTime } from "@/lib/format";

const FORMATS = { day: formatDay, minute: formatDayTime, second: formatDateTime } as const;

/**
 * An instant as the console prints it in tables, lists and page headers: UTC to the given
 * precision, the exact ISO instant in `dateTime` and on hover. Server- and client-safe (no hooks).
 *
 *   <UtcTime iso={row.createdAt} />                    2025-01-02 13:45
 *   <UtcTime iso={u.createdAt} precision="day" />      2025-01-02
 *   <UtcTime iso={a.createdAt} precision="second" wrap />
 */
export function UtcTime({
  iso,
  precision = "minute",
  wrap = false,
}: {
  /** An ISO instant; null prints a grey dash. */
  iso: string | null;
  precision?: keyof typeof FORMATS;
  /** Let the text break (the activity logs' narrow column); otherwise it stays on one line. */
  wrap?: boolean;
}) {
  if (!iso) return <span className="text-zinc-400">—</span>;
  return (
    <time dateTime={iso} title={`${iso} (UTC)`} className={wrap ? "text-zinc-600 tabular-nums" : "whitespace-nowrap text-zinc-600 tabular-nums"}>
      {FORMATS[precision](iso)}
    </time>
  );
}
