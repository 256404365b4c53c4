/**
 * Scheduled upkeep where Postgres has no pg_cron (the embedded mode): started once per server
 * process by instrumentation.ts register(); each job skips itself when pg_cron is installed (its
 * cron job runs it on Supabase) and runs on one app instance at a time.
 * - The retention purge, daily at 03:17 UTC, the time of its pg_cron job. Not at start-up: a
 *   restart must not delete demo or test data at an unexpected moment.
 * - The usage rollups' shard fold (usage_rollup_compact()), hourly at minute 7, as its cron job.
 */
import "server-only";
import { runScheduledPurge, runScheduledRollupCompact } from "./system-log";

const RUN_AT_UTC = { hour: 3, minute: 17 };
const COMPACT_AT_MINUTE = 7;
const flag = globalThis as unknown as {
  __purgeScheduler?: ReturnType<typeof setTimeout>;
  __compactScheduler?: ReturnType<typeof setTimeout>;
};

/** Milliseconds from `now` to the next RUN_AT_UTC. */
export function msUntilNextRun(now: Date): number {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC.hour, RUN_AT_UTC.minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

/** Milliseconds from `now` to the next minute COMPACT_AT_MINUTE of an hour. */
export function msUntilNextCompact(now: Date): number {
  const next = new Date(now.getTime());
  next.setUTCMinutes(COMPACT_AT_MINUTE, 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCHours(next.getUTCHours() + 1);
  return next.getTime() - now.getTime();
}

/** A timer that runs `job` at each `msUntil(now)` and never keeps the process alive alone. */
function every(key: "__purgeScheduler" | "__compactScheduler", msUntil: (now: Date) => number, job: () => Promise<void>): void {
  if (flag[key]) return; // one per process, also across hot reloads
  const schedule = () => {
    flag[key] = setTimeout(async () => {
      await job();
      schedule();
    }, msUntil(new Date()));
    flag[key].unref?.();
  };
  schedule();
}

export function startPurgeScheduler(): void {
  every("__purgeScheduler", msUntilNextRun, async () => {
    const counts = await runScheduledPurge();
    if (counts) {
      console.log(
        `[purge] purge_old_activity_logs(): ${counts.userLogs} user, ${counts.agentLogs} agent, ${counts.errorLogs} error log rows deleted`,
      );
    }
  });
  every("__compactScheduler", msUntilNextCompact, async () => {
    await runScheduledRollupCompact();
  });
}
