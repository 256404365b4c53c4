/**
 * One page of the /bonus table. bonus_progress() returns every person the viewer may see (a
 * manager's team, an admin's whole company: 10,000 people at the demo's scale), already counted;
 * the page sorts them once, finds people by name or email, and shows 50 at a time, so the HTML
 * stays the same size whatever the company's.
 */
export const PEOPLE_PAGE_SIZE = 50;
/** Bars per chart: the highest of the (found) people; everyone is in the table. */
export const CHART_PEOPLE = 25;

type Person = { name: string | null; email: string };

export function findPeople<T extends Person>(rows: readonly T[], q: string): T[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [...rows];
  return rows.filter((r) => r.email.toLowerCase().includes(needle) || (r.name ?? "").toLowerCase().includes(needle));
}

export function peoplePage<T>(rows: readonly T[], requested: string | undefined, size = PEOPLE_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const asked = Number.parseInt(requested ?? "", 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  const first = (page - 1) * size;
  return { page, pages, first: rows.length ? first + 1 : 0, last: Math.min(first + size, rows.length), rows: rows.slice(first, first + size) };
}

/** The `top` people by one count, highest first (ties by name), for a chart. */
export function topBy<T extends Person>(rows: readonly T[], count: (r: T) => number, top = CHART_PEOPLE): T[] {
  return [...rows].sort((a, b) => count(b) - count(a) || (a.name ?? a.email).localeCompare(b.name ?? b.email)).slice(0, top);
}
