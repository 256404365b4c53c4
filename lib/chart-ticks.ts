import { formatCompact } from "@/lib/format";

/**
 * Axis ticks 0..max in `steps` equal, round steps (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power
 * of ten), so the last tick is a round number at or above `max`, never the raw maximum (charting
 * libraries' own ticks gave "0, 150000, 300000, 514471" and "$0.0065, $0.013, $0.02, $0.026").
 * `whole`: counts and milliseconds step by whole numbers; dollars may step by fractions.
 */
export function roundTicks(max: number, { steps = 4, whole = true }: { steps?: number; whole?: boolean } = {}): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : whole ? 1 : 0.01;
  const raw = top / steps;
  const pow = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * pow).find((s) => s >= raw && (!whole || Number.isInteger(s))) ?? 10 * pow;
  if (whole) step = Math.max(1, Math.ceil(step));
  // toPrecision: 3 × 0.008 is 0.024000000000000004 in floating point.
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

export type ValueFormat = "int" | "usd" | "ms";

const smallUsd = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2 });
// Dollar ticks below $1 keep two significant digits: one decimal made $0.05 and $0.15 read "$0.1" and "$0.2".
const axisUsd = (v: number) => (Math.abs(v) >= 1 || v === 0 ? `$${formatCompact(v)}` : `$${smallUsd.format(v)}`);
const secondsFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
/** Milliseconds on one axis in one unit: seconds for every tick once the top tick is a second or more. */
const axisMs = (top: number) => (v: number) => (top >= 1000 ? `${secondsFmt.format(v / 1000)} s` : `${Math.round(v)} ms`);

/**
 * A recharts value axis from 0 to at least `max`: round ticks, the matching domain, and tick
 * labels in one unit (compact counts, dollars, or ms/s). Spread it on an XAxis or YAxis.
 */
export function valueAxis(max: number, f: ValueFormat) {
  const ticks = roundTicks(max, { whole: f !== "usd" });
  const top = ticks[ticks.length - 1];
  return { ticks, domain: [0, top] as [number, number], tickFormatter: f === "usd" ? axisUsd : f === "ms" ? axisMs(top) : formatCompact };
}

/**
 * Where a bar chart's value axis should end when a bar or two dwarf the rest (one account with
 * half a million tasks flattened everyone else's bars to nothing): the highest value, unless it
 * is over `ratio` times the next one (or `floor`, the targets drawn on the chart), and so on for
 * at most `maxCut` bars. `desc` is sorted highest first. Bars above the result are drawn cut at
 * the axis end, with their value written on them.
 */
export function axisMaxWithoutOutliers(desc: readonly number[], floor = 0, { ratio = 3, maxCut = 2 } = {}): number {
  let i = 0;
  while (i < Math.min(maxCut, desc.length - 1) && desc[i] > ratio * Math.max(desc[i + 1], floor)) i++;
  return Math.max(desc[i] ?? 0, floor);
}
