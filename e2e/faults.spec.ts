/**
 * Faults (issue 9), on a private stack (e2e/support/own-stack.ts) so that stopping its Postgres
 * or Auth API or killing its server does not disturb the other specs:
 *
 * - Postgres stopped while the app serves: pages answer 503 "Database unreachable", server actions
 *   report the failure and write nothing; after Postgres restarts the next request works, with the
 *   same app process. No row is lost.
 * - Auth API stopped: signed-in pages keep working while the access token is fresh; sign-in says
 *   the service is unavailable; once the Auth API is back, the same session carries on.
 * - A server action killed mid-transaction (its connection terminated, or the whole server killed
 *   with SIGKILL) leaves no partial rows.
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { demo, insertAccount, type Account } from "./support/accounts";
import { diffFingerprints, fingerprint, totalRows } from "./support/db-fingerprint";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { callAction, cookieHeader, discoverActions, type ServerAction } from "./support/server-actions";
import { recordSuite } from "./support/suite-summary";

/**
 * Long enough that no token of these tests nears its end: auth-js refreshes in a token's last
 * 90 s, and with the Auth API down each such request waits out its retries (about 30 s) before
 * carrying on with the still-valid token; on a loaded machine that turns into timeouts rather
 * than a finding. What happens at expiry is auth-js's documented path (SECURITY.md).
 */
const JWT_EXPIRY_SECONDS = 900;

// Not serial: a failing test does not hide the others' findings (a new worker starts a new stack).
test.describe.configure({ timeout: 300_000 });

let stack: OwnStack;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startOwnStack({ label: "faults", jwtExpirySeconds: JWT_EXPIRY_SECONDS });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function signedIn(browser: Browser, account: Pick<Account, "email" | "password">): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: stack.appUrl });
  const page = await context.newPage();
  // The private stack's first sign-ins can be slow on a loaded machine: a longer wait than the fixtures'.
  const login = new LoginPage(page);
  await login.goto();
  await login.fill(account.email, account.password);
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
  return context;
}

function action(name: string): ServerAction {
  const a = discoverActions().find((x) => x.name === name);
  if (!a) throw new Error(`No server action ${name} in the build`);
  return a;
}

test("Postgres stopped: pages answer 503 'Database unreachable', actions fail and write nothing; it recovers without an app restart", async ({
  browser,
}) => {
  const context = await signedIn(browser, demo.admin);
  const page = await context.newPage();
  expect((await page.goto("/admin/users"))?.status()).toBe(200);
  const cookie = cookieHeader(await context.cookies());
  const [target] = await stack.sql<{ id: string; role: string }[]>`
    select id, role::text from public.profiles where email = 'e2e-list-01@example.test'`;
  const before = await fingerprint(stack.sql);
  const appPid = stack.app.appPid;

  await stack.stopPostgres();
  const statuses: number[] = [];
  try {
    // A server action: a clear failure as its result, not a crash. (First, while the access
    // token is valid: the Auth API keeps its sessions in this Postgres too, so an expired token
    // could not be refreshed during the outage and the answer would be "session ended".)
    const res = await callAction(stack.appUrl, action("changeUserRole"), [null, { userId: target.id, role: target.role === "MANAGER" ? "USER" : "MANAGER" }], { cookie });
    expect(res.status).toBe(200);
    expect(res.result).toMatchObject({ ok: false, message: expect.stringMatching(/database is unreachable/i) });

    // The first request that meets the outage renders the app's error page (Next chooses that
    // status: 500); from then on middleware.ts answers 503 until Postgres is reachable again.
    const first = await page.goto("/admin/users");
    statuses.push(first?.status() ?? 0);
    expect([500, 503]).toContain(first?.status());
    await expect(page.getByRole("heading", { name: "Database unreachable" })).toBeVisible();

    for (const url of ["/admin/users", "/", "/chats", "/admin/users?role=ADMIN"]) {
      const res = await fetch(new URL(url, stack.appUrl), { headers: { Cookie: cookie }, redirect: "manual" });
      statuses.push(res.status);
      expect(res.status, url).toBe(503);
      expect(res.headers.get("retry-after")).toBeTruthy();
      expect(await res.text(), url).toContain("Database unreachable");
    }
    const again = await page.goto("/admin/users");
    expect(again?.status()).toBe(503);
    await expect(page.getByRole("heading", { name: "Database unreachable" })).toBeVisible();

  } finally {
    await stack.startPostgres();
  }

  // The next request works, served by the same process. (A new tab: the old one reloads itself
  // every few seconds while the 503 page shows, which would abort a navigation made there.)
  await page.close();
  const fresh = await context.newPage();
  const back = await fresh.goto("/admin/users");
  expect(back?.status()).toBe(200);
  await expect(fresh.getByRole("table", { name: "Users" })).toBeVisible();
  expect(stack.app.appPid).toBe(appPid);
  const after = await fingerprint(stack.sql);
  expect(diffFingerprints(before, after)).toEqual([]);
  const [{ role }] = await stack.sql<{ role: string }[]>`select role::text from public.profiles where id = ${target.id}`;
  expect(role).toBe(target.role);
  await context.close();
  recordSuite("faults", { "faults injected": 1, "requests during the outage": statuses.length + 1, "rows lost": 0, "rows checked": totalRows(after) });
});

