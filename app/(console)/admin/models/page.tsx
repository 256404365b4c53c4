import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { listModels, listRevisions, listUnpricedUsage, usageByModelLast30Days } from "@/lib/db/queries/config";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { modelsTableParams, type ModelSortKey } from "@/lib/validation/admin-config";
import { ConfigHistory } from "../_config/config-history";
import { AddModelButton } from "./_components/model-form";
import { ModelsTable, type ModelTableRow } from "./_components/models-table";
import { UnpricedUsage } from "./_components/unpriced-usage";

export const metadata = { title: "Models" };

const SORT: Record<ModelSortKey, (a: ModelTableRow, b: ModelTableRow) => number> = {
  provider: (a, b) => a.provider.localeCompare(b.provider) || Number(b.isDefault) - Number(a.isDefault) || a.modelId.localeCompare(b.modelId),
  name: (a, b) => a.name.localeCompare(b.name),
  input: (a, b) => Number(a.inputPrice) - Number(b.inputPrice),
  output: (a, b) => Number(a.outputPrice) - Number(b.outputPrice),
  tokens: (a, b) => a.usage.inputTokens + a.usage.outputTokens - (b.usage.inputTokens + b.usage.outputTokens),
};

export default async function AdminModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRole("ADMIN");
  const query = modelsTableParams.parse(await searchParams);
  const { models, usage, history } = await guardDatabase(() =>
    withViewer(viewer, async (tx) => ({
      models: await listModels(tx),
      usage: await usageByModelLast30Days(tx),
      history: await listRevisions(tx, { table: "model_config", limit: 100 }),
    })),
  );
  const unpriced = listUnpricedUsage(usage, models);

  const empty = { calls: 0, inputTokens: 0, outputTokens: 0, recordedCost: 0, costCalls: 0, uncostedInputTokens: 0, uncostedOutputTokens: 0, uncostedCalls: 0 };
  const usageOf = (modelId: string) => {
    const u = usage.filter((x) => x.modelUsed === modelId);
    return u.reduce(
      (s, x) => ({
        calls: s.calls + x.calls,
        inputTokens: s.inputTokens + x.inputTokens,
        outputTokens: s.outputTokens + x.outputTokens,
        recordedCost: s.recordedCost + x.recordedCost,
        costCalls: s.costCalls + x.costCalls,
        uncostedInputTokens: s.uncostedInputTokens + x.uncostedInputTokens,
        uncostedOutputTokens: s.uncostedOutputTokens + x.uncostedOutputTokens,
        uncostedCalls: s.uncostedCalls + x.uncostedCalls,
      }),
      empty,
    );
  };
  const all: ModelTableRow[] = models.map((m) => ({ ...m, usage: usageOf(m.modelId) }));
  const q = query.q.toLowerCase();
  const rows = all
    .filter((m) => query.provider.length === 0 || query.provider.includes(m.provider))
    .filter(
      (m) =>
        query.status.length === 0 ||
        query.status.some((s) => (s === "active" ? m.isActive : s === "inactive" ? !m.isActive : m.isDefault)),
    )
    .filter((m) => !q || m.modelId.toLowerCase().includes(q) || m.name.toLowerCase().includes(q))
    .sort((a, b) => SORT[query.sort.key](a, b) * (query.sort.dir === "asc" ? 1 : -1));
  const providerCounts: Record<string, number> = {};
  for (const m of all) providerCounts[m.provider] = (providerCounts[m.provider] ?? 0) + 1;

  return (
    <>
      <PageHeader
        title="Models"
        description="LLM models, their prices per million tokens and one default per provider. Changes apply without a deploy."
        actions={<AddModelButton />}
      />
      <div className="space-y-6">
        <UnpricedUsage rows={unpriced} />
        <ModelsTable rows={rows} sort={query.sort} providerCounts={providerCounts} />
        <ConfigHistory
          title="Model history"
          revisions={history}
          versions={Object.fromEntries(models.map((m) => [m.id, m.version]))}
        />
      </div>
    </>
  );
}
