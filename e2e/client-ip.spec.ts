/**
 * Issue 16, item 3, against the real app (`next start`, the Auth stand-in, Postgres) with
 * TRUSTED_PROXY unset: a client-chosen X-Forwarded-For neither escapes the per-IP limit nor
 * reaches the logs, and a stranger failing the admin's password cannot lock the admin out.
 *
 * Its own stack: these tests use up sign-in limits, which must not spill into the shared stack.
 * Distinct client addresses come from the loopback network: the app listens on every address
 * (`next start` without -H), so a browser opening http://127.0.0.2:<port> is peer 127.0.0.2 and
 * one opening http://127.0.0.3:<port> is peer 127.0.0.3 (Linux routes all of 127/8 to lo).
 */
import net from "node:net";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { demo } from "./support/accounts";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { recordSuite } from "./support/suite-summary";

test.describe.configure({ mode: "serial", timeout: 300_000 });

let stack: OwnStack;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startOwnStack({ label: "client-ip" });
});

test.afterAll(async () => {
  await stack?.stop();
});

/** The app's URL as seen from the loopback address `host`. */
const appAt = (host: string) => {
  const u = new URL(stack.appUrl);
  u.hostname = host;
  return u.origin;
};

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
    s.on("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function loginPageAt(browser: Browser, host: string): Promise<{ page: Page; login: LoginPage; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: appAt(host) });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  return { page, login, close: () => context.close() };
}

/** Submits the form and waits for the action's answer. */
async function submit(page: Page, login: LoginPage, email: string, password: string) {
  await login.email().fill(email);
  await login.password().fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
    login.submit().click(),
  ]);
}

const INVALID = "Invalid email or password";
// The app's own limit states the wait; the Auth API's 429 would read "Wait a minute and try again".
const TOO_MANY = /^Too many attempts\. Try again in \d+ (second|minute)s?\.$/;

test("40 failed sign-ins, each with a different X-Forwarded-For, are limited as one address", async ({ browser }) => {
  const port = Number(new URL(stack.appUrl).port);
  test.skip(!(await reachable("127.0.0.2", port)), "127.0.0.2 is not a loopback address here (not Linux); tests/db/sign-in-limits.test.ts covers the rule");
  const { page, login, close } = await loginPageAt(browser, "127.0.0.2");
  for (let i = 0; i < 40; i++) {
    // A different claimed address each time, as an attacker rotating the header would send.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.${i + 1}`, "X-Real-IP": `198.51.100.${i + 1}` });
    await submit(page, login, `spray-${i}@example.test`, "wrong-password");
    // 30 failures per address per 5 minutes, then the app's own refusal.
    await expect(login.error(), `attempt ${i + 1}`).toHaveText(i < 30 ? INVALID : TOO_MANY);
  }
  await close();

  // Counted against the peer only; none of the claimed addresses was believed.
  const keys = await stack.sql<{ ip_key: string }[]>`select distinct ip_key from public.sign_in_limits where scope = 'sign_in_ip'`;
  expect(keys.map((k) => k.ip_key)).toEqual(["127.0.0.2"]);
  recordSuite("client ip", { "sign-ins with a rotated X-Forwarded-For": 40, "let through past the per-IP limit": 0 });
});

test("a stranger failing the admin's password 15 times from one address does not lock the admin out of another", async ({ browser }) => {
  const port = Number(new URL(stack.appUrl).port);
  test.skip(
    !(await reachable("127.0.0.3", port)) || !(await reachable("127.0.0.4", port)),
    "127.0.0.3/4 are not loopback addresses here (not Linux); tests/db/sign-in-limits.test.ts covers the rule",
  );
  const stranger = await loginPageAt(browser, "127.0.0.3");
  for (let i = 0; i < 15; i++) {
    await submit(stranger.page, stranger.login, demo.admin.email, `guess-${i}`);
    // 5 failures free per account and address, then backoff.
    await expect(stranger.login.error(), `guess ${i + 1}`).toHaveText(i < 5 ? INVALID : TOO_MANY);
  }
  // Even the right password waits at the stranger's address.
  await submit(stranger.page, stranger.login, demo.admin.email, demo.admin.password);
  await expect(stranger.login.error()).toHaveText(TOO_MANY);
  await stranger.close();

  // The admin, from elsewhere, signs in at once.
  const admin = await loginPageAt(browser, "127.0.0.4");
  await admin.login.fill(demo.admin.email, demo.admin.password);
  await expect(admin.page).not.toHaveURL(/\/login/);
  await admin.close();
  recordSuite("client ip", { "stranger's failed sign-ins on the admin": 15, "admin lockouts": 0 });
});