test("Auth API stopped: signed-in pages keep working, sign-in says the service is unavailable, the session survives", async ({
  browser,
}) => {
  const context = await signedIn(browser, demo.user);
  const page = await context.newPage();
  await stack.app.stopAuth();
  try {
    // The access token is verified locally with the cached JWKS: no Auth API needed.
    for (const url of ["/", "/chats", "/usage"]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      await expect(page.getByTestId("viewer-email").filter({ visible: true })).toHaveText(demo.user.email);
    }
    // Signing in needs the Auth API: a clear message, not a crash or "wrong password".
    const other = await browser.newContext({ baseURL: stack.appUrl });
    const login = new LoginPage(await other.newPage());
    await login.goto();
    await login.fill(demo.manager.email, demo.manager.password);
    await expect(login.error()).toHaveText(/sign-in service is unavailable/i, { timeout: 30_000 });
    await other.close();

  } finally {
    await stack.app.startAuth();
  }
  // The Auth API is back: the cookies were kept (a network failure does not end a session), so
  // the same browser is signed in again without typing a password.
  await page.goto("/chats");
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId("viewer-email").filter({ visible: true })).toHaveText(demo.user.email);
  await context.close();
  recordSuite("faults", { "faults injected": 1 });
});

/** N fresh PENDING accounts, and a trigger that stalls the update of the 5th row an UPDATE touches. */
async function arrangeStalledApproval(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await insertAccount(stack.sql, { email: `fault-${randomUUID().slice(0, 8)}@example.test`, password: "fault-pass-1", role: "PENDING", name: `Fault ${i}` }),
    );
  }
  await stack.sql.unsafe(`
    create or replace function public.__fault_stall() returns trigger language plpgsql as $$
    declare n int := coalesce(nullif(current_setting('fault.count', true), ''), '0')::int + 1;
    begin
      perform set_config('fault.count', n::text, true);
      if n = 5 then perform pg_advisory_xact_lock(424242); end if;
      return new;
    end $$;
    drop trigger if exists __fault_stall on public.profiles;
    create trigger __fault_stall before update on public.profiles for each row execute function public.__fault_stall();`);
  return ids;
}

async function dropStall() {
  await stack.sql.unsafe(`drop trigger if exists __fault_stall on public.profiles; drop function if exists public.__fault_stall();`);
}

