import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Rate limits" };

export default async function AdminRateLimitsPage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Rate limits"
      description="Rate-limit tracking."
      planned="Rate-limit counters per user and endpoint will be listed here."
    />
  );
}
