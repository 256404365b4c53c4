import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Usage" };

export default async function AdminUsagePage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Usage"
      description="Usage and cost across the platform."
      planned="Usage and cost charts across all users, with the numbers behind them, will be shown here."
    />
  );
}
