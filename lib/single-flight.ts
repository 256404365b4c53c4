/**
 * Request coalescing ("single flight"): callers asking for the same key while a computation for
 * it is running get that computation's promise instead of starting their own. Nothing is kept
 * once it settles: the next caller after that computes afresh, so a result is never older than
 * the computation it joined (at most one run of the query). Failures are shared the same way.
 *
 * Only for results that are the same for every caller with that key: the key must name
 * everything that decides the rows (for queries under RLS, the class of viewer as well as the
 * parameters). Per process; each app process coalesces its own requests.
 */
const inFlight = new Map<string, Promise<unknown>>();

export function singleFlight<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const p = compute().finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

/** How many computations are running (tests). */
export function singleFlightsRunning(): number {
  return inFlight.size;
}
