import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Bonus windows" };

export default async function AdminBonusWindowsPage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Bonus windows"
      description="Bonus windows."
      planned="Bonus windows will be created and managed here."
    />
  );
}
