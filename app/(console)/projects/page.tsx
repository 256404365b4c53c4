import { ComingSoon } from "@/components/shell/coming-soon";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata = { title: "Projects" };

export default async function ProjectsPage() {
  await requireViewer();
  return (
    <ComingSoon
      title="Projects"
      description="Projects and their records."
      planned="Your projects and their data records will be listed here."
    />
  );
}
