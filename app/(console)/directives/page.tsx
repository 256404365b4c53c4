import { ComingSoon } from "@/components/shell/coming-soon";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata = { title: "Directives" };

export default async function DirectivesPage() {
  await requireViewer();
  return (
    <ComingSoon
      title="Directives"
      description="The directive registry."
      planned="Directives, their versions and your runs will be listed here."
    />
  );
}
