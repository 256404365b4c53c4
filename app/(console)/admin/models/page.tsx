import { ComingSoon } from "@/components/shell/coming-soon";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Models" };

export default async function AdminModelsPage() {
  await requireRole("ADMIN");
  return (
    <ComingSoon
      title="Models"
      description="LLM model configurations."
      planned="Model configs (pricing, active flag, one default per provider) will be listed and edited here."
    />
  );
}
