/**
 * The business time zone: system_settings key `business_time_zone` (admins set it in
 * /admin/settings; RLS lets only admins read system settings, so others get null).
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { isTimeZone } from "@/lib/validation/usage";

export const BUSINESS_TZ_KEY = "business_time_zone";

export async function businessTimeZone(tx: Tx): Promise<string | null> {
  const rows = await tx.execute(sql`select value from public.system_settings where key = ${BUSINESS_TZ_KEY}`);
  const v = rows[0]?.value as string | undefined;
  return v && isTimeZone(v) ? v : null;
}
