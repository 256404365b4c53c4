import { ComingSoon } from "@/components/shell/coming-soon";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata = { title: "Sessions" };

export default async function SessionsPage() {
  await requireViewer();
  return (
    <ComingSoon
      title="Sessions"
      description="Code-generation sessions."
      planned="Your code-generation sessions with their revisions, drafts, hole resolutions and statistics will be listed here."
    />
  );
}
