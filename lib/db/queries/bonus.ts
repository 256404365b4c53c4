/**
 * Bonus windows and progress (seed 004). Progress is public.bonus_progress(), computed in SQL as
 * the viewer: managers and admins see every approved account, users only themselves (RLS).
 * Windows count records with startTime <= createdAt < endTime.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";

export type BonusWindowRow = {
  id: string;
  name: string;
  startTime: string;
  endTime: string;
  targetTaskCount: number;
  targetFeedbackCount: number;
  targetTaskCountTier2: number;
  targetFeedbackCountTier2: number;
  updatedAt: string;
  overlaps: string[];
};

const iso = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export async function listBonusWindows(tx: Tx): Promise<BonusWindowRow[]> {
  const rows = (await tx.execute(sql`
    select w.id, w.name, ${iso('w."startTime"')} as "startTime", ${iso('w."endTime"')} as "endTime",
           w."targetTaskCount" as "targetTaskCount", w."targetFeedbackCount" as "targetFeedbackCount",
           w."targetTaskCountTier2" as "targetTaskCountTier2", w."targetFeedbackCountTier2" as "targetFeedbackCountTier2",
           w."updatedAt"::text as "updatedAt",
           coalesce((select array_agg(o.name order by o."startTime") from public.bonus_windows o
                     where o.id <> w.id and o."startTime" < w."endTime" and w."startTime" < o."endTime"), '{}') as overlaps
    from public.bonus_windows w
    order by w."startTime" desc, w.id`)) as unknown as BonusWindowRow[];
  return rows;
}

/** Names of windows overlapping [start, end), other than `exceptId`. */
export async function overlappingWindows(tx: Tx, start: Date, end: Date, exceptId?: string): Promise<string[]> {
  const rows = (await tx.execute(sql`
    select name from public.bonus_windows
    where "startTime" < ${end.toISOString()}::timestamptz and ${start.toISOString()}::timestamptz < "endTime"
      and (${exceptId ?? null}::uuid is null or id <> ${exceptId ?? null}::uuid)
    order by "startTime"`)) as unknown as { name: string }[];
  return rows.map((r) => r.name);
}

export type BonusProgressRow = {
  userId: string;
  email: string;
  name: string | null;
  role: string;
  taskCount: number;
  feedbackCount: number;
  tier: number;
  projectedTasks: number | null;
  projectedFeedback: number | null;
  projectedTier: number | null;
};

export async function bonusProgress(tx: Tx, windowId: string, asOf: Date = new Date()): Promise<BonusProgressRow[]> {
  const rows = (await tx.execute(sql`
    select user_id as "userId", email, name, role, task_count as "taskCount", feedback_count as "feedbackCount", tier,
           projected_tasks as "projectedTasks", projected_feedback as "projectedFeedback", projected_tier as "projectedTier"
    from public.bonus_progress(${windowId}::uuid, ${asOf.toISOString()}::timestamptz)`)) as unknown as BonusProgressRow[];
  return rows;
}
