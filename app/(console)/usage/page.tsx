import { HorizontalBars } from "@/components/charts/usage-charts";
import { PageHeader } from "@/components/ui/page-header";
import { UsageOverTime } from "@/components/usage/usage-charts-section";
import { ActivityFeed, ChartCard, NumbersTable, SessionsPanel, TotalsCards } from "@/components/usage/usage-parts";
import { UsageToolbar } from "@/components/usage/usage-toolbar";
import { requireViewer } from "@/lib/auth/viewer";
import { draftStats, ownUsageSummary, recentActivity, sessionsPanel } from "@/lib/db/queries/usage";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatInt, formatUsdFixed } from "@/lib/format";
import { viewerTimeZone } from "@/lib/time-zone";
import { loadUsageDashboard } from "@/lib/usage/dashboard";
import { RANGE_LABELS, usageHref, usageParams, usageUrlState, type UsageGroup } from "@/lib/validation/usage";

export const metadata = { title: "My usage" };

const OWN_GROUPS: readonly UsageGroup[] = ["agent", "model", "provider"];

/**
 * Every signed-in user's own usage. No user filter: get_current_user_usage_summary() and
 * usage_series() run as the viewer, and RLS leaves only their rows (an admin sees their own
 * here too: the summary filters on auth.uid(), the series on the user id).
 */
export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const parsed = usageParams.parse(await searchParams);
  const params = { ...parsed, user: viewer.id, group: OWN_GROUPS.includes(parsed.group) ? parsed.group : ("agent" as const) };
  const zone = await viewerTimeZone(parsed.tz);
  const tz = zone.tz;

  const dash = await guardDatabase(() => loadUsageDashboard(viewer, params, tz, { topUsers: false }));
  const { range } = dash;
  const [summary, sessions, drafts, activity] = await guardDatabase(() =>
    Promise.all([
      withViewer(viewer, (tx) => ownUsageSummary(tx, range.firstDay, range.lastDay)),
      withViewer(viewer, (tx) => sessionsPanel(tx, viewer.id)),
      withViewer(viewer, (tx) => draftStats(tx, viewer.id)),
      withViewer(viewer, (tx) => recentActivity(tx, viewer.id)),
    ]),
  );

  const state = usageUrlState({ ...params, user: undefined });
  const exportHref = (chart: string) => usageHref("/usage/export", { ...state, tz, chart });
  const tzNote = zone.source === "browser" ? " (your browser's zone)" : "";
  const tzOptions = [...new Set([tz, "UTC"])].map((z) => ({ value: z, label: z === tz && zone.source === "browser" ? `${z} (browser)` : z }));
  const rangeText = range.firstDay === range.lastDay ? range.firstDay : `${range.firstDay} – ${range.lastDay}`;

  return (
    <>
      <PageHeader
        title="My usage"
        description={
          <>
            {RANGE_LABELS[params.range]}: {rangeText} in {tz}. Only your own calls.
          </>
        }
      />
      <UsageToolbar
        range={params.range}
        from={params.from ?? range.firstDay}
        to={params.to ?? range.lastDay}
        group={params.group}
        groups={OWN_GROUPS}
        tz={tz}
        tzOptions={tzOptions}
      />

      <TotalsCards totals={dash.totals} previous={dash.previous} previousLabel="the previous period of the same length" />

      <div className="mb-4">
        <ChartCard
          title="By agent (usage summary)"
          note={
            <>
              From get_current_user_usage_summary for {range.firstDay} – {range.lastDay} (its days are UTC days): {formatInt(summary.totalCalls)} calls,{" "}
              {formatInt(summary.totalTokens)} tokens, {formatUsdFixed(summary.totalCost)} recorded cost.
            </>
          }
          table={
            <NumbersTable
              label="Usage summary by agent"
              columns={[
                { id: "a", header: "Agent", align: "left" },
                { id: "c", header: "Calls" },
                { id: "i", header: "Input tokens" },
                { id: "o", header: "Output tokens" },
                { id: "t", header: "Total tokens" },
                { id: "cost", header: "Recorded cost" },
              ]}
              rows={summary.agents.map((a) => ({
                id: a.agent,
                cells: [a.agent, formatInt(a.calls), formatInt(a.inputTokens), formatInt(a.outputTokens), formatInt(a.totalTokens), formatUsdFixed(a.cost)],
              }))}
            />
          }
        >
          <HorizontalBars ariaLabel="Recorded cost by agent" format="usd" data={summary.agents.map((a) => ({ label: a.agent, value: a.cost }))} />
        </ChartCard>
      </div>

      <UsageOverTime
        series={dash.series}
        tz={tz}
        bucket={range.bucket}
        group={params.group}
        labelOf={(k) => k ?? "(none)"}
        exportHref={exportHref}
        tzNote={tzNote}
      />

      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        <SessionsPanel summary={sessions.summary} drafts={drafts} />
        <ActivityFeed events={activity} tz={tz} />
      </div>
    </>
  );
}
