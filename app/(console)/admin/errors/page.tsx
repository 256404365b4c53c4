import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Errors" };

export default async function AdminErrorsPage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Errors"
      description="Error logs."
      planned="Error logs will be listed here for triage and resolution."
    />
  );
}
