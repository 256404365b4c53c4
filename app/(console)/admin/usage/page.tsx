import Link from "next/link";
import { HorizontalBars } from "@/components/charts/usage-charts";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { UsageOverTime } from "@/components/usage/usage-charts-section";
import { ActivityFeed, ChartCard, CostCell, NumbersTable, SessionsPanel, TotalsCards, UnpricedMarker } from "@/components/usage/usage-parts";
import { UsageToolbar } from "@/components/usage/usage-toolbar";
import { requireRole } from "@/lib/auth/viewer";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatDurationShort, formatInt, formatUsdFixed } from "@/lib/format";
import { businessTimeZone } from "@/lib/usage/business-time-zone";
import { viewerTimeZone } from "@/lib/time-zone";
import { loadAdminUsagePage } from "@/lib/usage/dashboard";
import { RANGE_LABELS, usageHref, usageParams, usageUrlState } from "@/lib/validation/usage";

export const metadata = { title: "Usage" };

export default async function AdminUsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRole("ADMIN");
  const params = usageParams.parse(await searchParams);
  const business = await guardDatabase(() => withViewer(viewer, (tx) => businessTimeZone(tx)));
  const zone = await viewerTimeZone(params.tz, business);
  const tz = zone.tz;

  const { dash, sessions, drafts, activity, labels } = await guardDatabase(() => loadAdminUsagePage(viewer, params, tz));
  const { range } = dash;

  const state = usageUrlState(params);
  const exportHref = (chart: string) => usageHref("/admin/usage/export", { ...state, tz, chart });
  const tzNote = zone.source === "browser" ? " (your browser's zone)" : business && tz === business ? " (business time zone)" : "";
  const tzOptions = [...new Set([tz, "UTC", ...(business ? [business] : [])])].map((z) => ({ value: z, label: z === business ? `${z} (business)` : z === tz && zone.source === "browser" ? `${z} (browser)` : z }));
  const rangeText = range.firstDay === range.lastDay ? range.firstDay : `${range.firstDay} – ${range.lastDay}`;
  const labelOf = (k: string | null) => (k === null ? "(none)" : dash.group === "user" ? (labels[k] ?? k) : k);
  const filteredUser = params.user ? (labels[params.user] ?? params.user) : null;

  return (
    <>
      <PageHeader
        title="Usage and cost"
        description={
          <>
            {RANGE_LABELS[params.range]}: {rangeText} in {tz}. Read from rollups (exact; kept by triggers), queries took{" "}
            {formatDurationShort(dash.dbMs)}.
          </>
        }
      />
      <UsageToolbar
        range={params.range}
        from={params.from ?? range.firstDay}
        to={params.to ?? range.lastDay}
        group={params.group}
        tz={tz}
        tzOptions={tzOptions}
      />
      {filteredUser ? (
        <p className="mb-4 flex items-center gap-2 text-sm" role="status">
          Showing one user: <Badge tone="blue">{filteredUser}</Badge>
          <Link className="text-xs font-medium text-brand-700 underline" href={usageHref("/admin/usage", { ...state, user: undefined })}>
            Show all users
          </Link>
        </p>
      ) : null}

      <TotalsCards totals={dash.totals} previous={dash.previous} previousLabel={`the previous ${params.range === "24h" ? "24 hours" : "period of the same length"}`} />

      <UsageOverTime
        series={dash.series}
        tz={tz}
        bucket={range.bucket}
        group={params.group}
        labelOf={labelOf}
        exportHref={exportHref}
        tzNote={tzNote}
      />

      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        <ChartCard
          title="Cost by model"
          note={<>{rangeText} in {tz}. Unpriced models show their tokens, not $0.</>}
          exportHref={exportHref("models")}
          table={
            <NumbersTable
              label="Cost by model"
              columns={[
                { id: "m", header: "Model", align: "left" },
                { id: "c", header: "Calls" },
                { id: "i", header: "Input tokens" },
                { id: "o", header: "Output tokens" },
                { id: "cost", header: "Cost" },
              ]}
              rows={dash.byModel.map((m) => ({
                id: m.key ?? "(none)",
                cells: [
                  m.label,
                  formatInt(m.calls),
                  formatInt(m.inputTokens),
                  formatInt(m.outputTokens),
                  m.cost === 0 && m.unpricedCalls > 0 ? (
                    <UnpricedMarker key="u" calls={m.unpricedCalls} tokens={m.unpricedTokens} />
                  ) : (
                    <CostCell key="c" row={m} />
                  ),
                ],
              }))}
            />
          }
        >
          <HorizontalBars ariaLabel="Cost by model" format="usd" data={dash.byModel.map((m) => ({ label: m.cost === 0 && m.unpricedCalls > 0 ? `${m.label} (unpriced)` : m.label, value: m.cost }))} />
        </ChartCard>

        <ChartCard
          title="Top users by cost"
          note={<>{rangeText} in {tz}. The ten highest; the CSV has every user.</>}
          exportHref={exportHref("users")}
          table={
            <NumbersTable
              label="Top users by cost"
              columns={[
                { id: "u", header: "User", align: "left" },
                { id: "c", header: "Calls" },
                { id: "t", header: "Tokens" },
                { id: "cost", header: "Cost" },
                { id: "f", header: "" },
              ]}
              rows={(dash.topUsers ?? []).map((u) => ({
                id: u.key ?? "(none)",
                cells: [
                  u.label,
                  formatInt(u.calls),
                  formatInt(u.totalTokens),
                  <CostCell key="c" row={u} />,
                  u.key ? (
                    <Link key="f" className="text-brand-700 underline" href={usageHref("/admin/usage", { ...state, user: u.key })}>
                      Filter<span className="sr-only"> to {u.label}</span>
                    </Link>
                  ) : null,
                ],
              }))}
            />
          }
        >
          <HorizontalBars ariaLabel="Top users by cost" format="usd" color="#8b5cf6" data={(dash.topUsers ?? []).map((u) => ({ label: u.label, value: u.cost }))} />
        </ChartCard>

        <SessionsPanel
          summary={sessions.summary}
          drafts={drafts}
          byUser={
            params.user ? null : (
              <details className="mt-4 border-t border-zinc-100 pt-2">
                <summary className="cursor-pointer text-xs font-medium text-zinc-600">Sessions by user (top {sessions.byUser.length})</summary>
                <NumbersTable
                  label="Sessions by user"
                  columns={[
                    { id: "u", header: "User", align: "left" },
                    { id: "s", header: "Sessions" },
                    { id: "f", header: "Finalized" },
                    { id: "a", header: "Active" },
                    { id: "e", header: "Error" },
                    { id: "c", header: "LLM cost" },
                  ]}
                  rows={sessions.byUser.map((s) => ({
                    id: s.userId,
                    cells: [
                      <Link key="u" className="text-brand-700 underline" href={usageHref("/admin/usage", { ...state, user: s.userId })}>
                        {labels[s.userId] ?? s.userId}
                      </Link>,
                      formatInt(s.totalSessions),
                      formatInt(s.finalized),
                      formatInt(s.active),
                      formatInt(s.error),
                      formatUsdFixed(s.llmCostUsd),
                    ],
                  }))}
                />
              </details>
            )
          }
        />
        <ActivityFeed events={activity} tz={tz} userLabel={(id) => labels[id] ?? null} />
      </div>
    </>
  );
}
