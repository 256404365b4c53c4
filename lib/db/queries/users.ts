/**
 * Reads of public.profiles. Every function takes the viewer's transaction first (withViewer), so
 * RLS decides which rows exist: a user sees their own row, managers and admins all rows
 * (the profiles policies in supabase/migrations/20251125000005_identity.sql). The explicit filters are added as well (docs/access-model.md#policies-written-for-speed).
 */
import "server-only";
import { and, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, likePattern, planKeysetPage, type KeysetPage, type KeysetSort } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import { profiles } from "@/lib/db/schema/profiles";
import { decodeCursor } from "@/lib/validation/data-table";
import type { UserRole, UserSortKey, UsersFilter, UsersTableQuery } from "@/lib/validation/users";

export type UserRow = {
  id: string;
  email: string;
  username: string;
  name: string | null;
  role: UserRole;
  createdAt: Date;
};

/** The viewer's own role, or null when their profile is missing (or hidden by RLS). */
export async function getProfileRole(tx: Tx, userId: string): Promise<UserRole | null> {
  const [row] = await tx
    .select({ role: profiles.role })
    .from(profiles)
    .where(eq(profiles.id, userId))
    .limit(1);
  return row?.role ?? null;
}

/** The email of a profile the viewer may see; null if unknown or hidden by RLS. */
export async function getUserEmail(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ email: profiles.email }).from(profiles).where(eq(profiles.id, userId)).limit(1);
  return row?.email ?? null;
}

/**
 * The whitelist of sort keys (docs/style.md#the-url-is-the-table-state). Each expression is non-null (keyset comparisons with
 * NULL would drop rows). created: idx_profiles_created ("createdAt" desc, id desc); email:
 * the unique index.
 */
const SORTS: Record<UserSortKey, KeysetSort> = {
  created: { expr: sql`${profiles.createdAt}`, type: "timestamptz" },
  email: { expr: sql`${profiles.email}`, type: "text" },
  username: { expr: sql`${profiles.username}`, type: "text" },
  name: { expr: sql`coalesce(${profiles.name}, '')`, type: "text" },
  role: { expr: sql`${profiles.role}`, type: `public."UserRole"` },
};

/** Days are whole days in UTC: `to` includes the whole day. */
function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
function nextDayStart(day: string): Date {
  const d = dayStart(day);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function filterConditions(f: Partial<UsersFilter>, opts: { withRole: boolean }): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.q) {
    const p = likePattern(f.q);
    parts.push(or(ilike(profiles.email, p), ilike(profiles.name, p), ilike(profiles.username, p)));
  }
  if (opts.withRole && f.role && f.role.length > 0) parts.push(inArray(profiles.role, f.role));
  if (f.from) parts.push(gte(profiles.createdAt, dayStart(f.from)));
  if (f.to) parts.push(lt(profiles.createdAt, nextDayStart(f.to)));
  return and(...parts);
}

const userColumns = {
  id: profiles.id,
  email: profiles.email,
  username: profiles.username,
  name: profiles.name,
  role: profiles.role,
  createdAt: profiles.createdAt,
};

/** One page of profiles for /admin/users, sorted and filtered as the URL says. */
export async function listUsers(tx: Tx, q: UsersTableQuery): Promise<KeysetPage<UserRow>> {
  const sort = SORTS[q.sort.key];
  const plan = planKeysetPage({ sort, id: sql`${profiles.id}`, dir: q.sort.dir, cursor: q.cursor, size: q.size });
  const fetched = await tx
    .select({ ...userColumns, cursorValue: sql<string | null>`(${sort.expr})::text` })
    .from(profiles)
    .where(and(filterConditions(q, { withRole: true }), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = finishKeysetPage(fetched, plan, q.cursor, q.size);
  return { ...page, rows: page.rows.map(({ cursorValue: _c, ...row }) => row) };
}

/**
 * Counts per role for the faceted filter, under the other filters (not the role filter itself,
 * so every option shows what choosing it would give).
 */
export async function countUsersByRole(tx: Tx, f: UsersFilter): Promise<Record<UserRole, number>> {
  const rows = await tx
    .select({ role: profiles.role, count: sql<number>`count(*)::int` })
    .from(profiles)
    .where(filterConditions(f, { withRole: false }))
    .groupBy(profiles.role);
  const counts: Record<UserRole, number> = { PENDING: 0, USER: 0, MANAGER: 0, ADMIN: 0 };
  for (const r of rows) counts[r.role] = Number(r.count);
  return counts;
}

/** How many profiles (that the viewer can see) have this role. */
export async function countUsersWithRole(tx: Tx, role: UserRole): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(profiles)
    .where(eq(profiles.role, role));
  return Number(row?.count ?? 0);
}

/**
 * Every profile matching the filter, in the table's order, in batches of `batch` rows read by
 * keyset (the CSV export). Each batch is its own short transaction, so a long export holds no
 * transaction open.
 */
export async function* iterateUsers(
  runAsViewer: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  q: Omit<UsersTableQuery, "cursor" | "size" | "page">,
  batch = 1000,
): AsyncGenerator<UserRow[]> {
  let cursor: UsersTableQuery["cursor"] = null;
  for (;;) {
    const page: KeysetPage<UserRow> = await runAsViewer((tx) =>
      listUsers(tx, { ...q, cursor, size: batch, page: 1 }),
    );
    if (page.rows.length > 0) yield page.rows;
    if (!page.nextCursor) return;
    const next = decodeCursor(page.nextCursor);
    if (!next) return;
    cursor = { dir: "after", ...next };
  }
}

export type AuthUserDetails = { lastSignInAt: string | null; bannedUntil: string | null };

/**
 * Last sign-in and ban from auth.users for one page of user ids (admin_auth_user_details():
 * admins get the rows, anyone else an empty map).
 */
export async function authUserDetails(tx: Tx, ids: string[]): Promise<Map<string, AuthUserDetails>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.execute(sql`
    select id::text as id, last_sign_in_at::text as last_sign_in_at, banned_until::text as banned_until
    from public.admin_auth_user_details(${`{${ids.join(",")}}`}::uuid[])`);
  const iso = (v: unknown) => (v == null ? null : new Date(String(v)).toISOString());
  return new Map(rows.map((r) => [r.id as string, { lastSignInAt: iso(r.last_sign_in_at), bannedUntil: iso(r.banned_until) }]));
}
