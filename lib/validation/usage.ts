/**
 * URL state of the usage pages (issue 6): range preset or custom days, group-by, an optional
 * user filter (admins), the time zone. Each parameter falls back to its default on its own, so
 * a hostile or stale URL never fails the page.
 *
 *   range=24h|7d|30d|90d|custom   (default 30d)
 *   from=2026-01-01&to=2026-01-31  inclusive local days, with range=custom (at most 400 days)
 *   group=agent|model|provider|user
 *   user=<uuid>                    admins: one user's usage
 *   tz=Europe/Berlin               the zone days and hours are bucketed in
 */
import { z } from "zod";

export const RANGE_PRESETS = ["24h", "7d", "30d", "90d", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const RANGE_LABELS: Record<RangePreset, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  custom: "Custom",
};

export const USAGE_GROUPS = ["agent", "model", "provider", "user"] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];
export const GROUP_LABELS: Record<UsageGroup, string> = { agent: "Agent type", model: "Model", provider: "Provider", user: "User" };
/** The usage_series() group names. */
export const SQL_GROUP: Record<UsageGroup, "agent_type" | "model" | "provider" | "user"> = {
  agent: "agent_type",
  model: "model",
  provider: "provider",
  user: "user",
};

export const MAX_CUSTOM_DAYS = 400;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The cookie holding the browser's time zone (set by <TimeZoneSync>). */
export const TZ_COOKIE = "tz";

export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_/+-]{0,63}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const fallback = <T extends z.ZodType>(schema: T, value: z.output<T>) =>
  z.preprocess(first, schema.optional().catch(undefined)).transform((v) => (v === undefined ? value : v));

const isoDay = z.string().regex(DAY).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

export const usageParams = z
  .object({
    range: fallback(z.enum(RANGE_PRESETS), "30d" as RangePreset),
    from: z.preprocess(first, isoDay.optional().catch(undefined)),
    to: z.preprocess(first, isoDay.optional().catch(undefined)),
    group: fallback(z.enum(USAGE_GROUPS), "agent" as UsageGroup),
    user: z.preprocess(first, z.guid().optional().catch(undefined)),
    tz: z.preprocess(first, z.string().refine(isTimeZone).optional().catch(undefined)),
  })
  .transform((p) => {
    // custom needs both days, in order, and a bounded span; otherwise the default preset
    let { range, from, to } = p;
    if (range === "custom") {
      const ok = from && to && from <= to && (Date.parse(to) - Date.parse(from)) / 86_400_000 < MAX_CUSTOM_DAYS;
      if (!ok) {
        range = "30d";
        from = undefined;
        to = undefined;
      }
    } else {
      from = undefined;
      to = undefined;
    }
    return { ...p, range, from, to };
  });

export type UsageParams = z.output<typeof usageParams>;

export const USAGE_EXPORTS = ["series", "models", "users", "latency", "summary"] as const;
export type UsageExport = (typeof USAGE_EXPORTS)[number];

/** A usage page's URL state without its defaults, for the links that keep it (exports, filters). */
export function usageUrlState(p: UsageParams): Partial<UsageParams> & Record<string, string | undefined> {
  return {
    range: p.range === "30d" ? undefined : p.range,
    from: p.from,
    to: p.to,
    group: p.group === "agent" ? undefined : p.group,
    user: p.user,
    tz: p.tz,
  };
}

/** The URL for a usage page with `params` (defaults left out). */
export function usageHref(path: string, p: Partial<UsageParams> & Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
