/**
 * npm run bench:http — the console under load, end to end (HTTP, Next.js, RLS, Postgres).
 *
 * Starts a throwaway Postgres, durable as Supabase runs it (fsync, synchronous_commit,
 * full_page_writes on; the settings are read back and printed first), with the demo data scaled up
 * (scripts/seed-demo.ts --scale, BENCH_HTTP_SCALE, default 1: 1M usage_logs, 1M error_logs, 100k
 * chats over 10,000 users), the Auth stand-in and `next start` on a production build of exactly the
 * sources in the tree (rebuilt first when it is missing, was built elsewhere, or any source changed:
 * tooling/bench.ts ensureFreshBuild compares the sha256 of every source with the stamp it wrote
 * beside the build), signs in the demo user and admin, then drives each URL with autocannon:
 * 50 connections for 30 s
 * (BENCH_HTTP_CONNECTIONS, BENCH_HTTP_DURATION), one URL after the other. It prints requests/s,
 * p50 / p99 latency and errors per URL, and each page's throughput as a fraction of the static
 * ceiling (a prerendered file of the same server, /icon.svg).
 *
 * Targets: zero errors; every signed-in page at least 25% of the static ceiling; p99 < 250 ms.
 * Each row gets a verdict (the 25% applies to every page but the ceiling itself, /login included),
 * listed at the end.
 *
 * BENCH_HTTP_URLS overrides the list: comma-separated `label=path@role` (role: user | admin |
 * none; `{chat}` in a path becomes one of the user's chats). A page that answers anything but 200
 * (a 404, a redirect, an error), or the "Coming soon" placeholder, is MISSED, not skipped. DB_POOL_SIZE is passed to
 * the app (default 10, lib/env.ts). "alone" is a page's median latency one request at a time
 * (its server time with no queue); after each run the bench waits for the server to work off
 * the requests that run left queued, so one slow page does not count against the next.
 * APP_NODE_ARGS passes flags to the app's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to
 * see where its time goes).
 *
 * Then the framework reference (BENCH_HTTP_REFERENCE=0 skips it): bench/next-reference, the
 * smallest Next.js app with the console's nonce CSP middleware and one dynamic page (no session,
 * no database), built and driven the same way against its own static file, plus the same page
 * outside the middleware. It is the most any server-rendered page of this stack reaches on this
 * machine.
 *
 * A benchmark, not a test: it prints figures and exits 0.
 */
import autocannon from "autocannon";
import path from "node:path";
import postgres from "postgres";
import { sessionCookieName } from "../lib/supabase/session-expiry";
import { buildApp, startAppStack, startNextApp } from "../tooling/app-stack";
import { buildChangedSince, ensureFreshBuild, printBenchHeader, Verdicts } from "../tooling/bench";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { migrateDatabase, ROOT } from "../tooling/migrate";
import { seedDemo } from "./seed-demo";

const SCALE = Number(process.env.BENCH_HTTP_SCALE ?? 1);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_HTTP_DURATION ?? 30);
const POOL = process.env.DB_POOL_SIZE ?? "10";
const STATIC_CEILING = { label: "static ceiling", path: "/icon.svg", role: "none" as const };
const DEFAULT_URLS =
  "chats list=/chats@user,a chat=/chats/{chat}@user,admin usage=/admin/usage@admin,admin errors=/admin/errors@admin,admin users=/admin/users@admin,sign-in page (no data)=/login@none";

type Role = "user" | "admin" | "none";
type Target = { label: string; path: string; role: Role };

const log = (l: string) => console.log(l);

function parseUrls(spec: string): Target[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.+?)=(\/[^@]*)@(user|admin|none)$/.exec(s);
      if (!m) throw new Error(`BENCH_HTTP_URLS: "${s}" is not label=/path@role`);
      return { label: m[1], path: m[2], role: m[3] as Role };
    });
}

