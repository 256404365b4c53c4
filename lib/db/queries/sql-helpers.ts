/**
 * Small helpers for the browse queries, which read with hand-written SQL through the viewer's
 * transaction (`tx.execute`). Timestamps are returned as ISO 8601 text (`to_json(ts)`), so they
 * keep microseconds and parse the same in every JavaScript runtime; numerics stay strings.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";

/** ISO 8601 text of a timestamptz expression (null stays null). */
export function iso(expr: SQL): SQL {
  return sql`(to_json(${expr}) #>> '{}')`;
}

export async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = await tx.execute(query);
  return [...(result as unknown as T[])];
}

export async function one<T>(tx: Tx, query: SQL): Promise<T | null> {
  const r = await rows<T>(tx, query);
  return r[0] ?? null;
}

/** Days are whole days in UTC: `to` includes the whole day. */
export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}
export function nextDayStart(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** A uuid test that never throws: a malformed id in the URL is a 404, not a 500. */
export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
