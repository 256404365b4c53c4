/**
 * Screenshots of the main pages into test-results/screenshots/, for a person to look at after a
 * change to the look of the console. Each one also checks that its page rendered.
 */
import path from "node:path";
import { expect, test } from "./fixtures";
import { demo } from "./support/accounts";

const dir = path.resolve("test-results/screenshots");
const shot = (name: string) => ({ path: path.join(dir, `${name}.png`), fullPage: true });

test("screenshots: public pages", async ({ page, loginPage }) => {
  await loginPage.goto();
  await page.screenshot(shot("01-sign-in"));
  await loginPage.fill(demo.user.email, "wrong-password");
  await expect(loginPage.error()).toBeVisible();
  await page.screenshot(shot("02-sign-in-error"));
  await page.goto("/signup");
  await page.screenshot(shot("03-sign-up"));
});

test("screenshots: pending", async ({ signIn, page }) => {
  await signIn(demo.pending);
  await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
  await page.screenshot(shot("04-pending"));
});

test("screenshots: user", async ({ signIn, page }) => {
  await signIn(demo.user);
  await page.screenshot(shot("05-user-overview"));
  await page.goto("/chats");
  await page.screenshot(shot("06-coming-soon"));
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await page.screenshot(shot("07-forbidden"));
  await page.goto("/nope");
  await page.screenshot(shot("08-not-found"));
});

test("screenshots: admin", async ({ signIn, page, usersPage }) => {
  await signIn(demo.admin);
  await page.screenshot(shot("09-admin-overview"));
  await usersPage.goto("?size=10");
  await page.screenshot(shot("10-admin-users"));
  await page.getByRole("button", { name: /^Role filter/ }).click();
  await page.screenshot(shot("11-admin-users-role-filter"));
  await page.keyboard.press("Escape");
  await usersPage.goto("?q=e2e-list&role=PENDING");
  await usersPage.row("e2e-list-03@example.test").getByRole("checkbox").check();
  await page.screenshot(shot("12-admin-users-selection"));
  await usersPage.row("e2e-list-03@example.test").getByRole("button", { name: /^Actions for/ }).click();
  await page.screenshot(shot("13-admin-users-row-menu"));
  await page.getByRole("button", { name: "Ban…" }).click();
  await expect(page.getByRole("dialog", { name: "Ban account" })).toBeVisible();
  await page.screenshot(shot("14-admin-users-ban-dialog"));
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 420, height: 900 });
  await usersPage.goto("?size=10");
  await page.screenshot(shot("15-admin-users-narrow"));
});
