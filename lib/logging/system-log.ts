/**
 * The system log writer (seed 001 logging tables; issues 4 and 5): the app's own activity and
 * server errors go to `user_activity_logs` and `error_logs` over the service connection, the one
 * place besides migrations and seeding that uses it.
 *
 * Writing a log never fails the user's request: every function here catches its own errors and
 * reports them on the server console only. The logging settings (`logging_settings` in
 * admin_config, read by `get_logging_config()`) decide what is written; they are cached for a few
 * seconds so that a busy page does not read them on every call.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { env } from "@/lib/env";

type LoggingConfig = {
  error_logging_enabled?: boolean;
  user_activity_logging_enabled?: boolean;
  category_toggles?: Record<string, boolean>;
};

/** Seed 001's activity categories and the logging_settings toggle that governs each. */
const CATEGORY_TOGGLE: Record<ActivityCategory, string> = {
  auth: "log_auth_events",
  chat: "log_chat_events",
  document: "log_document_events",
  admin: "log_admin_events",
  other: "",
};

export type ActivityCategory = "auth" | "chat" | "document" | "admin" | "other";

export type ActivityEntry = {
  userId: string;
  /** Seed 001 activity types, e.g. `auth_login`, `auth_logout`, `admin_config_update`. */
  activityType: string;
  activityCategory: ActivityCategory;
  metadata?: Record<string, unknown>;
  resourceId?: string | null;
  resourceType?: string | null;
  correlationId?: string;
  success?: boolean;
  errorMessage?: string | null;
  request?: RequestContext;
  /**
   * A security audit entry (an admin viewing the console as another user): written even when
   * user activity logging or its category is turned off.
   */
  audit?: boolean;
};

export type ErrorEntry = {
  userId?: string | null;
  errorType: string;
  errorCategory: string;
  message: string;
  details?: Record<string, unknown>;
  severity?: "info" | "warning" | "error" | "critical";
  request?: RequestContext;
};

export type RequestContext = {
  path?: string | null;
  method?: string | null;
  userAgent?: string | null;
  ip?: string | null;
  sessionId?: string | null;
};

const CONFIG_TTL_MS = 5_000;
const globalForLog = globalThis as unknown as {
  __systemLogSql?: postgres.Sql;
  __systemLogConfig?: { at: number; value: LoggingConfig };
};

function serviceSql(): postgres.Sql {
  globalForLog.__systemLogSql ??= postgres(env.serviceDatabaseUrl, {
    max: 2,
    idle_timeout: 30,
    connect_timeout: 5,
    prepare: false,
    onnotice: () => {},
  });
  return globalForLog.__systemLogSql;
}

async function loggingConfig(): Promise<LoggingConfig> {
  const cached = globalForLog.__systemLogConfig;
  if (cached && Date.now() - cached.at < CONFIG_TTL_MS) return cached.value;
  const [row] = await serviceSql()<{ config: LoggingConfig }[]>`select public.get_logging_config() as config`;
  const value = row?.config ?? {};
  globalForLog.__systemLogConfig = { at: Date.now(), value };
  return value;
}

/** Forget the cached settings (after an admin saves logging_settings in this process). */
export function invalidateLoggingConfig(): void {
  globalForLog.__systemLogConfig = undefined;
}

const clip = (s: string | null | undefined, n: number): string | null => (s == null ? null : s.slice(0, n));

/** Writes one `user_activity_logs` row when user activity logging and its category are on. */
export async function logActivity(entry: ActivityEntry): Promise<void> {
  try {
    if (!entry.audit) {
      const config = await loggingConfig();
      if (!config.user_activity_logging_enabled) return;
      const toggle = CATEGORY_TOGGLE[entry.activityCategory];
      if (toggle && config.category_toggles?.[toggle] === false) return;
    }
    const r = entry.request ?? {};
    await serviceSql()`
      insert into public.user_activity_logs
        (user_id, correlation_id, activity_type, activity_category, activity_metadata, resource_id,
         resource_type, ip_address, user_agent, request_path, request_method, session_id, success, error_message)
      values
        (${entry.userId}, ${entry.correlationId ?? randomUUID()}, ${clip(entry.activityType, 50)},
         ${entry.activityCategory}, ${serviceSql().json((entry.metadata ?? {}) as postgres.JSONValue)},
         ${entry.resourceId ?? null}, ${clip(entry.resourceType, 50)}, ${clip(r.ip, 45)}, ${r.userAgent ?? null},
         ${clip(r.path, 500)}, ${clip(r.method, 10)}, ${clip(r.sessionId, 100)}, ${entry.success ?? true},
         ${entry.errorMessage ?? null})`;
  } catch (e) {
    console.error("[system-log] could not write an activity log:", (e as Error).message);
  }
}

