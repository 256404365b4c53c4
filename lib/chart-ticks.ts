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
