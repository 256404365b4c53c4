import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AwardIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { bonusProgress, listBonusWindows, type BonusProgressRow, type BonusWindowRow } from "@/lib/db/queries/bonus";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { findPeople, peoplePage, PEOPLE_PAGE_SIZE, topBy } from "@/lib/bonus/people-page";
import { formatCount, formatDayTimeUtc, formatInt } from "@/lib/format";
import { firstParam } from "@/lib/validation/data-table";
import { BonusChart } from "./_components/bonus-chart";
import { WindowPicker } from "./_components/window-picker";

export const metadata = { title: "Bonus progress" };

/** The window shown by default: the one running now, else the latest that started, else the next one. */
function defaultWindow(windows: BonusWindowRow[], now: number): BonusWindowRow | undefined {
  return (
    windows.find((w) => Date.parse(w.startTime) <= now && now < Date.parse(w.endTime)) ??
    windows.find((w) => Date.parse(w.startTime) <= now) ??
    windows[windows.length - 1]
  );
}

type Status = { label: string; tone: "green" | "blue" | "amber" | "red" | "neutral" };

function statusOf(r: BonusProgressRow, w: BonusWindowRow, now: number): Status {
  const tier2 = w.targetTaskCountTier2 > 0 || w.targetFeedbackCountTier2 > 0;
  if (now < Date.parse(w.startTime)) return { label: "Not started", tone: "neutral" };
  if (now >= Date.parse(w.endTime)) return r.tier > 0 ? { label: `Final: tier ${r.tier}`, tone: "green" } : { label: "Final: no tier", tone: "red" };
  if (r.tier === 2 || (r.tier === 1 && !tier2)) return { label: `Tier ${r.tier} reached`, tone: "green" };
  if ((r.projectedTier ?? 0) > r.tier) return { label: `On track for tier ${r.projectedTier}`, tone: "blue" };
  if (r.tier === 1) return { label: "Tier 1 reached, tier 2 at risk", tone: "amber" };
  return { label: "At risk", tone: "red" };
}

function Target({ count, t1, t2 }: { count: number; t1: number; t2: number }) {
  const targets = [t1 ? `T1 ${formatInt(t1)}` : null, t2 ? `T2 ${formatInt(t2)}` : null].filter(Boolean).join(" · ");
  return (
    <span className="whitespace-nowrap tabular-nums">
      <span className="font-medium text-zinc-900">{formatInt(count)}</span>
      <span className="ml-1 text-xs text-zinc-500">{targets ? `/ ${targets}` : "(no target)"}</span>
    </span>
  );
}