/** Waits until the app's backend is blocked inside its transaction; returns its pid and how many rows it had already updated. */
async function waitUntilMidTransaction(ids: string[]): Promise<{ pid: number; updatedInFlight: number }> {
  for (let i = 0; i < 100; i++) {
    const [row] = await stack.sql<{ pid: number }[]>`
      select pid from pg_stat_activity
       where wait_event_type = 'Lock' and wait_event = 'advisory' and query ilike '%update%profiles%'`;
    if (row) {
      // Rows already updated by that transaction are row-locked by it: SKIP LOCKED leaves them out.
      const free = await stack.sql.begin(async (tx) => {
        const r = await tx<{ n: number }[]>`select count(*)::int as n from (select 1 from public.profiles where id = any(${ids}) for update skip locked) s`;
        return r[0].n;
      });
      return { pid: row.pid, updatedInFlight: ids.length - free };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("The action never reached the stalled row");
}

async function pendingCount(ids: string[]): Promise<number> {
  const [{ n }] = await stack.sql<{ n: number }[]>`select count(*)::int as n from public.profiles where id = any(${ids}) and role = 'PENDING'`;
  return n;
}

test("a server action whose transaction is cut off mid-way writes nothing and says so", async ({ browser }) => {
  const context = await signedIn(browser, demo.admin);
  const cookie = cookieHeader(await context.cookies());
  const ids = await arrangeStalledApproval(12);
  const holder = await stack.sql.reserve();
  try {
    await holder`select pg_advisory_lock(424242)`;
    const call = callAction(stack.appUrl, action("approveUsers"), [null, { userIds: ids }], { cookie });
    const { pid, updatedInFlight } = await waitUntilMidTransaction(ids);
    // Four rows written inside the open transaction and the fifth locked mid-update (its BEFORE
    // trigger waits): all of them row-locked by the action.
    expect(updatedInFlight).toBe(5);
    await stack.sql`select pg_terminate_backend(${pid})`;
    const res = await call;
    expect(res.status).toBeLessThan(500);
    expect(res.result).toMatchObject({ ok: false });
  } finally {
    await holder`select pg_advisory_unlock_all()`;
    holder.release();
    await dropStall();
  }
  expect(await pendingCount(ids)).toBe(ids.length);
  await context.close();
  recordSuite("faults", { "faults injected": 1, "rows lost": 0 });
});

test("the server killed (SIGKILL) mid-transaction leaves no partial rows, and a restarted server carries on", async ({ browser }) => {
  const context = await signedIn(browser, demo.admin);
  const cookie = cookieHeader(await context.cookies());
  const ids = await arrangeStalledApproval(12);
  const holder = await stack.sql.reserve();
  try {
    await holder`select pg_advisory_lock(424242)`;
    const call = callAction(stack.appUrl, action("approveUsers"), [null, { userIds: ids }], { cookie }).catch((e: Error) => e);
    const { updatedInFlight } = await waitUntilMidTransaction(ids);
    expect(updatedInFlight).toBe(5);
    process.kill(stack.app.appPid, "SIGKILL");
    expect(await call).toBeInstanceOf(Error); // the connection died with the server
  } finally {
    // Let the orphaned backend finish its statement: it then finds its client gone and rolls back.
    await holder`select pg_advisory_unlock_all()`;
    holder.release();
  }
  await expect.poll(async () => (await stack.sql`select 1 from pg_stat_activity where wait_event = 'advisory'`).length).toBe(0);
  await dropStall();
  expect(await pendingCount(ids)).toBe(ids.length);

  await stack.restartApp();
  const page = await context.newPage();
  expect((await page.goto("/admin/users"))?.status()).toBe(200);
  // And the same approval, uninterrupted, is all or nothing the other way: all 12 approved.
  const res = await callAction(stack.appUrl, action("approveUsers"), [null, { userIds: ids }], { cookie: cookieHeader(await context.cookies()) });
  expect(res.result).toMatchObject({ ok: true, approved: ids.length });
  expect(await pendingCount(ids)).toBe(0);
  await context.close();
  recordSuite("faults", { "faults injected": 1, "rows lost": 0 });
});
