/**
 * Error triage (issue 5): the queries of /admin/errors against a real Postgres, as the admin
 * (and a user) through the app's own path. Groups and counts are checked against direct
 * GROUP BYs; bulk resolve/reopen against the exact filtered set; the pinned note and regression
 * mark; the hourly counts rollup after inserts, updates and deletes; purge retention; headroom.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql as dsql } from "drizzle-orm";
import { runAs } from "@/lib/db/run-as";
import { countErrorsBySeverity, errorSeries, listErrorGroups, listErrorLogs, getErrorLog } from "@/lib/db/queries/error-logs";
import { reopenErrors, resolveErrors } from "@/lib/db/mutations/error-logs";
import { parseErrorFilter, type ErrorFilter } from "@/lib/validation/error-logs";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
type U = { id: string; email: string };
let admin: U, alice: U, bob: U;

const asAdmin = <T,>(fn: Parameters<typeof runAs<T>>[2]) => runAs(app.db, claimsFor(admin), fn);
const asAlice = <T,>(fn: Parameters<typeof runAs<T>>[2]) => runAs(app.db, claimsFor(alice), fn);
const filter = (qs: string): ErrorFilter => parseErrorFilter(new URLSearchParams(qs));
const page = (f: ErrorFilter, size = 100) => ({ ...f, sort: { key: "created" as const, dir: "desc" as const }, cursor: null, size });

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  admin = await createUser(db.admin, { role: "ADMIN" });
  alice = await createUser(db.admin, { role: "USER" });
  bob = await createUser(db.admin, { role: "USER" });
  await db.admin`delete from public.error_logs`;
  const rows: Record<string, unknown>[] = [];
  // Group A: same message but for numbers and ids; three users; 5 rows.
  for (let i = 0; i < 5; i++) {
    rows.push({ user_id: [alice.id, bob.id, null][i % 3], error_type: "api", error_category: "timeout",
      error_message: `Upstream timed out after ${1000 + i * 37} ms for request ${crypto.randomUUID()}`,
      severity: i === 4 ? "critical" : "error", created_at: hoursAgo(2 + i * 5), session_id: i === 0 ? "sess-triage-1" : null });
  }
  // Group B: a quoted value varies; 3 rows, alice only, warnings.
  for (let i = 0; i < 3; i++) {
    rows.push({ user_id: alice.id, error_type: "app", error_category: "validation",
      error_message: `Field "title-${i}" is required`, severity: "warning", created_at: hoursAgo(30 + i) });
  }
  // Group C: same text as A but another category: a group of its own. Old: 40 days.
  rows.push({ user_id: bob.id, error_type: "api", error_category: "network",
    error_message: "Upstream timed out after 5 ms for request 00000000-0000-0000-0000-000000000001", severity: "info", created_at: hoursAgo(24 * 40) });
  for (const r of rows) r.session_id ??= null;
  await db.admin`insert into public.error_logs ${db.admin(rows, "user_id", "error_type", "error_category", "error_message", "severity", "created_at", "session_id")}`;
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("grouping", () => {
  it("collapses type + category + normalised message, with count, users, first and last seen", async () => {
    const { rows } = await asAdmin((tx) => listErrorGroups(tx, filter("from=2000-01-01"), { size: 10, after: null }));
    const direct = await db.admin`
      select fingerprint, count(*)::int as n, count(distinct user_id)::int as users, min(created_at) as first, max(created_at) as last
        from public.error_logs group by 1 order by max(created_at) desc`;
    expect(rows.map((r) => [r.fingerprint, r.count, r.users])).toEqual(direct.map((d) => [d.fingerprint, d.n, d.users]));
    expect(rows.map((r) => r.lastSeen)).toEqual(direct.map((d) => (d.last as Date).toISOString()));
    expect(rows.map((r) => r.firstSeen)).toEqual(direct.map((d) => (d.first as Date).toISOString()));
    expect(rows).toHaveLength(3);
    const a = rows.find((r) => r.errorCategory === "timeout")!;
    expect(a.count).toBe(5);
    expect(a.users).toBe(2); // count(distinct) ignores the anonymous row
    expect(a.message).toBe("Upstream timed out after <n> ms for request <uuid>");
    expect(a.worstSeverity).toBe("critical");
    expect(a.spark.reduce((s, n) => s + n, 0)).toBe(5);
    expect(rows.find((r) => r.errorCategory === "validation")!.message).toBe("Field <str> is required");
    const [n] = await db.admin`select public.normalize_error_message('Message_v2 row 42 failed: 404ms, id zq30ba, 1.5s') as m`;
    expect(n.m).toBe("Message_v2 row <n> failed: <n>ms, id zq30ba, <n>s");
  });

  it("groups follow the filter and page by keyset", async () => {
    const warn = await asAdmin((tx) => listErrorGroups(tx, filter("severity=warning"), { size: 10, after: null }));
    expect(warn.rows.map((r) => [r.errorCategory, r.count])).toEqual([["validation", 3]]);
    const first = await asAdmin((tx) => listErrorGroups(tx, filter("from=2000-01-01"), { size: 2, after: null }));
    expect(first.rows).toHaveLength(2);
    const second = await asAdmin((tx) => listErrorGroups(tx, filter("from=2000-01-01"), { size: 2, after: first.next }));
    expect(second.rows.map((r) => r.errorCategory)).toEqual(["network"]);
    expect(second.next).toBeNull();
  });
});

describe("list, search and counts", () => {
  it("filters by severity and searches the message by word prefixes", async () => {
    const crit = await asAdmin((tx) => listErrorLogs(tx, page(filter("severity=critical"))));
    expect(crit.rows.map((r) => r.severity)).toEqual(["critical"]);
    const found = await asAdmin((tx) => listErrorLogs(tx, page(filter("q=titl requ"))));
    expect(found.rows).toHaveLength(3);
    const none = await asAdmin((tx) => listErrorLogs(tx, page(filter("q=nothing-like-this"))));
    expect(none.rows).toHaveLength(0);
  });

  it("pages by keyset without skipping or repeating rows", async () => {
    const all = await asAdmin((tx) => listErrorLogs(tx, page(filter(""))));
    const seen: string[] = [];
    let cursor: import("@/lib/validation/data-table").Cursor | null = null;
    for (let i = 0; i < 10; i++) {
      const p = await asAdmin((tx) => listErrorLogs(tx, { ...page(filter(""), 3), cursor }));
      seen.push(...p.rows.map((r) => r.id));
      if (!p.nextCursor) break;
      const { decodeCursor } = await import("@/lib/validation/data-table");
      cursor = { dir: "after", ...decodeCursor(p.nextCursor)! };
    }
    expect(seen).toEqual(all.rows.map((r) => r.id));
  });

  it("severity counts and the chart from the rollup equal direct counts, after inserts, updates and deletes", async () => {
    const direct = async () => {
      const rows = await db.admin`select severity, count(*)::int as n from public.error_logs
                                   where created_at >= date_trunc('day', now(), 'UTC') - interval '29 days' group by 1`;
      return Object.fromEntries(rows.map((r) => [r.severity, r.n]));
    };
    const check = async () => {
      const counts = await asAdmin((tx) => countErrorsBySeverity(tx, filter(""), { admin: true }));
      const want = await direct();
      for (const s of ["info", "warning", "error", "critical"] as const) expect(counts[s]).toBe(want[s] ?? 0);
      const series = await asAdmin((tx) => errorSeries(tx, filter(""), { admin: true }));
      expect(series.unit).toBe("day");
      const total = series.points.reduce((s, p) => s + p.info + p.warning + p.error + p.critical, 0);
      expect(total).toBe(Object.values(want).reduce((s: number, n) => s + (n as number), 0));
      // raw path (a user filter) agrees with the rollup path
      const raw = await asAdmin((tx) => countErrorsBySeverity(tx, { ...filter(""), q: "" , path: "/" }, { admin: true }));
      expect(raw.warning).toBe(0);
    };
    await check();
    await db.admin`insert into public.error_logs (error_type, error_category, error_message, severity) values ('system', 'x', 'rollup probe', 'critical')`;
    await check();
    await db.admin`update public.error_logs set severity = 'info' where error_message = 'rollup probe'`;
    await check();
    await db.admin`delete from public.error_logs where error_message = 'rollup probe'`;
    await check();
    const [{ bad }] = await db.admin`
      select count(*)::int as bad from (
        select date_trunc('day', created_at, 'UTC') as bucket_start, severity, error_type, error_category, resolved, count(*) as n
          from public.error_logs group by 1, 2, 3, 4, 5
      ) r full join public.error_rollup_daily c using (bucket_start, severity, error_type, error_category, resolved)
      where r.n is distinct from c.n`;
    expect(bad).toBe(0);
  });

  it("a user sees only their own errors", async () => {
    const mine = await asAlice((tx) => listErrorLogs(tx, page(filter(""))));
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.userId === alice.id)).toBe(true);
    const counts = await asAlice((tx) => countErrorsBySeverity(tx, filter("from=2000-01-01"), { admin: false }));
    const [{ n }] = await db.admin`select count(*)::int as n from public.error_logs where user_id = ${alice.id}`;
    expect(Object.values(counts).reduce((s, x) => s + x, 0)).toBe(n);
  });
});

describe("resolve and reopen", () => {
  it("resolves exactly the filtered set in one statement, stamps who and when on the server, pins the note", async () => {
    const f = filter("type=api&category=timeout");
    const [{ n: expected }] = await db.admin`select count(*)::int as n from public.error_logs where error_type = 'api' and error_category = 'timeout' and not resolved`;
    const r = await asAdmin((tx) => resolveErrors(tx, { scope: "filter", filter: f }, "Raised the upstream timeout"));
    expect(r.changed).toBe(expected);
    const rows = await db.admin`select resolved, resolved_by, resolved_at, resolution_notes from public.error_logs where error_category = 'timeout'`;
    expect(rows.every((x) => x.resolved && x.resolved_by === admin.id && x.resolved_at && x.resolution_notes === "Raised the upstream timeout")).toBe(true);
    const groups = await asAdmin((tx) => listErrorGroups(tx, f, { size: 10, after: null }));
    expect(groups.rows[0].note).toBe("Raised the upstream timeout");
    expect(groups.rows[0].resolvedAt).not.toBeNull();
    expect(groups.rows[0].regression).toBe(false);
    // a second run changes nothing
    const again = await asAdmin((tx) => resolveErrors(tx, { scope: "filter", filter: f }, "again"));
    expect(again.changed).toBe(0);
  });

  it("a resolved group that recurs is a regression; the pinned note stays", async () => {
    await db.admin`insert into public.error_logs (error_type, error_category, error_message, severity)
                   values ('api', 'timeout', ${"Upstream timed out after 99 ms for request " + crypto.randomUUID()}, 'error')`;
    const groups = await asAdmin((tx) => listErrorGroups(tx, filter("category=timeout"), { size: 10, after: null }));
    expect(groups.rows[0].regression).toBe(true);
    expect(groups.rows[0].note).toBe("Raised the upstream timeout");
    expect(groups.rows[0].unresolved).toBe(1);
  });

  it("reopens one error by id and the server clears who and when", async () => {
    const [one] = await db.admin`select id from public.error_logs where error_category = 'timeout' and resolved limit 1`;
    const r = await asAdmin((tx) => reopenErrors(tx, { scope: "ids", ids: [one.id] }, ""));
    expect(r.changed).toBe(1);
    const detail = await asAdmin((tx) => getErrorLog(tx, one.id));
    expect(detail).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null, groupNote: "Raised the upstream timeout" });
  });

  it("a user cannot resolve anything (RLS), and forged resolved_by is overwritten", async () => {
    const r = await asAlice((tx) => resolveErrors(tx, { scope: "filter", filter: filter("") }, "not mine to resolve"));
    expect(r.changed).toBe(0);
    const [row] = await db.admin`select id from public.error_logs where not resolved limit 1`;
    await asAdmin((tx) => tx.execute(dsql`update public.error_logs set resolved = true, resolved_by = ${bob.id}::uuid, resolved_at = '2000-01-01' where id = ${row.id}::uuid`));
    const [after] = await db.admin`select resolved_by, resolved_at from public.error_logs where id = ${row.id}`;
    expect(after.resolved_by).toBe(admin.id);
    expect((after.resolved_at as Date).getFullYear()).toBeGreaterThan(2000);
  });
});

describe("retention and headroom", () => {
  it("count_purgeable_logs predicts purge_old_activity_logs, which respects each retention", async () => {
    await db.admin`update public.admin_config set config_data = jsonb_set(config_data, '{log_retention_days}', '{"error_logs": 30, "user_activity_logs": 10, "agent_activity_logs": 3}')
                   where config_key = 'logging_settings'`;
    const corr = crypto.randomUUID();
    await db.admin`insert into public.user_activity_logs (user_id, correlation_id, activity_type, activity_category, created_at) values
      (${alice.id}, ${corr}, 'auth_login', 'auth', now() - interval '11 days'), (${alice.id}, ${corr}, 'auth_login', 'auth', now() - interval '9 days')`;
    await db.admin`insert into public.agent_activity_logs (user_id, correlation_id, agent_type, operation_type, operation_category, created_at) values
      (${alice.id}, ${corr}, 'chat_model_agent', 'streaming', 'generation', now() - interval '4 days'), (${alice.id}, ${corr}, 'chat_model_agent', 'streaming', 'generation', now() - interval '2 days')`;
    await db.admin`insert into public.error_logs (error_type, error_category, error_message, resolved, created_at) values
      ('app', 'purge-test', 'old resolved', true, now() - interval '31 days'),
      ('app', 'purge-test', 'old open', false, now() - interval '31 days'),
      ('app', 'purge-test', 'new resolved', true, now() - interval '29 days')`;
    const [pred] = await runAs(app.db, claimsFor(admin), (tx) => tx.execute(dsql`select * from public.count_purgeable_logs()`)) as unknown as Record<string, unknown>[];
    await expect(runAs(app.db, claimsFor(alice), (tx) => tx.execute(dsql`select * from public.count_purgeable_logs()`))).rejects.toThrow();
    const [res] = await runAs(app.db, claimsFor(admin), (tx) => tx.execute(dsql`select * from public.purge_old_activity_logs()`)) as unknown as Record<string, unknown>[];
    expect(Number(pred.user_logs)).toBe(Number(res.user_logs_deleted));
    expect(Number(pred.agent_logs)).toBe(Number(res.agent_logs_deleted));
    expect(Number(pred.error_logs)).toBe(Number(res.error_logs_deleted));
    expect(Number(res.error_logs_deleted)).toBeGreaterThanOrEqual(1);
    const left = await db.admin`select error_message from public.error_logs where error_category = 'purge-test' order by 1`;
    expect(left.map((r) => r.error_message)).toEqual(["new resolved", "old open"]);
    const [{ u, a }] = await db.admin`select (select count(*) from public.user_activity_logs where correlation_id = ${corr})::int as u,
                                             (select count(*) from public.agent_activity_logs where correlation_id = ${corr})::int as a`;
    expect([u, a]).toEqual([1, 1]);
  });

  it("headroom: calendar-aligned windows against the effective limits, own rows for users", async () => {
    const now = new Date();
    const m = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const h = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const prevHour = new Date(h.getTime() - 3_600_000);
    const rows = [
      { user_id: alice.id, agent_type: "chat_model_agent", period_start: m, period_end: new Date(m.getTime() + 60_000), request_count: 3, limit_type: "minute", limit_value: 10 },
      { user_id: alice.id, agent_type: "chat_model_agent", period_start: h, period_end: new Date(h.getTime() + 3_600_000), request_count: 40, limit_type: "hourly", limit_value: 100 },
      { user_id: alice.id, agent_type: "chat_model_agent", period_start: prevHour, period_end: h, request_count: 99, limit_type: "hourly", limit_value: 100 },
      { user_id: alice.id, agent_type: "chat_model_agent", period_start: d, period_end: new Date(d.getTime() + 86_400_000), request_count: 120, limit_type: "daily", limit_value: 1000 },
      { user_id: bob.id, agent_type: "mermaid_agent", period_start: h, period_end: new Date(h.getTime() + 3_600_000), request_count: 5, limit_type: "hourly", limit_value: 5 },
    ];
    await db.admin`insert into public.rate_limit_tracking ${db.admin(rows)}`;
    const limits = await db.admin`select * from public.effective_rate_limits()`;
    const chat = limits.find((l) => l.agent_type === "chat_model_agent")!;
    const all = (await asAdmin((tx) => tx.execute(dsql`select * from public.rate_limit_headroom() order by closeness desc`))) as unknown as Record<string, unknown>[];
    const a = all.find((r) => r.user_id === alice.id)!;
    expect([Number(a.minute_used), Number(a.hour_used), Number(a.day_used)]).toEqual([3, 40, 120]); // last hour's 99 does not count
    expect(a.per_hour).toBe(chat.per_hour);
    expect(String(a.source)).toContain("chat_model_agent_");
    const own = (await asAlice((tx) => tx.execute(dsql`select * from public.rate_limit_headroom()`))) as unknown as Record<string, unknown>[];
    expect(own.every((r) => r.user_id === alice.id)).toBe(true);
    expect(own.length).toBe(1);
  });
});