/** The session cookie @supabase/ssr would write for `session` (base64- + base64url JSON, chunked over 3180 chars). */
function sessionCookie(authUrl: string, session: object): string {
  const name = sessionCookieName(authUrl);
  const value = `base64-${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
  if (value.length <= 3180) return `${name}=${value}`;
  const parts: string[] = [];
  for (let i = 0; i * 3180 < value.length; i++) parts.push(`${name}.${i}=${value.slice(i * 3180, (i + 1) * 3180)}`);
  return parts.join("; ");
}

async function signIn(authUrl: string, anonKey: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${authUrl}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey: anonKey, Authorization: `Bearer ${anonKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return sessionCookie(authUrl, await res.json());
}

type Row = { label: string; path: string; alone?: number; rps: number; p50: number; p99: number; errors: number; note?: string };

/** Median time of `n` requests one after another: the page's own latency, with no queue. */
async function alone(url: string, cookie: string | undefined, n = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

/**
 * Waits until the server has worked off the requests a run left queued (autocannon closes its
 * sockets at the end, but the server still renders what it had accepted), so the next URL is
 * measured on an idle server, not behind the last one's backlog.
 */
async function drain(url: string, cookie: string | undefined, baseline: number) {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if ((await alone(url, cookie, 1)) < Math.max(3 * baseline, 50)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function drive(url: string, cookie: string | undefined): Promise<Omit<Row, "label" | "path">> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: cookie ? { cookie } : {},
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function main() {
  const targets = process.env.BENCH_HTTP_URLS ? parseUrls(process.env.BENCH_HTTP_URLS) : parseUrls(DEFAULT_URLS);
  log(`bench:http — ${CONNECTIONS} connections x ${DURATION} s per URL, demo data at scale ${SCALE}, DB_POOL_SIZE=${POOL}`);
  const pg = await startThrowawayPostgres(undefined, { durable: true });
  const adminUrl = pg.url();
  const verdicts = new Verdicts();
  try {
    const settings = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await printBenchHeader(log, settings, { reads: false });
    await settings.end();
    const build = await ensureFreshBuild(log);
    await migrateDatabase(adminUrl);
    const t0 = performance.now();
    await seedDemo(adminUrl, { scale: SCALE, log: () => {} });
    log(`  demo data seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const counts = await sql<{ t: string; n: number }[]>`
      select relname as t, n_live_tup::int as n from pg_stat_user_tables
       where relname in ('Chat', 'Message_v2', 'usage_logs', 'error_logs', 'profiles') order by 1`;
    log(`  rows: ${counts.map((c) => `${c.t} ${c.n.toLocaleString()}`).join(", ")}`);
    const [chat] = await sql<{ id: string }[]>`
      select c.id from public."Chat" c join public.profiles p on p.id = c.user_id
       where p.email = 'alice@example.com' order by c."createdAt" desc limit 1`;
    await sql.end();

    const stack = await startAppStack({
      adminUrl,
      appDbUrl: pg.url("postgres", "authenticator", "authenticator"),
      mode: "production",
      appPort: 0,
      authPort: 0,
      jwtExpirySeconds: 3600,
      appOutput: "ignore",
      env: { DB_POOL_SIZE: POOL },
      log: () => {},
    });
    try {
      const cookies: Record<Role, string | undefined> = {
        none: undefined,
        user: await signIn(stack.authUrl, stack.anonKey, "alice@example.com", "demo-alice-pass"),
        admin: await signIn(stack.authUrl, stack.anonKey, "admin@example.com", "demo-admin-pass"),
      };
      const rows: Row[] = [];
      for (const t of [STATIC_CEILING, ...targets]) {
        const pagePath = t.path.replace("{chat}", chat?.id ?? "none");
        const url = new URL(pagePath, stack.appUrl).toString();
        const probe = await fetch(url, { headers: cookies[t.role] ? { cookie: cookies[t.role]! } : {}, redirect: "manual" });
        const body = await probe.text();
        // Not measured, and MISSED: a page that does not answer 200 with the page itself.
        const wrong = probe.status !== 200 ? `answers ${probe.status}${probe.headers.get("location") ? ` -> ${probe.headers.get("location")}` : ""}` : />Coming soon</.test(body) ? 'answers the "Coming soon" placeholder' : null;
        if (wrong) {
          rows.push({ label: t.label, path: pagePath, rps: 0, p50: 0, p99: 0, errors: 1, note: `MISSED: ${wrong}` });
          log(`  ${t.label} (${pagePath}): ${wrong}: MISSED`);
          continue;
        }
        rows.push({ label: t.label, path: pagePath, ...(await measure(t.label, url, cookies[t.role])) });
      }
      printTable(rows, { verdicts });
    } finally {
      await stack.stop();
    }
    const changed = buildChangedSince(build);
    if (changed) log(`WARNING: ${changed}`);
  } finally {
    await pg.stop();
  }
  verdicts.print(log, "zero errors, p99 < 250 ms, at least 25% of the static ceiling; the reference app below is not judged");
  if (process.env.BENCH_HTTP_REFERENCE !== "0") await runReference();
}

/**
 * The framework's own limit on this machine: bench/next-reference (Next.js as the console uses
 * it, the console's nonce CSP middleware, one dynamic 50-row page; no session, no database),
 * driven the same way against its own static file. No console page can do better than it does.
 */
async function runReference() {
  const dir = path.join(ROOT, "bench/next-reference");
  log("");
  log("Framework reference (bench/next-reference: the console's CSP middleware and one dynamic page, no session, no database):");
  await buildApp(log, dir);
  const app = await startNextApp(dir, "/list");
  const rows: Row[] = [];
  try {
    for (const [label, p] of [
      ["reference static ceiling", "/icon.svg"],
      ["reference page", "/list"],
      ["same page, no middleware", "/plain"],
    ] as const) {
      rows.push({ label, path: p, ...(await measure(label, new URL(p, app.url).toString(), undefined)) });
    }
  } finally {
    await app.stop();
  }
  printTable(rows, { reference: true });
  const [ceiling, page, plain] = rows;
  const pct = (r: Row) => `${((r.rps / ceiling.rps) * 100).toFixed(0)}%`;
  log("");
  log(
    `The reference page reaches ${pct(page)} of its static ceiling with p99 ${page.p99} ms: ` +
      "the most a server-rendered page of this stack does on this machine before any session check or query. " +
      `Without the CSP middleware the same page reaches ${pct(plain)}, p99 ${plain.p99} ms.`,
  );
}

/** Warm-up, the page alone, then CONNECTIONS x DURATION, then a wait for the server to drain. */
async function measure(label: string, url: string, cookie: string | undefined): Promise<Omit<Row, "label" | "path">> {
  // Warm-up: compile caches, the pool, Postgres's buffers.
  await autocannon({ url, connections: 10, duration: 3, headers: cookie ? { cookie } : {} });
  const one = await alone(url, cookie);
  const r = await drive(url, cookie);
  await drain(url, cookie, one);
  log(`  ${label.padEnd(24)} alone ${one.toFixed(0).padStart(4)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors}`);
  return { alone: one, ...r };
}

/**
 * The results as a markdown table; the first row is the static ceiling the others are a fraction
 * of. The reference app's rows are not held to the console's targets; they show what is possible.
 */
function printTable(rows: Row[], opts: { reference?: boolean; verdicts?: Verdicts } = {}) {
  const ceiling = rows[0].rps;
  log("");
  log(`| page | path | alone ms | req/s | p50 ms | p99 ms | errors | of static ceiling | targets |`);
  log(`| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
  for (const r of rows) {
    if (r.note) {
      opts.verdicts?.judge(`${r.label} (${r.path})`, r.note.replace(/^MISSED: /, ""), "200 with the page", false);
      log(`| ${r.label} | ${r.path} | | | | | | | ${r.note} |`);
      continue;
    }
    const frac = ceiling ? r.rps / ceiling : 0;
    const isCeiling = r === rows[0];
    const ok = r.errors === 0 && r.p99 < 250 && (isCeiling || frac >= 0.25);
    opts.verdicts?.judge(
      `${r.label} (${r.path})`,
      `errors ${r.errors}, p99 ${r.p99} ms${isCeiling ? "" : `, ${(frac * 100).toFixed(0)}% of the ceiling`}`,
      isCeiling ? "0 errors, p99 < 250 ms" : "0 errors, p99 < 250 ms, >= 25% of the ceiling",
      ok,
    );
    log(
      `| ${r.label} | ${r.path} | ${r.alone?.toFixed(0) ?? ""} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${isCeiling ? "100%" : `${(frac * 100).toFixed(0)}%`} | ${opts.reference ? (isCeiling ? "" : ok ? "would meet them" : "would miss them") : ok ? "met" : "MISSED"} |`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
