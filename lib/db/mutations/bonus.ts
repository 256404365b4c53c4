/** Writes of bonus_windows (admins only, by RLS and by the actions' role check). */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";

export type BonusWindowValues = {
  name: string;
  start: Date;
  end: Date;
  targetTaskCount: number;
  targetFeedbackCount: number;
  targetTaskCountTier2: number;
  targetFeedbackCountTier2: number;
};

export async function createBonusWindow(tx: Tx, v: BonusWindowValues, createdBy: string): Promise<string> {
  const [row] = (await tx.execute(sql`
    insert into public.bonus_windows (name, "startTime", "endTime", "targetTaskCount", "targetFeedbackCount",
                                      "targetTaskCountTier2", "targetFeedbackCountTier2", "createdBy")
    values (${v.name}, ${v.start.toISOString()}::timestamptz, ${v.end.toISOString()}::timestamptz, ${v.targetTaskCount}, ${v.targetFeedbackCount},
            ${v.targetTaskCountTier2}, ${v.targetFeedbackCountTier2}, ${createdBy})
    returning id`)) as unknown as { id: string }[];
  return row.id;
}

/** Updates the window if it is unchanged since `updatedAt` (text as read); "conflict" or "missing" otherwise. */
export async function updateBonusWindow(tx: Tx, id: string, v: BonusWindowValues, updatedAt: string | undefined): Promise<"ok" | "conflict" | "missing"> {
  const rows = (await tx.execute(sql`
    update public.bonus_windows
    set name = ${v.name}, "startTime" = ${v.start.toISOString()}::timestamptz, "endTime" = ${v.end.toISOString()}::timestamptz,
        "targetTaskCount" = ${v.targetTaskCount}, "targetFeedbackCount" = ${v.targetFeedbackCount},
        "targetTaskCountTier2" = ${v.targetTaskCountTier2}, "targetFeedbackCountTier2" = ${v.targetFeedbackCountTier2}
    where id = ${id}::uuid and (${updatedAt ?? null}::text is null or "updatedAt"::text = ${updatedAt ?? null})
    returning id`)) as unknown as unknown[];
  if (rows.length) return "ok";
  const exists = (await tx.execute(sql`select 1 from public.bonus_windows where id = ${id}::uuid`)) as unknown as unknown[];
  return exists.length ? "conflict" : "missing";
}

export async function deleteBonusWindow(tx: Tx, id: string): Promise<boolean> {
  const rows = (await tx.execute(sql`delete from public.bonus_windows where id = ${id}::uuid returning id`)) as unknown as unknown[];
  return rows.length > 0;
}
