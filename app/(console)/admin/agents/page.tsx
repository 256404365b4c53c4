import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Agents" };

export default async function AdminAgentsPage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Agents"
      description="Agent configurations."
      planned="Agent configs (system prompts, rate limits, tools) will be listed and edited here."
    />
  );
}
