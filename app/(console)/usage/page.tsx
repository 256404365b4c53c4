import { ComingSoon } from "@/components/shell/coming-soon";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata = { title: "My usage" };

export default async function UsagePage() {
  await requireViewer();
  return (
    <ComingSoon
      title="My usage"
      description="Your token usage and cost."
      planned="Charts of your token usage and cost over time, with the numbers behind them, will be shown here."
    />
  );
}
