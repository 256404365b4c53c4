/**
 * The usage dashboard's data: the range resolved in the viewer's zone, then its queries run
 * in parallel, each in its own short transaction as the viewer (RLS decides the rows).
 */
import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import {
  draftStats,
  recentActivity,
  resolveUsageRange,
  sessionsPanel,
  usageSeries,
  usageTopUsers,
  userLabels,
  type ActivityEvent,
  type DraftStats,
  type ResolvedRange,
  type SeriesRow,
  type SessionsByUser,
  type SessionsSummary,
} from "@/lib/db/queries/usage";
import { withViewer } from "@/lib/db/with-viewer";
import { singleFlight } from "@/lib/single-flight";
import type { UsageGroup, UsageParams } from "@/lib/validation/usage";
import { addHistograms, histogramQuantile } from "./metrics";

export type Totals = {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  recordedCost: number;
  estimatedCost: number;
  estimatedCalls: number;
  unpricedCalls: number;
  unpricedTokens: number;
  cost: number; // recorded + estimated
  p50: number | null;
  p95: number | null;
};

export function sumRows(rows: SeriesRow[]): Totals {
  let hist: number[] = [];
  const t = {
    calls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, recordedCost: 0, estimatedCost: 0,
    estimatedCalls: 0, unpricedCalls: 0, unpricedTokens: 0,
  };
  for (const r of rows) {
    t.calls += r.calls;
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.totalTokens += r.totalTokens;
    t.recordedCost += r.recordedCost;
    t.estimatedCost += r.estimatedCost;
    t.estimatedCalls += r.estimatedCalls;
    t.unpricedCalls += r.unpricedCalls;
    t.unpricedTokens += r.unpricedTokens;
    hist = addHistograms(hist, r.durationHist);
  }
  return { ...t, cost: t.recordedCost + t.estimatedCost, p50: histogramQuantile(hist, 0.5), p95: histogramQuantile(hist, 0.95) };
}

/** `totals` with the p50 / p95 of `rows` (another breakdown of the same range). */
function withLatencyOf(totals: Totals, rows: SeriesRow[]): Totals {
  const { p50, p95 } = sumRows(rows);
  return { ...totals, p50, p95 };
}

export type KeyTotals = Totals & { key: string | null; label: string };

export type UsageDashboard = {
  range: ResolvedRange;
  group: UsageGroup;
  series: SeriesRow[];
  byModel: KeyTotals[];
  totals: Totals;
  previous: Totals;
  topUsers: KeyTotals[] | null;
  labels: Record<string, string>;
  /** ms spent on the database, wall clock (the queries run in parallel) */
  dbMs: number;
};

const byKey = (rows: SeriesRow[], labels: Record<string, string>): KeyTotals[] => {
  const m = new Map<string | null, SeriesRow[]>();
  for (const r of rows) m.set(r.key, [...(m.get(r.key) ?? []), r]);
  return [...m.entries()]
    .map(([key, rs]) => ({ key, label: key === null ? "(none)" : (labels[key] ?? key), ...sumRows(rs) }))
    .filter((k) => k.calls > 0)
    .sort((a, b) => b.cost - a.cost || b.totalTokens - a.totalTokens);
};

const TOP_USERS = 10;

export async function loadUsageDashboard(
  viewer: Viewer,
  params: Pick<UsageParams, "range" | "from" | "to" | "group" | "user">,
  tz: string,
  opts: { topUsers: boolean },
): Promise<UsageDashboard> {
  const t0 = performance.now();
  const as = <T,>(fn: Parameters<typeof withViewer<T>>[1]) => withViewer(viewer, fn);
  const range = await as((tx) => resolveUsageRange(tx, params, tz));
  const user = params.user ?? null;
  const [series, models, prevModels, users] = await Promise.all([
    as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: range.bucket, tz, group: params.group, user })),
    // latency comes from the series (same range): the per-model query skips the histogram
    as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: "all", tz, group: "model", user, latency: false })),
    as((tx) => usageSeries(tx, { from: range.prevFrom, to: range.prevTo, bucket: "all", tz, group: "model", user })),
    !opts.topUsers
      ? null
      : user
        ? as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: "all", tz, group: "user", user, latency: false }))
        : as((tx) => usageTopUsers(tx, { from: range.from, to: range.to, limit: TOP_USERS })),
  ]);
  const dbMs = performance.now() - t0;
  // user ids to label: the top users and the series keys when grouped by user
  const topRaw = users ? byKey(users, {}).slice(0, TOP_USERS) : null;
  const ids = new Set<string>();
  for (const u of topRaw ?? []) if (u.key) ids.add(u.key);
  if (params.group === "user") for (const r of series) if (r.key) ids.add(r.key);
  if (user) ids.add(user);
  const labels = ids.size ? await as((tx) => userLabels(tx, [...ids])) : {};
  return {
    range,
    group: params.group,
    series,
    byModel: byKey(models, {}),
    totals: withLatencyOf(sumRows(models), series),
    previous: sumRows(prevModels),
    topUsers: topRaw ? topRaw.map((u) => ({ ...u, label: u.key ? (labels[u.key] ?? u.key) : "(none)" })) : null,
    labels,
    dbMs,
  };
}

export type AdminUsagePage = {
  dash: UsageDashboard;
  sessions: { summary: SessionsSummary; byUser: SessionsByUser[] };
  drafts: DraftStats;
  activity: ActivityEvent[];
  /** user id -> email for every user the page names (top users, sessions, activity) */
  labels: Record<string, string>;
};

async function computeAdminUsagePage(viewer: Viewer, params: AdminUsageParams, tz: string): Promise<AdminUsagePage> {
  const user = params.user ?? null;
  const [dash, sessions, drafts, activity] = await Promise.all([
    loadUsageDashboard(viewer, params, tz, { topUsers: true }),
    withViewer(viewer, (tx) => sessionsPanel(tx, user)),
    withViewer(viewer, (tx) => draftStats(tx, user)),
    withViewer(viewer, (tx) => recentActivity(tx, user)),
  ]);
  const more = [...new Set([...sessions.byUser.map((s) => s.userId), ...activity.map((a) => a.userId)])].filter((id) => !(id in dash.labels));
  const sessionUsers = more.length ? await withViewer(viewer, (tx) => userLabels(tx, more)) : {};
  return { dash, sessions, drafts, activity, labels: { ...dash.labels, ...sessionUsers } };
}

type AdminUsageParams = Pick<UsageParams, "range" | "from" | "to" | "group" | "user">;

/**
 * Everything /admin/usage shows. Admins see every row (RLS), so the result depends only on the
 * parameters and the zone: admins asking for the same view at the same time share one run of
 * the queries (lib/single-flight.ts) instead of each adding ~10 aggregate queries to the
 * database's queue. A shared result is at most one run of the queries old. An admin viewing
 * the console as someone else is never joined with anyone.
 */
export function loadAdminUsagePage(viewer: Viewer, params: AdminUsageParams, tz: string): Promise<AdminUsagePage> {
  if (viewer.role !== "ADMIN" || viewer.impersonator) return computeAdminUsagePage(viewer, params, tz);
  const key = JSON.stringify(["admin-usage", params.range, params.from ?? null, params.to ?? null, params.group, params.user ?? null, tz]);
  return singleFlight(key, () => computeAdminUsagePage(viewer, params, tz));
}
