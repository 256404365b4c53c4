/** One palette for every series chart: distinct, colour-blind-friendly (Okabe-Ito + Tableau), "Other" in grey. */
export const SERIES_COLORS = ["#2563eb", "#f59e0b", "#10b981", "#e11d48", "#8b5cf6", "#0891b2", "#ea580c", "#65a30d", "#db2777", "#4b5563"];
export const OTHER_COLOR = "#a1a1aa";
export const colorAt = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];
