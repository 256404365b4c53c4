/**
 * Bonus windows (seed 004): schemas shared by the admin form and its actions, and the time zone
 * conversions of the form (start and end are typed as wall-clock times in the admin's zone and
 * stored as instants). No server-only imports.
 */
import { z } from "zod";

/** "YYYY-MM-DDTHH:mm" (an <input type="datetime-local"> value) in `timeZone`, as an instant. */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return new Date(NaN);
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  // The zone's offset at an instant; two passes settle DST edges (a wall time in a DST gap moves forward).
  const offsetAt = (ts: number) => wallClockOf(new Date(ts), timeZone) - ts;
  let ts = wall - offsetAt(wall);
  ts = wall - offsetAt(ts);
  return new Date(ts);
}

/** The wall-clock time of an instant in a zone, as if that wall time were UTC (ms). */
function wallClockOf(d: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** An instant as "YYYY-MM-DDTHH:mm" in `timeZone` (the form's default values). */
export function utcToZonedLocal(d: Date, timeZone: string): string {
  return new Date(wallClockOf(d, timeZone)).toISOString().slice(0, 16);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const target = z.coerce.number({ message: "Enter a whole number." }).int("Enter a whole number.").min(0, "At least 0 (0 disables this metric).").max(100_000, "At most 100,000.");
const local = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Enter a date and time.");

export const bonusWindowInput = z
  .object({
    id: z.guid().optional().or(z.literal("").transform(() => undefined)),
    /** The row's updatedAt when the form was opened (ISO): an edit of a changed window is refused. */
    updatedAt: z.string().max(40).optional(),
    name: z.string().trim().min(1, "Name the window.").max(120, "At most 120 characters."),
    start: local,
    end: local,
    timeZone: z.string().refine(isTimeZone, "Choose a time zone."),
    targetTaskCount: target,
    targetFeedbackCount: target,
    targetTaskCountTier2: target,
    targetFeedbackCountTier2: target,
  })
  .superRefine((v, ctx) => {
    const start = zonedLocalToUtc(v.start, v.timeZone);
    const end = zonedLocalToUtc(v.end, v.timeZone);
    if (!(end.getTime() > start.getTime())) ctx.addIssue({ code: "custom", path: ["end"], message: "The end must be after the start." });
    if (v.targetTaskCount + v.targetFeedbackCount + v.targetTaskCountTier2 + v.targetFeedbackCountTier2 === 0) {
      ctx.addIssue({ code: "custom", path: ["targetTaskCount"], message: "Set at least one target (all 0 would make the window meaningless)." });
    }
    if (v.targetTaskCountTier2 > 0 && v.targetTaskCountTier2 < v.targetTaskCount) {
      ctx.addIssue({ code: "custom", path: ["targetTaskCountTier2"], message: "Tier 2 needs at least as many tasks as tier 1." });
    }
    if (v.targetFeedbackCountTier2 > 0 && v.targetFeedbackCountTier2 < v.targetFeedbackCount) {
      ctx.addIssue({ code: "custom", path: ["targetFeedbackCountTier2"], message: "Tier 2 needs at least as much feedback as tier 1." });
    }
  });
export type BonusWindowInput = z.output<typeof bonusWindowInput>;

export const deleteBonusWindowInput = z.object({ id: z.guid() });
