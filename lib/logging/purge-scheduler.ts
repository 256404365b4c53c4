/**
 * The retention purge on a schedule where Postgres has no pg_cron (the embedded mode): started
 * once per server process by instrumentation.ts register(). Runs daily at 03:17 UTC, the time of
 * the pg_cron job on Supabase (runScheduledPurge skips itself when pg_cron is installed).
 * Not at start-up: a restart must not delete demo or test data at an unexpected moment.
 */
import "server-only";
import { runScheduledPurge } from "./system-log";

const RUN_AT_UTC = { hour: 3, minute: 17 };
const flag = globalThis as unknown as { __purgeScheduler?: ReturnType<typeof setTimeout> };

/** Milliseconds from `now` to the next RUN_AT_UTC. */
export function msUntilNextRun(now: Date): number {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC.hour, RUN_AT_UTC.minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

export function startPurgeScheduler(): void {
  if (flag.__purgeScheduler) return; // one per process, also across hot reloads
  const schedule = () => {
    flag.__purgeScheduler = setTimeout(async () => {
      const counts = await runScheduledPurge();
      if (counts) {
        console.log(
          `[purge] purge_old_activity_logs(): ${counts.userLogs} user, ${counts.agentLogs} agent, ${counts.errorLogs} error log rows deleted`,
        );
      }
      schedule();
    }, msUntilNextRun(new Date()));
    // Never keep the process alive for the timer alone.
    flag.__purgeScheduler.unref?.();
  };
  schedule();
}
