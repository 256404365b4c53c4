import { ComingSoon } from "@/components/shell/coming-soon";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata = { title: "Chats" };

export default async function ChatsPage() {
  await requireViewer();
  return (
    <ComingSoon
      title="Chats"
      description="Your conversations with the assistant."
      planned="Your chats with their messages, votes and cost per conversation will be listed here."
    />
  );
}
