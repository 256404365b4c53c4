import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { listBonusWindows } from "@/lib/db/queries/bonus";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { BonusWindowsManager } from "./_components/bonus-windows-manager";

export const metadata = { title: "Bonus windows" };

export default async function AdminBonusWindowsPage() {
  const viewer = await requireRole("ADMIN");
  const windows = await guardDatabase(() => withViewer(viewer, (tx) => listBonusWindows(tx)));
  return (
    <>
      <PageHeader
        title="Bonus windows"
        description="Periods in which people earn a bonus by creating tasks and feedback. Tier 1 and tier 2 each need every enabled target met; a target of 0 disables that metric."
      />
      <BonusWindowsManager windows={windows} now={Date.now()} />
    </>
  );
}
