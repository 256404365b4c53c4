"use server";

/**
 * /admin/activity: the retention purge. purge_old_activity_logs() (seed 001, SECURITY DEFINER,
 * checks that its caller is an admin) runs in the admin's transaction and reports its counts.
 */
import { sql } from "drizzle-orm";
import { refresh } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions";
import { withViewer } from "@/lib/db/with-viewer";
import { formatInt } from "@/lib/format";
import { logActivity } from "@/lib/logging/system-log";
import { purgeLogsInput } from "@/lib/validation/activity-logs";

export type PurgeCounts = { userLogs: number; agentLogs: number; errorLogs: number };

export const purgeOldLogs = defineAction(
  purgeLogsInput,
  ["ADMIN"],
  async (_input, viewer): Promise<ActionResult<{ counts: PurgeCounts }>> => {
    const [row] = (await withViewer(viewer, (tx) => tx.execute(sql`select * from public.purge_old_activity_logs()`))) as unknown as Record<string, unknown>[];
    const counts = {
      userLogs: Number(row.user_logs_deleted),
      agentLogs: Number(row.agent_logs_deleted),
      errorLogs: Number(row.error_logs_deleted),
    };
    void logActivity({ userId: viewer.id, activityType: "admin_logs_purge", activityCategory: "admin", metadata: counts });
    refresh();
    return {
      ok: true,
      counts,
      message: `Purged ${formatInt(counts.userLogs)} user activity, ${formatInt(counts.agentLogs)} agent activity and ${formatInt(counts.errorLogs)} resolved error logs.`,
    };
  },
);
