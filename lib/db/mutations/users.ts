/**
 * Writes to public.profiles, run in the acting admin's transaction (withViewer). RLS ("Admins can
 * update all profiles") decides whose row may change and the protect_profile_columns trigger
 * refuses a role change by anyone but an admin: the code does not bypass either.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { profiles } from "@/lib/db/schema/profiles";
import type { UserRole } from "@/lib/validation/users";

/** Sets a profile's role. Null when no row was updated (unknown id, or RLS hid it). */
export async function updateUserRole(
  tx: Tx,
  input: { userId: string; role: UserRole },
): Promise<{ id: string; email: string; role: UserRole } | null> {
  const [row] = await tx
    .update(profiles)
    .set({ role: input.role, updatedAt: sql`now()` })
    .where(eq(profiles.id, input.userId))
    .returning({ id: profiles.id, email: profiles.email, role: profiles.role });
  return row ?? null;
}

/** Approves PENDING accounts (role USER). Accounts that are no longer pending are left alone. */
export async function approvePendingUsers(tx: Tx, userIds: string[]): Promise<{ id: string; email: string }[]> {
  return tx
    .update(profiles)
    .set({ role: "USER", updatedAt: sql`now()` })
    .where(and(inArray(profiles.id, userIds), eq(profiles.role, "PENDING")))
    .returning({ id: profiles.id, email: profiles.email });
}
