/**
 * Rate-limit headroom (issue 5): usage of the current calendar minute / hour / day (UTC) from
 * rate_limit_tracking against the effective perMinute / perHour / perDay of admin_config, via
 * public.rate_limit_headroom() (SECURITY INVOKER: RLS gives admins every user, a user their own
 * rows) and public.effective_rate_limits() (readable by every approved account: a user may know
 * their limits, not the rest of admin_config).
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";

export type EffectiveLimit = {
  agentType: string;
  perMinute: number;
  perHour: number;
  perDay: number;
  enabled: boolean;
  source: string;
};

export type HeadroomRow = {
  userId: string;
  userEmail: string | null;
  agentType: string;
  minuteUsed: number;
  hourUsed: number;
  dayUsed: number;
  perMinute: number;
  perHour: number;
  perDay: number;
  enabled: boolean;
  source: string;
  /** The highest used / limit of the three windows (1 = at the limit). */
  closeness: number;
};

export async function listEffectiveLimits(tx: Tx): Promise<EffectiveLimit[]> {
  const rows = (await tx.execute(sql`select * from public.effective_rate_limits()`)) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({
    agentType: String(r.agent_type),
    perMinute: Number(r.per_minute),
    perHour: Number(r.per_hour),
    perDay: Number(r.per_day),
    enabled: Boolean(r.enabled),
    source: String(r.source),
  }));
}

/** Everyone the viewer may see, closest to a limit first. */
export async function listHeadroom(tx: Tx, opts: { userId?: string; limit?: number } = {}): Promise<HeadroomRow[]> {
  const rows = (await tx.execute(sql`
    select h.*, p.email as user_email
      from public.rate_limit_headroom() h
      left join public.profiles p on p.id = h.user_id
     where ${opts.userId ? sql`h.user_id = ${opts.userId}::uuid` : sql`true`}
     order by h.closeness desc, h.day_used desc, p.email, h.agent_type
     limit ${opts.limit ?? 500}`)) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({
    userId: String(r.user_id),
    userEmail: (r.user_email as string | null) ?? null,
    agentType: String(r.agent_type),
    minuteUsed: Number(r.minute_used),
    hourUsed: Number(r.hour_used),
    dayUsed: Number(r.day_used),
    perMinute: Number(r.per_minute),
    perHour: Number(r.per_hour),
    perDay: Number(r.per_day),
    enabled: Boolean(r.enabled),
    source: String(r.source),
    closeness: Number(r.closeness),
  }));
}
