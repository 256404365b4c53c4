import { ComingSoon } from "@/components/shell/coming-soon";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata = { title: "Contexts" };

export default async function ContextsPage() {
  await requireViewer();
  return (
    <ComingSoon
      title="Contexts"
      description="Contexts you built."
      planned="Your contexts with their messages, actions and previews will be listed here."
    />
  );
}
