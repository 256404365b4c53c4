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
  usageSeriesForUsers,
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
import { MAX_SERIES } from "./chart-data";
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

type As = <T>(fn: Parameters<typeof withViewer<T>>[1]) => Promise<T>;
type SeriesArgs = { from: string; to: string; bucket: "hour" | "day"; tz: string };

/** usage_top_users' most rows; at most this many users is the whole list */
const ALL_USERS_LIMIT = 10_000;
const costOf = (r: SeriesRow) => r.recordedCost + r.estimatedCost;

/**
 * The chart grouped by user, over everyone the viewer sees. usage_series(..., 'user', null)
 * returns every bucket x every user, zero-filled (30 days of 10,000 users: 300,000 rows with
 * their latency histograms, 10-18 s), of which the chart shows the MAX_SERIES most expensive
 * users and folds the rest into "Other". Instead: the per-bucket totals (the all-users rollup
 * rows, as by agent), the users ranked over the range (usage_top_users: the per-user blocks),
 * the series of the few users that can be shown (each through its own key), and, per bucket,
 * one row with the rest (totals minus those users), which buildSeries folds into "Other".
 * buildSeries gives the same chart, and sumRows the same totals and latency.
 */
export async function seriesByUser(as: As, q: SeriesArgs): Promise<SeriesRow[]> {
  const [totals, top] = await Promise.all([
    as((tx) => usageSeries(tx, { ...q, group: "agent" })),
    as((tx) => usageTopUsers(tx, { from: q.from, to: q.to, limit: ALL_USERS_LIMIT })),
  ]);
  // more users than one call returns: rank them all over the range (no buckets, no histogram)
  const ranked = (top.length < ALL_USERS_LIMIT ? top : await as((tx) => usageSeries(tx, { ...q, bucket: "all", group: "user", latency: false })))
    .filter((r) => r.calls > 0 && r.key !== null)
    .sort((a, b) => costOf(b) - costOf(a) || b.calls - a.calls || (a.key! < b.key! ? -1 : 1));
  // the users the chart can show: the first MAX_SERIES + 1 (buildSeries ranks them by cost then
  // calls, summing per bucket), and any whose cost is that close to the last of them
  const n = Math.min(ranked.length, MAX_SERIES + 1);
  const cut = n > 0 ? costOf(ranked[n - 1]) : 0;
  const shown = ranked.filter((r, i) => i < n || costOf(r) >= cut - Math.abs(cut) * 1e-9 - 1e-9).map((r) => r.key!);
  const rows = await as((tx) => usageSeriesForUsers(tx, q, [...shown].sort()));
  // per bucket: the totals minus the shown users' rows
  const rest = new Map<string, SeriesRow>();
  for (const t of totals) {
    const r = rest.get(t.bucket) ?? { ...zeroRow(t.bucket), rest: ranked.length - shown.length };
    addRow(r, t, 1);
    rest.set(t.bucket, r);
  }
  for (const u of rows) {
    const r = rest.get(u.bucket);
    if (r) addRow(r, u, -1);
  }
  return [...rows, ...rest.values()];
}

function zeroRow(bucket: string): SeriesRow {
  return {
    bucket, key: null, calls: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, recordedCost: 0, costCalls: 0, estimatedCost: 0,
    estimatedCalls: 0, unpricedCalls: 0, unpricedTokens: 0, durationMsSum: 0, durationCalls: 0, durationHist: [],
  };
}

function addRow(to: SeriesRow, r: SeriesRow, sign: 1 | -1) {
  for (const f of ["calls", "inputTokens", "outputTokens", "totalTokens", "recordedCost", "costCalls", "estimatedCost", "estimatedCalls",
    "unpricedCalls", "unpricedTokens", "durationMsSum", "durationCalls"] as const) to[f] += sign * r[f];
  to.durationHist = addHistograms(to.durationHist, sign === 1 ? r.durationHist : r.durationHist.map((x) => -x));
}

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
    params.group === "user" && !user
      ? seriesByUser(as, { from: range.from, to: range.to, bucket: range.bucket, tz })
      : as((tx) => usageSeries(tx, { from: range.from, to: range.to, bucket: range.bucket, tz, group: params.group, user })),
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
  if (params.group === "user") for (const r of series) if (r.key && r.rest === undefined) ids.add(r.key);
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
