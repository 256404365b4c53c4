/**
 * Issue 5 in the browser: error triage as an admin (filter by severity and date, search, resolve
 * three in bulk with a note, reopen one, resolve everything matching a filter after a counted
 * confirmation), a correlation timeline, rate-limit headroom, and a user's view (own errors
 * only, no admin URL). Every test makes its own rows, tagged with a unique word, so parallel
 * specs never act on each other's data.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type postgres from "postgres";
import { expect, test as base } from "./fixtures";
import { ErrorsPage } from "./pages/errors-page";
import { LoginPage } from "./pages/login-page";
import { demo } from "./support/accounts";
import { stackState } from "./support/stack-state";

// Sign-in (bcrypt in the Auth stand-in, then the first render) can take longer than the
// default 10 s step on a machine shared by several test runs: the same sign-in, more patience.
const test = base.extend({
  signIn: async ({ page }, use) => {
    await use(async (account, next) => {
      const login = new LoginPage(page);
      await login.goto(next);
      await login.fill(account.email, account.password);
      await expect(page).not.toHaveURL(/\/login/, { timeout: 45_000 });
    });
  },
  newSession: async ({ browser, baseURL }, use) => {
    const opened: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (account) => {
      const context = await browser.newContext({ baseURL });
      opened.push(context);
      const page = await context.newPage();
      const login = new LoginPage(page);
      await login.goto();
      await login.fill(account.email, account.password);
      await expect(page).not.toHaveURL(/\/login/, { timeout: 45_000 });
      return page;
    });
    for (const c of opened) await c.close();
  },
});

// Each test signs in, seeds and drives several server renders: give a loaded machine room.
test.describe.configure({ timeout: 120_000 });

// The first request of a fresh server (pool, Auth round trips) can take longer than a step's
// timeout on a loaded machine: warm it once, outside the tests.
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ baseURL: stackState().appUrl });
  const page = await context.newPage();
  await page.goto("/login", { timeout: 90_000 });
  await page.goto("/api/health", { timeout: 90_000 });
  await context.close();
});

const tag = () => `zq${randomBytes(5).toString("hex")}`;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

async function userId(db: postgres.Sql, email: string): Promise<string> {
  const [r] = await db`select id from public.profiles where email = ${email}`;
  return r.id as string;
}

type ErrorSeed = { severity: string; daysAgo?: number; user?: string | null; message?: string; correlationId?: string };

async function seedErrors(db: postgres.Sql, marker: string, rows: ErrorSeed[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, r] of rows.entries()) {
    const [row] = await db`
      insert into public.error_logs (user_id, error_type, error_category, error_message, error_details, request_path, request_method, severity, session_id, created_at)
      values (${r.user ?? null}, 'api', 'e2e', ${r.message ?? `E2E probe ${marker} number ${i} failed after ${100 + i} ms`},
              ${db.json({ stack: `Error: <script>alert("x")</script> probe ${marker}\n    at handler (app/api/route.ts:${i}:7)`, context: { correlation_id: r.correlationId ?? null, attempt: i } })},
              '/api/e2e', 'POST', ${r.severity}, ${`sess-${marker}`}, now() - make_interval(days => ${r.daysAgo ?? 0}) - make_interval(mins => ${i}))
      returning id`;
    ids.push(row.id as string);
  }
  return ids;
}

test.describe("admin: /admin/errors", () => {
  test("filters by severity and date, and searches a message", async ({ signIn, page, db }) => {
    const marker = tag();
    await seedErrors(db, marker, [
      { severity: "critical" },
      { severity: "warning" },
      { severity: "error" },
      { severity: "critical", daysAgo: 10 },
    ]);
    await signIn(demo.admin, "/admin/errors");
    const errors = new ErrorsPage(page);
    await errors.goto();
    // Every column of the demo data's newest page fits a laptop screen (1,360 px): nothing
    // scrolls out of sight sideways.
    await expect.poll(() => errors.rows().count()).toBeGreaterThan(10);
    const overflow = await errors.table().evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await errors.searchFor(marker);
    await expect.poll(() => errors.rows().count()).toBe(4);
    // the severity counts follow the filter (the search) for the last 30 days
    await expect(page.getByTestId("count-critical")).toHaveText("2");
    await expect(page.getByTestId("count-total")).toHaveText("4");

    await errors.filterSeverity("Critical");
    await expect.poll(() => errors.rows().count()).toBe(2);
    await expect(errors.table().getByText("Critical")).toHaveCount(2);

    const today = utcDay(new Date());
    await errors.filterDates(today, today);
    await expect.poll(() => errors.rows().count()).toBe(1);
    expect(await errors.messages()).toEqual([`E2E probe ${marker} number 0 failed after 100 ms`]);
    await expect(page.getByTestId("count-critical")).toHaveText("1");
    await page.screenshot({ path: "test-results/screens/admin-errors-filtered.png", fullPage: true });
  });

  test("resolves three in bulk with a note, then reopens one; the server stamps who and when", async ({ signIn, page, db }) => {
    const marker = tag();
    const ids = await seedErrors(db, marker, [{ severity: "error" }, { severity: "error" }, { severity: "warning" }, { severity: "info" }]);
    const adminId = await userId(db, demo.admin.email);
    await signIn(demo.admin, `/admin/errors?q=${marker}`);
    const errors = new ErrorsPage(page);
    await errors.settled();
    await expect.poll(() => errors.rows().count()).toBe(4);

    for (const i of [0, 1, 2]) await errors.rows().nth(i).getByRole("checkbox").check();
    await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Resolve selected…" }).click();
    const dialog = errors.dialog();
    await expect(dialog).toContainText("Resolve 3 errors?");
    // a bulk resolve needs a note
    await dialog.getByRole("button", { name: "Resolve 3 errors" }).click();
    await expect(dialog.getByText("Write a resolution note")).toBeVisible();
    await dialog.getByLabel("Resolution note").fill(`Fixed the probe ${marker}`);
    await dialog.getByRole("button", { name: "Resolve 3 errors" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Resolved 3 errors" })).toBeVisible();

    const resolved = () => db`select id, resolved, resolved_by, resolved_at, resolution_notes from public.error_logs where id = any(${ids}::uuid[]) order by created_at desc`;
    await expect.poll(async () => (await resolved()).map((r) => r.resolved)).toEqual([true, true, true, false]);
    const rows = await resolved();
    for (const r of rows.slice(0, 3)) {
      expect(r.resolved_by).toBe(adminId);
      expect(r.resolved_at).not.toBeNull();
      expect(r.resolution_notes).toBe(`Fixed the probe ${marker}`);
    }

    // reopen the first one from its detail panel
    await errors.table().getByRole("link", { name: `E2E probe ${marker} number 0 failed after 100 ms` }).click();
    const panel = page.getByRole("complementary", { name: "Error details" });
    await expect(panel.getByTestId("error-message")).toHaveText(`E2E probe ${marker} number 0 failed after 100 ms`);
    // the stack trace is text, never HTML
    await expect(panel.getByTestId("stack-trace")).toContainText('<script>alert("x")</script>');
    await expect(panel.getByTestId("json-tree")).toContainText("correlation_id");
    await expect(panel.getByText(`Fixed the probe ${marker}`).first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/admin-errors-detail.png", fullPage: false });
    await panel.getByRole("button", { name: "Reopen…" }).click();
    await errors.dialog().getByRole("button", { name: "Reopen 1 error" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Reopened 1 error" })).toBeVisible();
    await expect.poll(async () => (await resolved()).map((r) => [r.resolved, r.resolved_by])).toEqual([
      [false, null],
      [true, adminId],
      [true, adminId],
      [false, null],
    ]);
  });

  test("resolves everything matching the filter after a confirmation that states the count", async ({ signIn, page, db }) => {
    const marker = tag();
    const ids = await seedErrors(db, marker, Array.from({ length: 25 }, (_, i) => ({ severity: i % 2 ? "warning" : "error" })));
    await signIn(demo.admin, `/admin/errors?q=${marker}&size=10`);
    const errors = new ErrorsPage(page);
    await errors.settled();
    await page.getByRole("button", { name: "Resolve all matching…" }).click();
    // all 25, not just the 10 on this page
    await expect(errors.dialog()).toContainText("Resolve 25 errors matching the filter?");
    await errors.dialog().getByLabel("Resolution note").fill("Bulk by filter");
    await errors.dialog().getByRole("button", { name: "Resolve 25 errors" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Resolved 25 errors in 1 group" })).toBeVisible();
    const [{ n }] = await db`select count(*)::int as n from public.error_logs where id = any(${ids}::uuid[]) and resolved`;
    expect(n).toBe(25);

    // grouped: one group, the note pinned; a new occurrence marks it as a regression
    await seedErrors(db, marker, [{ severity: "error", message: `E2E probe ${marker} number 7 failed after 999 ms` }]);
    await page.goto(`/admin/errors?q=${marker}&view=groups`);
    const group = page.getByTestId("error-group");
    await expect(group).toHaveCount(1);
    await expect(group.getByTestId("pinned-note")).toContainText("Bulk by filter");
    await expect(group.getByText("Regression")).toBeVisible();
    await expect(group).toContainText("26");
    await page.screenshot({ path: "test-results/screens/admin-errors-groups.png", fullPage: true });
  });
});

test("admin: a correlation timeline shows the user action and its agent operations", async ({ signIn, page, db }) => {
  const corr = randomUUID();
  const type = `e2e_${tag()}`;
  const alice = await userId(db, demo.user.email);
  await db`insert into public.user_activity_logs (user_id, correlation_id, activity_type, activity_category, request_path, request_method, created_at)
           values (${alice}, ${corr}, ${type}, 'chat', '/api/chat', 'POST', now() - interval '5 seconds')`;
  await db`insert into public.agent_activity_logs (user_id, correlation_id, agent_type, operation_type, operation_category, model_id, provider,
             duration_ms, start_time, end_time, input_tokens, output_tokens, total_tokens, total_cost, success, created_at) values
    (${alice}, ${corr}, 'chat_model_agent', 'streaming', 'generation', 'gemini-2.0-flash', 'google', 1200, now() - interval '4.9 seconds', now() - interval '3.7 seconds', 300, 500, 800, 0.001234, true, now() - interval '3.7 seconds'),
    (${alice}, ${corr}, 'python_agent', 'code_execution', 'execution', null, null, 640, now() - interval '3.5 seconds', now() - interval '2.86 seconds', null, null, null, null, false, now() - interval '2.86 seconds')`;
  await signIn(demo.admin, `/admin/activity?activity=${type}`);
  const table = page.getByRole("table", { name: "User activity" });
  await expect(table.getByText(type)).toBeVisible();
  await table.getByRole("link", { name: `Open the correlation timeline of ${type}` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/activity/correlation/${corr}`), { timeout: 30_000 });
  const events = page.getByTestId("timeline-event");
  await expect(events).toHaveCount(3);
  await expect(events.nth(0)).toContainText(type);
  await expect(events.nth(1)).toContainText("chat_model_agent · streaming");
  await expect(events.nth(1)).toContainText("1,200 ms");
  await expect(events.nth(1)).toContainText("800 tokens");
  await expect(events.nth(2)).toContainText("Failed");
  await expect(page.getByRole("definition").filter({ hasText: "1,840 ms" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/admin-correlation.png", fullPage: true });
});

test("admin: the activity page shows retention and what a purge would delete", async ({ signIn, page }) => {
  await signIn(demo.admin, "/admin/activity?tab=agent");
  await expect(page.getByRole("heading", { name: "Retention" })).toBeVisible();
  await expect(page.getByTestId("purgeable-user")).toHaveText(/^\d[\d,]*$/);
  await expect(page.getByRole("table", { name: "Agent activity" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/admin-activity.png", fullPage: true });
});

test("rate limits: admins see everyone closest first, a user only their own headroom", async ({ signIn, page, db, newSession }) => {
  const alice = await userId(db, demo.user.email);
  const now = new Date();
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  // an agent type nobody else uses in e2e, at its hourly limit
  const [{ per_hour }] = await db`select per_hour from public.effective_rate_limits() where agent_type = 'git_mcp_agent'`;
  await db`delete from public.rate_limit_tracking where user_id = ${alice} and agent_type = 'git_mcp_agent' and period_start = ${hour}`;
  await db`insert into public.rate_limit_tracking (user_id, agent_type, period_start, period_end, request_count, limit_type, limit_value)
           values (${alice}, 'git_mcp_agent', ${hour}, ${new Date(hour.getTime() + 3_600_000)}, ${per_hour}, 'hourly', ${per_hour})`;
  await signIn(demo.admin, "/admin/rate-limits");
  const first = page.getByTestId("headroom-row").first();
  await expect(first).toContainText("at limit");
  await expect(page.getByRole("table", { name: "Effective limits" })).toContainText("admin_config");
  await page.screenshot({ path: "test-results/screens/admin-rate-limits.png", fullPage: true });

  const user = await newSession(demo.user);
  await user.goto("/usage/limits");
  const rows = user.getByTestId("headroom-row");
  await expect(rows.filter({ hasText: "git_mcp_agent" })).toContainText("at limit");
  await expect(user.getByRole("columnheader", { name: "User" })).toHaveCount(0);
});

test("a user sees only their own errors and no admin URL", async ({ signIn, page, db }) => {
  const marker = tag();
  const alice = await userId(db, demo.user.email);
  const bob = await userId(db, "bob@example.com");
  await seedErrors(db, marker, [
    { severity: "error", user: alice, message: `Alice probe ${marker}` },
    { severity: "error", user: bob, message: `Bob probe ${marker}` },
  ]);
  await signIn(demo.user, `/usage/errors?q=${marker}`);
  const table = page.getByRole("table", { name: "My errors" });
  await expect(table.getByText(`Alice probe ${marker}`)).toBeVisible();
  await expect(table.getByText(`Bob probe ${marker}`)).toHaveCount(0);
  for (const path of ["/admin/errors", "/admin/activity", "/admin/rate-limits", `/admin/activity/correlation/${randomUUID()}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});
