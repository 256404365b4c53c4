/**
 * Semantic version order (semver.org §11), enough to tell a pin that is behind the latest
 * version: numeric major.minor.patch, a pre-release sorts before its release, build metadata
 * is ignored. Unparseable versions compare as equal (never flagged).
 */
const RE = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function compareSemver(a: string, b: string): number {
  const x = RE.exec(a.trim().replace(/^[v=^~]/, ""));
  const y = RE.exec(b.trim().replace(/^[v=^~]/, ""));
  if (!x || !y) return 0;
  for (let i = 1; i <= 3; i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return Math.sign(d);
  }
  const pa = x[4];
  const pb = y[4];
  if (!pa && !pb) return 0;
  if (!pa) return 1;
  if (!pb) return -1;
  const ia = pa.split(".");
  const ib = pb.split(".");
  for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
    if (ia[i] === undefined) return -1;
    if (ib[i] === undefined) return 1;
    const na = /^\d+$/.test(ia[i]);
    const nb = /^\d+$/.test(ib[i]);
    if (na && nb) {
      const d = Number(ia[i]) - Number(ib[i]);
      if (d !== 0) return Math.sign(d);
    } else if (na !== nb) return na ? -1 : 1;
    else if (ia[i] !== ib[i]) return ia[i] < ib[i] ? -1 : 1;
  }
  return 0;
}

/** True when `pinned` is an older version than `latest`. */
export function isBehind(pinned: string, latest: string | null): boolean {
  return latest !== null && compareSemver(pinned, latest) < 0;
}
