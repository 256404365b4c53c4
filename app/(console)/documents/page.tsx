import { ComingSoon } from "@/components/shell/coming-soon";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata = { title: "Documents" };

export default async function DocumentsPage() {
  await requireViewer();
  return (
    <ComingSoon
      title="Documents"
      description="Documents written with the assistant."
      planned="Your documents with their versions, diffs between versions and suggestions will be listed here."
    />
  );
}
