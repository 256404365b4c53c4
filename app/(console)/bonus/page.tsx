import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Bonus progress" };

export default async function BonusPage() {
  await requireRole("MANAGER", "ADMIN");
  return (
    <ComingSoon
      title="Bonus progress"
      description="Team progress in the bonus windows."
      planned="Who reached tier 1 or tier 2 in the current bonus window, and who is on pace, will be shown here."
    />
  );
}
