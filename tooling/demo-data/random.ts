/**
 * Determinism for the demo seed: a fixed-seed PRNG per domain, ids derived from names, and times
 * as fixed offsets before one anchor instant. Two runs on two fresh databases produce the same
 * rows; only the timestamps move with the day the seed runs, so recent pages always have data.
 */
import { createHash } from "node:crypto";

/** Namespace of every id the seed derives; also used by the SQL side (`md5('demo-seed:' || key)::uuid`). */
export const ID_NAMESPACE = "demo-seed:";

/**
 * A uuid derived from a stable key: the md5 of `demo-seed:<key>` in uuid layout. Postgres computes
 * the same value with `md5('demo-seed:' || key)::uuid`, so bulk SQL and Node agree on ids, and a
 * seeded user is recognisable by `id = md5('demo-seed:user:' || email)::uuid`.
 */
export function seedUuid(key: string): string {
  const h = createHash("md5").update(ID_NAMESPACE + key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** mulberry32: tiny, fast, good enough for demo data, and identical on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = {
  /** [0, 1) */
  next(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** items weighted by the second element of each pair */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** k distinct items, order kept from a shuffle */
  sample<T>(items: readonly T[], k: number): T[];
  shuffle<T>(items: readonly T[]): T[];
};

/**
 * One independent stream per domain (seeded from the domain's name), so adding rows to one
 * domain never shifts the random choices of another.
 */
export function rng(stream: string): Rng {
  const seed = createHash("sha256").update(`demo-seed-rng:${stream}`).digest().readUInt32BE(0);
  const next = mulberry32(seed);
  const r: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error(`rng(${stream}).pick: empty list`);
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return items[items.length - 1][0];
    },
    shuffle: (items) => {
      const a = [...items];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a;
    },
    sample: (items, k) => r.shuffle(items).slice(0, Math.min(k, items.length)),
  };
  return r;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const MS = { MINUTE, HOUR, DAY } as const;

/** Times relative to the anchor ("now" of this seed run). */
export class Clock {
  constructor(readonly anchor: Date) {}
  /** The anchor minus a number of days (fractional allowed). */
  daysAgo(days: number): Date {
    return new Date(this.anchor.getTime() - Math.round(days * DAY));
  }
  /** The anchor plus a number of days. */
  daysAhead(days: number): Date {
    return new Date(this.anchor.getTime() + Math.round(days * DAY));
  }
  /**
   * A moment within the last `maxDays` days, skewed toward the present (exponent > 1) so the
   * first pages of every list and the right side of every chart are the busiest, as in a live
   * product. Purely an offset from the anchor, never aligned to the calendar (no "working
   * hours"): whatever the generators decide from a row's age is then the same whenever the seed
   * runs, so the content of the data does not depend on the time of day.
   */
  recent(r: Rng, maxDays: number, skew = 1.6): Date {
    return this.daysAgo(maxDays * Math.pow(r.next(), skew));
  }
}

export function plusMs(d: Date, ms: number): Date {
  return new Date(d.getTime() + Math.round(ms));
}

export function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** Rough token count of a text, as the usage pages show it (about 4 characters per token). */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
