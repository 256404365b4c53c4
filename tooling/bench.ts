/**
 * What every bench:* script shares:
 *
 * - the header every bench prints first: the Postgres settings it ran under (read from the server),
 *   the seed, the number of runs, what "cold" means, the machine;
 * - seeded random draws (`BENCH_SEED`): each run of a read figure draws its viewer and its filters,
 *   so a figure is never one warm query repeated, and the same seed draws the same runs again;
 * - `timeSamples`: cold runs (a fresh connection, Postgres's buffers evicted), warm-ups, then timed
 *   runs, each with its own draw; p50 and p95 (nearest rank) of the timed runs and the cold median;
 * - verdicts: every figure with a stated target is judged, MET or MISSED, and listed at the end;
 * - the bench users, and the freshness check of the production build the HTTP benches time.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "../lib/db/run-as";
import { buildApp } from "./app-stack";
import { durabilitySettings } from "./local-postgres";
import { ROOT } from "./migrate";

export const ms = (t: number) => `${t.toFixed(2)} ms`;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Nearest-rank percentile (p in 0..100): the smallest sample with at least p% of the samples at or below it. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

// ---------------------------------------------------------------------------------------------
// Seeded random draws
// ---------------------------------------------------------------------------------------------

export type Rng = () => number;

/** The seed of every draw of a run: BENCH_SEED, or a fixed default so that runs repeat. */
export const BENCH_SEED = Number(process.env.BENCH_SEED ?? 20261208);
/** Timed runs per figure (after the cold runs and three warm-ups). */
export const BENCH_RUNS = Number(process.env.BENCH_RUNS ?? 40);
/** Cold runs per figure (each on a fresh connection, Postgres's buffers evicted first). */
export const BENCH_COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
export const WARMUPS = 3;

/** mulberry32: a small, fast, seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generator of its own for one figure: seeded by the run's seed and the figure's label, so a
 * figure draws the same runs whatever was measured before it, and two figures that are compared
 * (under RLS and without) can draw the very same viewers and filters.
 */