/** Writes one `error_logs` row when error logging is on. */
export async function logError(entry: ErrorEntry): Promise<void> {
  try {
    const config = await loggingConfig();
    if (config.error_logging_enabled === false) return;
    const r = entry.request ?? {};
    await serviceSql()`
      insert into public.error_logs
        (user_id, error_type, error_category, error_message, error_details, request_path, request_method,
         user_agent, ip_address, session_id, severity)
      values
        (${entry.userId ?? null}, ${clip(entry.errorType, 50)}, ${clip(entry.errorCategory, 100)},
         ${entry.message.slice(0, 10_000)}, ${entry.details ? serviceSql().json(entry.details as postgres.JSONValue) : null},
         ${clip(r.path, 500)}, ${clip(r.method, 10)}, ${r.userAgent ?? null}, ${clip(r.ip, 45)},
         ${clip(r.sessionId, 100)}, ${entry.severity ?? "error"})`;
  } catch (e) {
    console.error("[system-log] could not write an error log:", (e as Error).message);
  }
}

export type PurgeCounts = { userLogs: number; agentLogs: number; errorLogs: number };

/**
 * The scheduled retention purge (issue 5), as the system: purge_old_activity_logs() over the
 * service connection. Skipped when pg_cron is installed (on Supabase the cron job of migration
 * 20251125000050_errors_activity.sql runs it), and by every app instance but one at a time (an advisory lock), so
 * several instances never purge together. Never throws: returns null when it did not run.
 */
export async function runScheduledPurge(): Promise<PurgeCounts | null> {
  const r = await runScheduledJob("purge_old_activity_logs", (tx) =>
    tx<{ user_logs_deleted: string; agent_logs_deleted: string; error_logs_deleted: string }[]>`
      select * from public.purge_old_activity_logs()`,
  );
  if (!r) return null;
  const [row] = r;
  return { userLogs: Number(row.user_logs_deleted), agentLogs: Number(row.agent_logs_deleted), errorLogs: Number(row.error_logs_deleted) };
}

/**
 * The hourly fold of usage rollups' writer shards (migration 20251125001900_usage_rollup_writes.sql):
 * usage_rollup_compact(), as the purge is run: skipped under pg_cron (migration
 * 20251125002000_usage_rollup_compact_schedule.sql schedules it there), one instance at a time.
 * Returns the number of shard rows folded, or null when it did not run.
 */
export async function runScheduledRollupCompact(): Promise<number | null> {
  const r = await runScheduledJob("usage_rollup_compact", (tx) => tx<{ folded: string }[]>`select public.usage_rollup_compact() as folded`);
  return r ? Number(r[0].folded) : null;
}

/**
 * Runs `job` in one transaction as the system, unless pg_cron is installed (its own job runs it
 * there) or another app instance holds the job's advisory lock. Never throws: null when it did
 * not run or failed (the failure is logged to the console).
 */
async function runScheduledJob<T>(name: string, job: (tx: postgres.TransactionSql) => Promise<T>): Promise<T | null> {
  try {
    const sql = serviceSql();
    const [{ cron }] = await sql<{ cron: boolean }[]>`select exists (select 1 from pg_extension where extname = 'pg_cron') as cron`;
    if (cron) return null;
    let result: T | null = null;
    await sql.begin(async (tx) => {
      const [{ locked }] = await tx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`;
      if (locked) result = await job(tx);
    });
    return result;
  } catch (e) {
    console.error(`[system-log] scheduled ${name} failed:`, (e as Error).message);
    return null;
  }
}
