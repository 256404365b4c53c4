/**
 * "The database was unreachable a moment ago", shared by the app's renders (which detect it,
 * lib/errors.ts) and middleware.ts (which then answers page requests with a 503 "Database
 * unreachable" page until Postgres accepts connections again). One Node process serves both, so
 * the state lives on globalThis (Next bundles middleware and pages separately: module state would
 * not be shared).
 *
 * Why not decide the 503 in the page: the App Router has no API to set a 5xx status from a server
 * component (only notFound/forbidden/unauthorized/redirect), and the error boundary renders after
 * the status is chosen. The middleware can choose it, but must not query the database on every
 * request; so it only checks reachability (a TCP connect to the database's address, cached for a
 * moment) while an outage is known.
 */
const KEY = Symbol.for("agent-console.database-outage");

type OutageState = { downSince: number | null; probedAt: number; probeUp: boolean };

function state(): OutageState {
  const g = globalThis as unknown as Record<symbol, OutageState | undefined>;
  return (g[KEY] ??= { downSince: null, probedAt: 0, probeUp: true });
}

export function markDatabaseDown(): void {
  const s = state();
  s.downSince ??= Date.now();
  s.probeUp = false;
  s.probedAt = Date.now();
}

export function markDatabaseUp(): void {
  const s = state();
  s.downSince = null;
  s.probeUp = true;
}

export function databaseOutage(): OutageState {
  return state();
}
