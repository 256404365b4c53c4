import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { listAdminConfigs, listRevisions } from "@/lib/db/queries/config";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { AGENT_LABELS, AGENT_TYPES, agentConfigKey, PROVIDERS } from "@/lib/validation/admin-config";
import { firstParam } from "@/lib/validation/data-table";
import { ConfigHistory } from "../_config/config-history";
import { AgentCard } from "./_components/agent-card";
import { AppSettingsForm, LoggingSettingsForm } from "./_components/settings-forms";

export const metadata = { title: "Agents" };

export default async function AdminAgentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRole("ADMIN");
  const sp = await searchParams;
  const { configs, history } = await guardDatabase(() =>
    withViewer(viewer, async (tx) => ({
      configs: await listAdminConfigs(tx),
      history: await listRevisions(tx, { table: "admin_config", limit: 100 }),
    })),
  );
  const byKey = new Map(configs.map((c) => [c.configKey, c]));
  const app = byKey.get("app_settings");
  const logging = byKey.get("logging_settings");
  const active = typeof app?.configData.activeProvider === "string" ? app.configData.activeProvider : "google";
  const available = Array.isArray(app?.configData.availableProviders) ? (app.configData.availableProviders as string[]) : [active];
  // Providers with agent configs, the active one first; the URL picks which one is shown.
  const withConfigs = (PROVIDERS as readonly string[]).filter((p) => AGENT_TYPES.some((a) => byKey.has(agentConfigKey(a, p))));
  const tabs = [...new Set([active, ...available, ...withConfigs])];
  const wanted = firstParam(sp.provider);
  const provider = wanted && tabs.includes(wanted) ? wanted : active;
  const row = (key: string) => {
    const c = byKey.get(key);
    return c ? { configKey: c.configKey, data: c.configData, version: c.version, defaultData: c.defaultData } : null;
  };

  return (
    <>
      <PageHeader title="Agents" description="Agent configurations per provider, app settings and logging settings. Saved changes apply without a deploy." />
      <div className="space-y-6">
        <nav aria-label="Provider" className="flex flex-wrap gap-1 border-b border-zinc-200">
          {tabs.map((p) => (
            <Link
              key={p}
              href={`/admin/agents?provider=${encodeURIComponent(p)}`}
              aria-current={p === provider ? "page" : undefined}
              className={cn(
                "-mb-px border-b-2 px-3 py-2 text-sm",
                p === provider ? "border-zinc-900 font-medium text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-900",
              )}
            >
              {p}
              {p === active ? <span className="ml-1 text-xs text-emerald-700">(active)</span> : null}
            </Link>
          ))}
        </nav>
        <div className="grid gap-4 xl:grid-cols-2">
          {AGENT_TYPES.map((a) => {
            const r = row(agentConfigKey(a, provider));
            return r ? (
              <AgentCard key={`${r.configKey}`} row={r} title={AGENT_LABELS[a]} />
            ) : (
              <div key={a} className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500">
                {AGENT_LABELS[a]}: no configuration for {provider} ({agentConfigKey(a, provider)}).
              </div>
            );
          })}
        </div>
        <div className="grid gap-4 xl:grid-cols-2">
          {app ? <AppSettingsForm row={row("app_settings")!} /> : null}
          {logging ? <LoggingSettingsForm row={row("logging_settings")!} /> : null}
        </div>
        <ConfigHistory
          title="Agent and settings history"
          revisions={history}
          versions={Object.fromEntries(configs.map((c) => [c.id, c.version]))}
        />
      </div>
    </>
  );
}
