import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Activity" };

export default async function AdminActivityPage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Activity"
      description="User and agent activity."
      planned="User and agent activity logs will be listed here."
    />
  );
}