export default async function BonusPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const team = viewer.role === "MANAGER" || viewer.role === "ADMIN";
  const params = await searchParams;
  const requested = firstParam(params.window);
  const q = (firstParam(params.q) ?? "").slice(0, 200);
  const now = Date.now();

  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const windows = await listBonusWindows(tx);
      const chosen = (requested && windows.find((w) => w.id === requested)) || defaultWindow(windows, now);
      return { windows, chosen, rows: chosen ? await bonusProgress(tx, chosen.id, new Date(now)) : [] };
    }),
  );
  const { windows, chosen: w } = data;
  // Highest tier first, then most work done, as the charts: who is through, who is close, who is behind.
  const rows = [...data.rows].sort(
    (a, b) => (b.tier ?? 0) - (a.tier ?? 0) || b.taskCount + b.feedbackCount - (a.taskCount + a.feedbackCount) || (a.name ?? a.email).localeCompare(b.name ?? b.email),
  );

  const header = (
    <PageHeader
      title={team ? "Bonus progress" : "My bonus progress"}
      description={team ? "Tasks and feedback each person created in the window, against the tier targets." : "Your tasks and feedback in the window, against the tier targets."}
      actions={windows.length ? <WindowPicker windows={windows.map((x) => ({ id: x.id, name: x.name, startTime: x.startTime, endTime: x.endTime }))} value={w?.id ?? ""} now={now} /> : null}
    />
  );
  if (!w) {
    return (
      <>
        {header}
        <Card>
          <EmptyState icon={<AwardIcon size={28} />} title="No bonus windows yet">
            {viewer.role === "ADMIN" ? (
              <>
                Create one under <Link href="/admin/bonus-windows" className="underline">Admin › Bonus windows</Link>.
              </>
            ) : (
              "An admin has not set up a bonus window yet."
            )}
          </EmptyState>
        </Card>
      </>
    );
  }

  const reached2 = rows.filter((r) => r.tier === 2).length;
  const reached1 = rows.filter((r) => r.tier === 1).length;
  const atRisk = rows.filter((r) => ["red", "amber"].includes(statusOf(r, w, now).tone)).length;
  // The finder (and its `q`) only where there is more than a page of people to look through.
  const searchable = team && rows.length > PEOPLE_PAGE_SIZE;
  const found = searchable ? findPeople(rows, q) : rows;
  const shown = peoplePage(found, firstParam(params.page));
  const href = (page: number, query = searchable ? q : "") =>
    `/bonus?${new URLSearchParams({ window: w.id, ...(query ? { q: query } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  const elapsed = Math.min(1, Math.max(0, (now - Date.parse(w.startTime)) / (Date.parse(w.endTime) - Date.parse(w.startTime))));

  return (
    <>
      {header}
      <Card className="mb-4 p-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 className="text-base font-semibold text-zinc-900">{w.name}</h2>
            <p className="text-sm text-zinc-500">
              {formatDayTimeUtc(w.startTime)} → {formatDayTimeUtc(w.endTime)} · {Math.round(elapsed * 100)}% of the window elapsed · records count when start ≤ created &lt; end
            </p>
          </div>
          <dl className="flex gap-5 text-sm tabular-nums">
            <div>
              <dt className="text-zinc-500">Tier 1 targets</dt>
              <dd className="font-medium">
                {w.targetTaskCount || "off"} tasks · {w.targetFeedbackCount || "off"} feedback
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500">Tier 2 targets</dt>
              <dd className="font-medium">
                {w.targetTaskCountTier2 || "off"} tasks · {w.targetFeedbackCountTier2 || "off"} feedback
              </dd>
            </div>
          </dl>
        </div>
        {team ? (
          <div className="mt-3 flex flex-wrap gap-2 text-sm">
            <Badge tone="green">{formatInt(reached2)} at tier 2</Badge>
            <Badge tone="blue">{formatInt(reached1)} at tier 1</Badge>
            <Badge tone="red">{formatInt(atRisk)} at risk</Badge>
            <Badge>{formatCount(rows.length, "person", "people")}</Badge>
          </div>
        ) : null}
      </Card>

      {rows.length === 0 ? (
        <Card>
          <EmptyState icon={<AwardIcon size={28} />} title="Nobody to show">
            No approved accounts are visible to you.
          </EmptyState>
        </Card>
      ) : (
        <>
          <BonusChart
            tasks={topBy(found, (r) => r.taskCount).map((r) => ({ name: r.name ?? r.email, value: r.taskCount }))}
            feedback={topBy(found, (r) => r.feedbackCount).map((r) => ({ name: r.name ?? r.email, value: r.feedbackCount }))}
            total={found.length}
            targets={{ t1: w.targetTaskCount, f1: w.targetFeedbackCount, t2: w.targetTaskCountTier2, f2: w.targetFeedbackCountTier2 }}
          />
          {searchable ? (
            <form method="get" action="/bonus" role="search" className="mt-4 flex flex-wrap items-center gap-2">
              <input type="hidden" name="window" value={w.id} />
              <label htmlFor="bonus-q" className="sr-only">Find a person</label>
              <Input id="bonus-q" name="q" type="search" defaultValue={q} placeholder="Find a person by name or email" className="w-72" maxLength={200} />
              <button type="submit" className={buttonClass("secondary", "sm")}>Find</button>
              {q ? <Link href={href(1, "")} className="text-sm text-zinc-600 underline">Show everyone</Link> : null}
            </form>
          ) : null}
          <Card className="mt-4 overflow-x-auto">
            <table className="w-full text-sm" aria-label="Progress per person">
              <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-500">
                <tr>
                  <th className="px-3 py-2">Person</th>
                  <th className="px-3 py-2">Tasks</th>
                  <th className="px-3 py-2">Feedback</th>
                  <th className="px-3 py-2">Tier reached</th>
                  <th className="px-3 py-2">Projected at window end</th>
                  <th className="px-3 py-2">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {shown.rows.map((r) => {
                  const status = statusOf(r, w, now);
                  return (
                    <tr key={r.userId} data-testid="bonus-row">
                      <td className="px-3 py-2">
                        <div className="font-medium text-zinc-900">{r.name ?? r.email}</div>
                        {r.name ? <div className="text-xs text-zinc-500">{r.email}</div> : null}
                      </td>
                      <td className="px-3 py-2">
                        <Target count={r.taskCount} t1={w.targetTaskCount} t2={w.targetTaskCountTier2} />
                      </td>
                      <td className="px-3 py-2">
                        <Target count={r.feedbackCount} t1={w.targetFeedbackCount} t2={w.targetFeedbackCountTier2} />
                      </td>
                      <td className="px-3 py-2">{r.tier ? <Badge tone="green">Tier {r.tier}</Badge> : <Badge>None</Badge>}</td>
                      <td className="px-3 py-2 tabular-nums text-zinc-700">
                        {r.projectedTasks == null ? "—" : `${formatInt(r.projectedTasks)} tasks · ${formatInt(r.projectedFeedback)} feedback`}
                        {r.projectedTier != null ? <span className="ml-1 text-xs text-zinc-500">({r.projectedTier ? `tier ${r.projectedTier}` : "no tier"})</span> : null}
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap">
                        <Badge tone={status.tone}>{status.label}</Badge>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {shown.rows.length === 0 ? <p className="px-3 py-6 text-center text-sm text-zinc-500">Nobody matches “{q}”.</p> : null}
          </Card>
          {found.length > PEOPLE_PAGE_SIZE ? (
            <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600">
              <p>
                People {formatInt(shown.first)}–{formatInt(shown.last)} of {formatInt(found.length)}
              </p>
              <div className="flex items-center gap-2">
                {shown.page > 1 ? <Link href={href(shown.page - 1)} className={buttonClass("secondary", "sm")}>Previous</Link> : null}
                <span aria-live="polite">
                  Page {formatInt(shown.page)} of {formatInt(shown.pages)}
                </span>
                {shown.page < shown.pages ? <Link href={href(shown.page + 1)} className={buttonClass("secondary", "sm")}>Next</Link> : null}
              </div>
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
