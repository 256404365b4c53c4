/**
 * Field-by-field differences of two JSON values (config rows, history snapshots). Objects are
 * walked key by key; arrays and scalars are leaves compared as JSON. Used by the history diff,
 * the concurrent-edit refusal ("what changed meanwhile"), the "differs from default" badges
 * and the two-views warning of the agent form. No server-only imports: the browser uses it too.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export type FieldChange = { path: string; before: Json | undefined; after: Json | undefined };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Leaves of `value` by dotted path ("rateLimit.perMinute"); the root leaf is "". */
export function flatten(value: unknown, prefix = "", out: Map<string, Json> = new Map()): Map<string, Json> {
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, {});
    for (const k of keys) flatten(value[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, value as Json);
  }
  return out;
}

/** What changed from `a` to `b`, leaf by leaf, sorted by path. `ignore` drops top-level keys (timestamps). */
export function diffJson(a: unknown, b: unknown, ignore: readonly string[] = []): FieldChange[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const skip = (p: string) => ignore.some((i) => p === i || p.startsWith(`${i}.`));
  const paths = new Set([...fa.keys(), ...fb.keys()]);
  const out: FieldChange[] = [];
  for (const p of paths) {
    if (skip(p)) continue;
    const x = fa.get(p);
    const y = fb.get(p);
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path: p, before: x, after: y });
  }
  return out.sort((m, n) => m.path.localeCompare(n.path));
}

/** The paths that differ between `a` and `b`. */
export function changedPaths(a: unknown, b: unknown): Set<string> {
  return new Set(diffJson(a, b).map((c) => c.path));
}

/** `value` at a dotted path, or undefined. */
export function getPath(value: unknown, path: string): unknown {
  if (path === "") return value;
  let cur: unknown = value;
  for (const k of path.split(".")) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** A copy of `target` with `path` set to `v` (or removed when v is undefined); objects on the way are created. */
export function setPath<T>(target: T, path: string, v: unknown): T {
  const root: Record<string, unknown> = isObj(target) ? structuredClone(target as Record<string, unknown>) : {};
  const keys = path.split(".");
  let cur = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = cur[keys[i]];
    cur[keys[i]] = isObj(next) ? next : {};
    cur = cur[keys[i]] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (v === undefined) delete cur[last];
  else cur[last] = v;
  return root as T;
}

/** A short, readable rendering of a leaf for diffs and messages. */
export function showValue(v: Json | undefined, max = 160): string {
  if (v === undefined) return "(none)";
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** "rateLimit.perMinute: 10 → 12; enabled: true → false" */
export function describeChanges(changes: FieldChange[], limit = 6): string {
  const parts = changes.slice(0, limit).map((c) => `${c.path || "(value)"}: ${showValue(c.before, 60)} → ${showValue(c.after, 60)}`);
  if (changes.length > limit) parts.push(`and ${changes.length - limit} more`);
  return parts.join("; ");
}

/** What a refused concurrent save reports: the changes made meanwhile, by whom, when. */
export type ConflictDetails = { changes: FieldChange[]; changedBy: string[]; changedAt: string | null };
