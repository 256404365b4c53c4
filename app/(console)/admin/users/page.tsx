import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { authUserDetails, countUsersByRole, listUsers } from "@/lib/db/queries/users";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { usersTableParams } from "@/lib/validation/users";
import { UsersTable } from "./_components/users-table";
import type { UserTableRow } from "./_components/columns";

export const metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRole("ADMIN");
  const query = usersTableParams.parse(await searchParams);

  // Sign-in details come from auth.users in the same transaction (one query for the page,
  // not one Auth API request per row).
  const { page, roleCounts, details } = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const page = await listUsers(tx, query);
      return { page, roleCounts: await countUsersByRole(tx, query), details: await authUserDetails(tx, page.rows.map((r) => r.id)) };
    }),
  );
  const now = Date.now();
  const rows: UserTableRow[] = page.rows.map((r) => {
    const d = details.get(r.id);
    return {
      ...r,
      createdAt: r.createdAt.toISOString(),
      lastSignInAt: d?.lastSignInAt ?? null,
      banned: d?.bannedUntil ? Date.parse(d.bannedUntil) > now : false,
    };
  });

  return (
    <>
      <PageHeader title="Users" description="Accounts, roles and approvals. Sign-in details come from Supabase Auth." />
      <UsersTable
        rows={rows}
        sort={query.sort}
        page={query.page}
        size={query.size}
        nextCursor={page.nextCursor}
        prevCursor={page.prevCursor}
        roleCounts={roleCounts}
        viewerId={viewer.id}
      />
    </>
  );
}
