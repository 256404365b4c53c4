import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Settings" };

export default async function AdminSettingsPage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Settings"
      description="App, logging and system settings."
      planned="Application, logging and system settings will be edited here."
    />
  );
}
