/**
 * Screenshots of the main pages into test-results/screenshots/, for a person to look at after a
 * change to the look of the console. Each one also asserts what its page shows before it is
 * taken: the heading, the rows or counts it is about (against the database), and no error text.
 *
 * Other specs change accounts on the same stack while this one runs (sign-ups, approvals, role
 * changes): a number or a list read from the database is read before the page renders and again
 * after, and the page must show one of the two.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import type postgres from "postgres";
import { expect, test } from "./fixtures";
import { demo, LIST_SIZE, listAccount } from "./support/accounts";

const dir = path.resolve("test-results/screenshots");
const shot = (name: string) => ({ path: path.join(dir, `${name}.png`), fullPage: true });

/** What the app's error pages say (components/shell/error-pages.tsx, Next's own error page). */
const ERROR_TEXT = /Something went wrong|Database unreachable|Application error|Internal Server Error|Unhandled Runtime Error/;

async function expectNoErrorText(page: Page) {
  await expect(page.getByText(ERROR_TEXT)).toHaveCount(0);
}

/** Reads `read()` before and after `render()`; what the page shows (`shown()`) must equal one of the two. */
async function expectShownMatchesDb<T>(render: () => Promise<void>, read: () => Promise<T>, shown: () => Promise<T>, what: string) {
  const before = await read();
  await render();
  const onPage = await shown();
  const after = await read();
  expect([JSON.stringify(before), JSON.stringify(after)], `${what}: the page shows ${JSON.stringify(onPage)}`).toContain(JSON.stringify(onPage));
}

const countRole = async (db: postgres.Sql, role: string) =>
  (await db<{ n: number }[]>`select count(*)::int as n from public.profiles where role = ${role}::public."UserRole"`)[0].n;

