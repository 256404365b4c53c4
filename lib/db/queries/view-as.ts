/** View as user (issue 4): the profile an admin wants to view the console as. */
import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import { profiles } from "@/lib/db/schema/profiles";
import type { UserRole } from "@/lib/validation/users";

/**
 * Read as the admin: RLS shows other people's profiles to admins and managers only, and the
 * caller asks only when the real viewer is ADMIN.
 */
export async function getViewAsTarget(tx: Tx, userId: string): Promise<{ id: string; email: string; role: UserRole } | null> {
  const [row] = await tx
    .select({ id: profiles.id, email: profiles.email, role: profiles.role })
    .from(profiles)
    .where(eq(profiles.id, userId))
    .limit(1);
  return row ?? null;
}
