import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import {
  getPurgePreview,
  listActivityVocabulary,
  listAgentActivity,
  listAgentModels,
  listUserActivity,
} from "@/lib/db/queries/activity-logs";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { agentActivityParams, userActivityParams } from "@/lib/validation/activity-logs";
import { ActivityTabs } from "./_components/activity-tabs";
import { AgentActivityTable } from "./_components/agent-activity-table";
import { RetentionPanel } from "./_components/retention-panel";
import { UserActivityTable } from "./_components/user-activity-table";

export const metadata = { title: "Activity" };

export default async function AdminActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRole("ADMIN");
  const raw = await searchParams;
  const tab = raw.tab === "agent" ? "agent" : "user";

  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const preview = await getPurgePreview(tx);
      if (tab === "agent") {
        const q = agentActivityParams.parse(raw);
        return { preview, agent: { q, page: await listAgentActivity(tx, q), models: await listAgentModels(tx) } } as const;
      }
      const q = userActivityParams.parse(raw);
      return { preview, user: { q, page: await listUserActivity(tx, q), vocab: await listActivityVocabulary(tx) } } as const;
    }),
  );

  return (
    <>
      <PageHeader
        title="Activity"
        description="What people did and what the agents did for them. Open a timeline to follow one action through every agent operation it caused."
      />
      <div className="space-y-4">
        <RetentionPanel preview={data.preview} />
        <ActivityTabs tab={tab} />
        {"agent" in data && data.agent ? (
          <AgentActivityTable
            rows={data.agent.page.rows}
            models={data.agent.models}
            sort={data.agent.q.sort}
            page={data.agent.q.page}
            size={data.agent.q.size}
            nextCursor={data.agent.page.nextCursor}
            prevCursor={data.agent.page.prevCursor}
          />
        ) : "user" in data && data.user ? (
          <UserActivityTable
            rows={data.user.page.rows}
            types={data.user.vocab.types}
            categories={data.user.vocab.categories}
            sort={data.user.q.sort}
            page={data.user.q.page}
            size={data.user.q.size}
            nextCursor={data.user.page.nextCursor}
            prevCursor={data.user.page.prevCursor}
          />
        ) : null}
      </div>
    </>
  );
}