test("screenshots: public pages", async ({ page, loginPage }) => {
  await loginPage.goto();
  await expect(loginPage.email()).toBeVisible();
  await expect(loginPage.password()).toBeVisible();
  await expect(loginPage.submit()).toBeEnabled();
  await expect(loginPage.error()).toHaveCount(0);
  await expectNoErrorText(page);
  await page.screenshot(shot("01-sign-in"));

  await loginPage.fill(demo.user.email, "wrong-password");
  await expect(loginPage.error()).toHaveText("Invalid email or password");
  await expect(page).toHaveURL(/\/login/);
  await page.screenshot(shot("02-sign-in-error"));

  const res = await page.goto("/signup");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Create an account", level: 1 })).toBeVisible();
  for (const field of ["Name", "Email", "Password"]) await expect(page.getByLabel(field, { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");
  await expectNoErrorText(page);
  await page.screenshot(shot("03-sign-up"));
});

test("screenshots: pending", async ({ signIn, page }) => {
  await signIn(demo.pending);
  await expect(page).toHaveURL(/\/pending$/);
  await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
  // A pending account sees no part of the console.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expectNoErrorText(page);
  await page.screenshot(shot("04-pending"));
});

test("screenshots: user", async ({ signIn, page, db }) => {
  await signIn(demo.user);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByText(`Signed in as ${demo.user.email}`)).toBeVisible();
  const main = page.getByRole("main");
  // A user's overview: the workspace, not the team or admin sections.
  await expect(main.getByRole("heading", { name: "Workspace", level: 2 })).toBeVisible();
  await expect(main.getByRole("heading", { name: "Team", level: 2 })).toHaveCount(0);
  await expect(main.getByRole("heading", { name: "Admin", level: 2 })).toHaveCount(0);
  await expect(main.getByRole("link", { name: /^Chats/ })).toBeVisible();
  await expect(main.getByRole("link", { name: /^Users/ })).toHaveCount(0);
  await expectNoErrorText(page);
  await page.screenshot(shot("05-user-overview"));

  await page.goto("/chats");
  await expect(page.getByRole("heading", { name: "Chats", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Chats" });
  await expect(table).toBeVisible();
  // The demo user has more chats than a page holds: a full first page (20), all of them hers.
  const titles = table.locator("tbody tr").getByRole("link");
  await expect(titles).toHaveCount(20);
  const hers = new Set(
    (await db<{ title: string }[]>`select c.title from public."Chat" c join public.profiles p on p.id = c.user_id where p.email = ${demo.user.email}`).map((r) => r.title),
  );
  // (The browse spec adds and removes chats of hers named "E2E chat ..." while this runs.)
  const shown = (await titles.allInnerTexts()).map((t) => t.trim()).filter((t) => !t.startsWith("E2E chat"));
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((t) => !hers.has(t)), "chats shown that are not the demo user's").toEqual([]);
  await expectNoErrorText(page);
  await page.screenshot(shot("06-chats"));

  const forbidden = await page.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
  await page.screenshot(shot("07-forbidden"));

  const missing = await page.goto("/nope");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the console" })).toBeVisible();
  await page.screenshot(shot("08-not-found"));
});

test("screenshots: admin", async ({ signIn, page, usersPage, db }) => {
  await signIn(demo.admin);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  const main = page.getByRole("main");
  for (const section of ["Workspace", "Team", "Admin"]) await expect(main.getByRole("heading", { name: section, level: 2 })).toBeVisible();
  // The banner counts the accounts waiting for approval (the seeded ones at least).
  await expectShownMatchesDb(
    async () => void (await page.reload()),
    () => countRole(db, "PENDING"),
    async () => Number((await page.getByText(/accounts? (is|are) waiting for approval/).innerText()).match(/\d+/)?.[0]),
    "pending accounts on the overview",
  );
  await expectNoErrorText(page);
  await page.screenshot(shot("09-admin-overview"));

  // The newest ten accounts, newest first (the default sort: "createdAt" desc, id desc).
  await expectShownMatchesDb(
    () => usersPage.goto("?size=10"),
    async () => (await db<{ email: string }[]>`select email from public.profiles order by "createdAt" desc, id desc limit 10`).map((r) => r.email),
    () => usersPage.emails(),
    "the first page of users",
  );
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expectNoErrorText(page);
  await page.screenshot(shot("10-admin-users"));

  // The role filter lists every role with its number of accounts.
  const roles = [["ADMIN", "Admin"], ["MANAGER", "Manager"], ["USER", "User"], ["PENDING", "Pending"]] as const;
  const panel = page.getByRole("dialog", { name: "Filter by role" });
  await expectShownMatchesDb(
    async () => {
      await usersPage.goto("?size=10");
      await page.getByRole("button", { name: /^Role filter/ }).click();
      await expect(panel).toBeVisible();
    },
    async () => Object.fromEntries(await Promise.all(roles.map(async ([role]) => [role, await countRole(db, role)]))),
    async () =>
      Object.fromEntries(
        await Promise.all(roles.map(async ([role, label]) => [role, Number(await panel.locator("label").filter({ hasText: label }).locator("span.font-mono").innerText())])),
      ),
    "accounts per role in the role filter",
  );
  // (A box's name is its label and count, "Admin 3".)
  for (const [, label] of roles) await expect(panel.getByRole("checkbox", { name: new RegExp(`^${label} \\d+$`) })).not.toBeChecked();
  await page.screenshot(shot("11-admin-users-role-filter"));
  await page.keyboard.press("Escape");

  // The e2e list's pending accounts (nothing else changes these rows).
  const pendingList = Array.from({ length: LIST_SIZE }, (_, i) => listAccount(i)).filter((a) => a.role === "PENDING").map((a) => a.email).sort();
  await usersPage.goto("?q=e2e-list&role=PENDING");
  await expect.poll(async () => (await usersPage.emails()).sort()).toEqual(pendingList);
  await usersPage.row("e2e-list-03@example.test").getByRole("checkbox").check();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.screenshot(shot("12-admin-users-selection"));

  await usersPage.row("e2e-list-03@example.test").getByRole("button", { name: /^Actions for/ }).click();
  for (const item of ["Change role…", "Reset password…", "Ban…"]) await expect(page.getByRole("button", { name: item })).toBeEnabled();
  await page.screenshot(shot("13-admin-users-row-menu"));

  await page.getByRole("button", { name: "Ban…" }).click();
  const ban = page.getByRole("dialog", { name: "Ban account" });
  await expect(ban).toBeVisible();
  await expect(ban).toContainText("e2e-list-03@example.test");
  await expect(ban.getByRole("button", { name: "Ban account" })).toBeEnabled();
  await page.screenshot(shot("14-admin-users-ban-dialog"));
  await page.keyboard.press("Escape");
  await expect(ban).toBeHidden();

  await page.setViewportSize({ width: 420, height: 900 });
  await usersPage.goto("?size=10");
  await expect(usersPage.bodyRows()).toHaveCount(10);
  await expectNoErrorText(page);
  await page.screenshot(shot("15-admin-users-narrow"));
});
