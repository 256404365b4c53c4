/**
 * The app's sign-in and sign-up limits (issue 16, item 3), kept in Postgres so that they hold on
 * hosted Supabase and across app instances: per client IP, per account and IP with backoff, and
 * sign-ups per IP. The rules and the reasons are in
 * supabase/migrations/20251125001800_sign_in_limits.sql.
 *
 * These calls run on the app's pool as its own login, outside withViewer: there is no person
 * yet, and the functions are granted to that login only, never to `anon` (which anyone with the
 * public anon key could use through Supabase's Data API, choosing the address).
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/run-as";

export type LimitVerdict = { ok: true } | { ok: false; waitSeconds: number };

/** What the Auth API's answer said about the password (see settle_sign_in_attempt). */
export type SignInOutcome = "failed" | "succeeded" | "unchecked";

async function scalar(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const rows = (await db.execute(query)) as unknown as Record<string, unknown>[];
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

const verdict = (wait: number): LimitVerdict => (wait > 0 ? { ok: false, waitSeconds: wait } : { ok: true });

/** Takes a sign-in attempt for `email` from `ip` (counted as failed until settled), or says how long to wait. */
export async function takeSignInAttempt(db: Db, email: string, ip: string | null): Promise<LimitVerdict> {
  return verdict(await scalar(db, sql`select public.take_sign_in_attempt(${email}, ${ip}) as wait`));
}

export async function settleSignInAttempt(db: Db, email: string, ip: string | null, outcome: SignInOutcome): Promise<void> {
  if (outcome === "failed") return; // already counted when taken
  await db.execute(sql`select public.settle_sign_in_attempt(${email}, ${ip}, ${outcome})`);
}

/** Takes a sign-up attempt from `ip`, or says how long to wait. */
export async function takeSignUpAttempt(db: Db, ip: string | null): Promise<LimitVerdict> {
  return verdict(await scalar(db, sql`select public.take_sign_up_attempt(${ip}) as wait`));
}

/** Gives a sign-up attempt back (the Auth API gave no answer). */
export async function returnSignUpAttempt(db: Db, ip: string | null): Promise<void> {
  await db.execute(sql`select public.return_sign_up_attempt(${ip})`);
}

/** "in 32 seconds", "in 1 minute", "in 15 minutes": rounded up, never "in 0". */
export function inWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `in ${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  return `in ${m} minute${m === 1 ? "" : "s"}`;
}

export const tooManySignInsMessage = (waitSeconds: number) => `Too many attempts. Try again ${inWords(waitSeconds)}.`;
export const tooManySignUpsMessage = (waitSeconds: number) =>
  `Too many accounts were requested from your network. Try again ${inWords(waitSeconds)}.`;