export function rngFor(label: string, seed = BENCH_SEED): Rng {
  let h = 0x811c9dc5; // FNV-1a of the label
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return seededRandom((h ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
/** An integer in [lo, hi], both included. */
export const randInt = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
/** `n` distinct integers in [lo, hi] (n at most the span). */
export function distinctInts(rng: Rng, n: number, lo: number, hi: number): number[] {
  const out = new Set<number>();
  while (out.size < Math.min(n, hi - lo + 1)) out.add(randInt(rng, lo, hi));
  return [...out];
}

/** Bench user i's id, as loadBenchUsers writes it: md5('bench-user-' || i)::uuid. */
export function benchUserId(i: number): string {
  const h = createHash("md5").update(`bench-user-${i}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Cold runs
// ---------------------------------------------------------------------------------------------

type Sql = { unsafe: (q: string) => Promise<unknown> };

/** How cold a cold run is here: whether Postgres's shared buffers can be emptied before it. */
export type ColdMode = { evict: string | null; meaning: string };

/**
 * pg_buffercache_evict (Postgres 17) empties shared_buffers page by page. On the throwaway
 * cluster the bench installs pg_buffercache (`install`); elsewhere it is used only when present
 * and allowed. Without it a cold run still has a new backend, but finds the data in the buffers.
 */
export async function coldMode(admin: Sql, opts: { install: boolean }): Promise<ColdMode> {
  if (opts.install) {
    try {
      await admin.unsafe(`create extension if not exists pg_buffercache with schema extensions`);
    } catch {
      // not available: cold runs without eviction
    }
  }
  let schema: string | null = null;
  try {
    const rows = (await admin.unsafe(
      `select n.nspname as s from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.proname = 'pg_buffercache_evict' limit 1`,
    )) as { s: string }[];
    if (rows[0]) {
      schema = `"${rows[0].s}"`;
      await admin.unsafe(`select ${schema}.pg_buffercache_evict(1)`); // allowed for this login?
    }
  } catch {
    schema = null;
  }
  const conn =
    "on a new connection (a new backend: empty catalog and plan caches; DISCARD ALL run on it first), " +
    "for a viewer and filters drawn fresh, before any warm-up";
  const meaning = schema
    ? `cold = median of ${BENCH_COLD_RUNS} first runs, each ${conn}, after evicting every page of this database and of the ` +
      "shared catalogs from Postgres's shared_buffers (pg_buffercache_evict). The OS page cache is not dropped (that needs " +
      "root): evicted pages come back from the kernel's memory, not from disk, so a cold read from disk is slower still."
    : `cold = median of ${BENCH_COLD_RUNS} first runs, each ${conn}. Postgres's shared_buffers are NOT emptied ` +
      "(pg_buffercache_evict is not available to this login) and the OS page cache is not dropped: pages read earlier are still in memory.";
  return { evict: schema, meaning };
}

/** Empties shared_buffers of this database's pages and the shared catalogs' (when the mode allows). */
export async function evictBuffers(admin: Sql, mode: ColdMode): Promise<void> {
  if (!mode.evict) return;
  await admin.unsafe(`
    select count(*) filter (where ${mode.evict}.pg_buffercache_evict(bufferid))
      from ${mode.evict}.pg_buffercache
     where reldatabase in (0, (select oid from pg_database where datname = current_database()))`);
}

/** A cold start: what a cold run runs on, and how to close it afterwards. */
export type ColdStart<D> = () => Promise<{ db: D; end: () => Promise<void> }>;

/**
 * A fresh pool of `max` connections to `url` (as the app's or the superuser's login), each
 * DISCARD ALL'ed, then shared_buffers evicted: the next statement on it is a cold one.
 */
export function coldDb(admin: Sql, url: string, mode: ColdMode, max = 1): ColdStart<Db> {
  return async () => {
    const client = postgres(url, { max, onnotice: () => {}, prepare: false });
    // `max` statements at once: the pool opens all its connections (the page's parallel queries use them).
    await Promise.all(Array.from({ length: max }, () => client`discard all`));
    await evictBuffers(admin, mode);
    return { db: drizzle(client) as unknown as Db, end: () => client.end() };
  };
}

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

export type Samples<P = unknown> = {
  p50: number;
  p95: number;
  cold: number | null;
  samples: number[];
  coldSamples: number[];
  /** The draw of the slowest timed run (to say which viewer and filters the tail is made of). */
  slowest: P | null;
};

/**
 * One figure: BENCH_COLD_RUNS cold runs (each `cold()` gives a fresh connection, buffers
 * evicted; omitted: no cold figure), then three untimed warm-ups and `runs` timed runs on `warm`,
 * every run with its own `draw` of viewer and filters. Returns p50 and p95 (nearest rank) of the
 * timed runs and the median of the cold ones, in milliseconds.
 */
export async function timeSamples<P, D>(o: {
  rng: Rng;
  draw: (rng: Rng) => P;
  run: (db: D, p: P) => Promise<unknown>;
  warm: D;
  cold?: ColdStart<D>;
  runs?: number;
  coldRuns?: number;
  warmups?: number;
}): Promise<Samples<P>> {
  const coldSamples: number[] = [];
  if (o.cold) {
    for (let i = 0; i < (o.coldRuns ?? BENCH_COLD_RUNS); i++) {
      const p = o.draw(o.rng);
      const c = await o.cold();
      try {
        const t = performance.now();
        await o.run(c.db, p);
        coldSamples.push(performance.now() - t);
      } finally {
        await c.end();
      }
    }
  }
  for (let i = 0; i < (o.warmups ?? WARMUPS); i++) await o.run(o.warm, o.draw(o.rng));
  const samples: number[] = [];
  let slowest: P | null = null;
  for (let i = 0; i < (o.runs ?? BENCH_RUNS); i++) {
    const p = o.draw(o.rng);
    const t = performance.now();
    await o.run(o.warm, p);
    const took = performance.now() - t;
    if (samples.every((x) => x < took)) slowest = p;
    samples.push(took);
  }
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    cold: coldSamples.length ? median(coldSamples) : null,
    samples,
    coldSamples,
    slowest,
  };
}

/**
 * Two ways of running the same draws, compared (under RLS and without): each draw runs on both
 * sides back to back, the order alternating run by run, so that the machine's drift over minutes
 * (other work on it) falls on both sides alike. Cold runs alternate the same way.
 */
export async function timePairedSamples<P, A, B>(o: {
  rng: Rng;
  draw: (rng: Rng) => P;
  a: { run: (db: A, p: P) => Promise<unknown>; warm: A; cold?: ColdStart<A> };
  b: { run: (db: B, p: P) => Promise<unknown>; warm: B; cold?: ColdStart<B> };
  runs?: number;
  coldRuns?: number;
  warmups?: number;
}): Promise<[Samples<P>, Samples<P>]> {
  type Side = { run: (db: never, p: P) => Promise<unknown>; warm: unknown; cold?: ColdStart<unknown> };
  const sides = [o.a, o.b] as unknown as [Side, Side];
  const out = sides.map(() => ({ samples: [] as number[], coldSamples: [] as number[], slowest: null as P | null }));
  const once = async (k: number, db: unknown, p: P) => {
    const t = performance.now();
    await sides[k].run(db as never, p);
    return performance.now() - t;
  };
  const order = (i: number) => (i % 2 === 0 ? [0, 1] : [1, 0]);
  if (o.a.cold && o.b.cold) {
    for (let i = 0; i < (o.coldRuns ?? BENCH_COLD_RUNS); i++) {
      const p = o.draw(o.rng);
      for (const k of order(i)) {
        const c = await sides[k].cold!();
        try {
          out[k].coldSamples.push(await once(k, c.db, p));
        } finally {
          await c.end();
        }
      }
    }
  }
  for (let i = 0; i < (o.warmups ?? WARMUPS); i++) {
    const p = o.draw(o.rng);
    for (const k of order(i)) await sides[k].run(sides[k].warm as never, p);
  }
  for (let i = 0; i < (o.runs ?? BENCH_RUNS); i++) {
    const p = o.draw(o.rng);
    for (const k of order(i)) {
      const took = await once(k, sides[k].warm, p);
      if (out[k].samples.every((x) => x < took)) out[k].slowest = p;
      out[k].samples.push(took);
    }
  }
  const result = out.map((x) => ({
    p50: percentile(x.samples, 50),
    p95: percentile(x.samples, 95),
    cold: x.coldSamples.length ? median(x.coldSamples) : null,
    samples: x.samples,
    coldSamples: x.coldSamples,
    slowest: x.slowest,
  }));
  return [result[0], result[1]];
}

/** "p50 1.20 ms  p95 3.40 ms  cold 9.80 ms", padded for tables. */
export function fmtSamples(s: Samples<unknown>, width = 10): string {
  return `p50 ${ms(s.p50).padStart(width)}  p95 ${ms(s.p95).padStart(width)}  cold ${(s.cold === null ? "-" : ms(s.cold)).padStart(width)}`;
}

// ---------------------------------------------------------------------------------------------
// Header and verdicts
// ---------------------------------------------------------------------------------------------

/**
 * The lines every bench prints first: the server's durability and memory settings, the seed and
 * runs, what cold means, and the machine (its load moves figures; other work may share it).
 */
export async function printBenchHeader(
  log: (l: string) => void,
  admin: Sql,
  opts: { cold?: ColdMode | null; reads?: boolean } = {},
): Promise<void> {
  log(`Postgres settings (read from the server): ${await durabilitySettings(admin)}`);
  if (opts.reads !== false) {
    log(
      `Reads: seed ${BENCH_SEED} (BENCH_SEED); per figure ${BENCH_RUNS} timed runs (BENCH_RUNS) after ${WARMUPS} warm-ups, ` +
        "each run with its own random viewer and filters; p50 and p95 are nearest-rank percentiles of the timed runs.",
    );
    if (opts.cold) log(`  ${opts.cold.meaning}`);
  }
  const [l1, l5] = os.loadavg();
  log(`Machine: ${os.cpus().length} CPUs, load average ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min) at start; other work on it moves single figures.`);
}

export type Verdict = { figure: string; measured: string; target: string; met: boolean | null };

/** Every judged figure of a run, printed as a list at its end. */
export class Verdicts {
  readonly all: Verdict[] = [];

  /** Records a verdict and returns "MET" / "MISSED" for the line that prints the figure. */
  judge(figure: string, measured: string, target: string, met: boolean): "MET" | "MISSED" {
    this.all.push({ figure, measured, target, met });
    return met ? "MET" : "MISSED";
  }

  /** A stated target this run could not judge (its figure was not measured): listed, never dropped. */
  notJudged(figure: string, why: string, target: string): void {
    this.all.push({ figure, measured: why, target, met: null });
  }

  print(log: (l: string) => void, note?: string): void {
    log("");
    log(`Verdicts${note ? ` (${note})` : ""}:`);
    for (const v of this.all) log(`  ${(v.met === null ? "NOT JUDGED" : v.met ? "MET" : "MISSED").padEnd(10)} ${v.figure}: ${v.measured} (target ${v.target})`);
    const met = this.all.filter((v) => v.met === true).length;
    const missed = this.all.filter((v) => v.met === false).length;
    const open = this.all.length - met - missed;
    log(`targets: ${met} met, ${missed} missed${open ? `, ${open} not judged in this run` : ""}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Bench users
// ---------------------------------------------------------------------------------------------

/**
 * `count` users through auth.users (so the profile trigger runs as for real sign-ups), every column
 * written as Supabase Auth writes it ('' for the token columns), all USER but `bench-user-1` ..
 * `bench-user-<admins>` (default 1), the ADMINs. Ids are md5('bench-user-' || i)::uuid, i = 1..count.
 */
export async function loadBenchUsers(
  admin: { unsafe: (q: string) => Promise<unknown> },
  count: number,
  opts: { admins?: number } = {},
): Promise<void> {
  await admin.unsafe(`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            confirmation_token, recovery_token, email_change_token_new, email_change, phone_change,
                            phone_change_token, email_change_token_current, email_change_confirm_status, reauthentication_token,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
    select '00000000-0000-0000-0000-000000000000', md5('bench-user-' || i)::uuid, 'authenticated', 'authenticated',
           'bench' || i || '@example.com', '$2a$10$abcdefghijklmnopqrstuuJ1d1Q0v6o0XbVQ8mYt4m1o3oK1h8Ovy', now(),
           '', '', '', '', '', '', '', 0, '',
           '{"provider":"email","providers":["email"]}', '{}', now(), now(), false, false
    from generate_series(1, ${Math.trunc(count)}) i;
    update public.profiles set role = 'USER';
    update public.profiles set role = 'ADMIN'
     where id in (select md5('bench-user-' || i)::uuid from generate_series(1, ${Math.max(1, Math.trunc(opts.admins ?? 1))}) i);`);
}

// ---------------------------------------------------------------------------------------------
// The production build the HTTP benches time
// ---------------------------------------------------------------------------------------------

/**
 * What `next build` compiles: the app, what it imports (components, lib), its config, the
 * dependencies (package files, the patches applied to them). Tailwind also scans other files for
 * class names; a class written only outside these would not be seen (none is).
 */
export const APP_BUILD_SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "middleware.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "patches",
];
const STAMP = ".next/bench-build-sources.json";

/** sha256 of every source file, by path relative to ROOT. */
export function appSourceHashes(root = ROOT): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    const st = fs.statSync(abs);
    if (st.isDirectory()) {
      for (const f of fs.readdirSync(abs).sort()) walk(path.join(rel, f));
    } else if (st.isFile()) {
      out[rel] = createHash("sha256").update(fs.readFileSync(abs)).digest("hex");
    }
  };
  for (const s of APP_BUILD_SOURCES) walk(s);
  return out;
}

const digest = (files: Record<string, string>) =>
  createHash("sha256").update(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([f, h]) => `${f} ${h}\n`).join("")).digest("hex");

export function currentBuildId(root = ROOT): string | null {
  const f = path.join(root, ".next/BUILD_ID");
  return fs.existsSync(f) ? fs.readFileSync(f, "utf8").trim() : null;
}

/** Which sources differ between two hash maps: added, removed or changed files. */
function changedSources(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n] !== b[n]).sort();
}

export type BuildCheck = { buildId: string; sourceHash: string; rebuilt: boolean; reason: string };

/**
 * A production build of exactly the sources in the tree. `.next` is trusted only when the stamp
 * this function wrote beside it (`.next/bench-build-sources.json`: the BUILD_ID it built and the
 * sha256 of every source) names the current BUILD_ID and every source still hashes the same;
 * otherwise (no build, a build made elsewhere whose sources are unknown, any source changed) it
 * runs `next build` and writes the stamp. Sources that change while the build runs make it build
 * again (at most three times), never time a build of half-old sources.
 */
export async function ensureFreshBuild(log: (l: string) => void, root = ROOT): Promise<BuildCheck> {
  const before = appSourceHashes(root);
  const buildId = currentBuildId(root);
  let reason: string | null = null;
  if (!buildId) reason = "no production build in .next";
  else {
    const stampFile = path.join(root, STAMP);
    const stamp = fs.existsSync(stampFile)
      ? (JSON.parse(fs.readFileSync(stampFile, "utf8")) as { buildId: string; files: Record<string, string> })
      : null;
    if (!stamp) reason = `the build in .next (${buildId}) has no source stamp (built outside the benches): its sources are unknown`;
    else if (stamp.buildId !== buildId) reason = `.next was rebuilt elsewhere (${buildId}, stamped ${stamp.buildId}): its sources are unknown`;
    else {
      const changed = changedSources(stamp.files, before);
      if (changed.length)
        reason = `${changed.length} source file(s) changed since the build: ${changed.slice(0, 8).join(", ")}${changed.length > 8 ? ", ..." : ""}`;
    }
  }
  if (!reason) {
    log(`Production build ${buildId}: built from the current sources (sha256 ${digest(before).slice(0, 12)} over ${Object.keys(before).length} files).`);
    return { buildId: buildId!, sourceHash: digest(before), rebuilt: false, reason: "up to date" };
  }
  log(`Rebuilding: ${reason}.`);
  let files = before;
  for (let attempt = 1; attempt <= 3; attempt++) {
    await buildApp(log, root);
    const after = appSourceHashes(root);
    const changed = changedSources(files, after);
    if (changed.length === 0) {
      const id = currentBuildId(root)!;
      fs.writeFileSync(path.join(root, STAMP), JSON.stringify({ buildId: id, builtAt: new Date().toISOString(), files }, null, 0));
      log(`Production build ${id}: built from the current sources (sha256 ${digest(files).slice(0, 12)} over ${Object.keys(files).length} files).`);
      return { buildId: id, sourceHash: digest(files), rebuilt: true, reason };
    }
    log(`Sources changed while building (${changed.slice(0, 8).join(", ")}): building again.`);
    files = after;
  }
  throw new Error("The sources kept changing while `next build` ran; run the bench again when they are still.");
}

/** After a run: did something replace the build the figures came from? */
export function buildChangedSince(check: BuildCheck, root = ROOT): string | null {
  const now = currentBuildId(root);
  return now === check.buildId ? null : `the build in .next changed during the run (${check.buildId} -> ${now ?? "none"}): figures may mix two builds`;
}
