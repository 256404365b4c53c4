import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { listRevisions, listSystemSettings } from "@/lib/db/queries/config";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { ConfigHistory } from "../_config/config-history";
import { SettingsList } from "./_components/settings-list";

export const metadata = { title: "Settings" };

export default async function AdminSettingsPage() {
  const viewer = await requireRole("ADMIN");
  const { settings, history } = await guardDatabase(() =>
    withViewer(viewer, async (tx) => ({
      // Secrets are masked in this query, on the server: the full value never reaches the page.
      settings: await listSystemSettings(tx),
      history: await listRevisions(tx, { table: "system_settings", limit: 100 }),
    })),
  );
  return (
    <>
      <PageHeader title="Settings" description="System settings of the operations tools (seed 004). Secret values are masked and only replaced when you type a new one." />
      <div className="space-y-6">
        <SettingsList settings={settings} />
        <ConfigHistory title="Settings history" revisions={history} versions={Object.fromEntries(settings.map((s) => [s.key, s.version]))} />
      </div>
    </>
  );
}
