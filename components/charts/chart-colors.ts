/** One palette for every series chart: distinct, colour-blind-friendly (Okabe-Ito + Tableau), "Other" in grey. */
export const SERIES_COLORS = ["#2563eb", "#f59e0b", "#10b981", "#e11d48", "#8b5cf6", "#0891b2", "#ea580c", "#65a30d", "#db2777", "#4b5563"];
export const OTHER_COLOR = "#a1a1aa";
export const colorAt = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];

/**
 * Colours for one chart's series, in order. A key of `fixed` (a short list every chart shares,
 * such as the six agent types) always gets the colour of its place in that list, so an agent is
 * the same colour on /usage and /admin/usage whichever others are shown; the other keys take the
 * colours after the list's, in order.
 */
export function seriesColors(keys: readonly string[], fixed: readonly string[] = []): string[] {
  const n = SERIES_COLORS.length;
  const taken = new Set<number>();
  const slots = keys.map((k) => {
    const i = fixed.indexOf(k);
    if (i < 0 || i >= n || taken.has(i)) return -1;
    taken.add(i);
    return i;
  });
  // Leftovers start after the fixed list's colours, so an unknown key does not wear a colour
  // that means a fixed key on another chart (while the palette lasts).
  let next = Math.min(fixed.length, n);
  return slots.map((slot) => {
    if (slot >= 0) return SERIES_COLORS[slot];
    while (taken.has(next % n) && next < 2 * n) next++;
    taken.add(next % n);
    return SERIES_COLORS[next++ % n];
  });
}
