/**
 * Bonus windows and progress (issue 8): an admin creates a window (in a far future, so the
 * default "current" window of the other tests stays the seeded one); a manager sees each
 * person's tier and projection; a user sees only their own progress.
 */
import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { demo } from "./support/accounts";

/** Sign in, allowing a loaded machine more time than the shared helper's 10 s to leave /login. */
async function signInSlow(page: import("@playwright/test").Page, account: { email: string; password: string }, next: string) {
  const login = new LoginPage(page);
  await login.goto(next);
  await login.fill(account.email, account.password);
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
}

// The pages aggregate over the whole demo team; give a loaded machine room.
test.describe.configure({ timeout: 180_000 });

test("an admin creates a bonus window with targets in their time zone", async ({ page, db }) => {
  const name = `E2E window ${Date.now()}`;
  await signInSlow(page, demo.admin, "/admin/bonus-windows");
  await page.getByRole("button", { name: "New window" }).click();
  const dialog = page.getByRole("dialog", { name: "New bonus window" });
  await dialog.getByLabel("Time zone of the start and end").selectOption("Europe/Berlin");
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Start", { exact: true }).fill("2031-03-01T09:00");
  await dialog.getByLabel("End", { exact: true }).fill("2031-03-15T18:00");
  await dialog.getByLabel("Tier 1 tasks").fill("10");
  await dialog.getByLabel("Tier 1 feedback").fill("0");
  await dialog.getByLabel("Tier 2 tasks").fill("5");
  await dialog.getByRole("button", { name: "Create window" }).click();
  // Tier 2 below tier 1 is refused, per field.
  await expect(dialog.getByText("Tier 2 needs at least as many tasks as tier 1.")).toBeVisible();
  await dialog.getByLabel("Tier 2 tasks").fill("20");
  await dialog.getByRole("button", { name: "Create window" }).click();
  await expect(page.getByRole("table", { name: "Bonus windows" }).getByText(name)).toBeVisible();

  // 09:00 in Berlin on 1 March (CET, UTC+1) is 08:00 UTC.
  const [w] = await db`select "startTime", "endTime", "targetTaskCount", "targetFeedbackCount", "targetTaskCountTier2" from public.bonus_windows where name = ${name}`;
  expect((w.startTime as Date).toISOString()).toBe("2031-03-01T08:00:00.000Z");
  expect((w.endTime as Date).toISOString()).toBe("2031-03-15T17:00:00.000Z");
  expect([w.targetTaskCount, w.targetFeedbackCount, w.targetTaskCountTier2]).toEqual([10, 0, 20]);
  await page.screenshot({ path: "test-results/issue8-bonus-windows.png", fullPage: true });
  await db`delete from public.bonus_windows where name = ${name}`;
});

test("a manager sees each person's tier and projection in the current window", async ({ page, db }) => {
  await signInSlow(page, demo.manager, "/bonus");
  const table = page.getByRole("table", { name: "Progress per person" });
  await expect(table).toBeVisible();
  const rows = table.getByTestId("bonus-row");
  const [{ n }] = await db`select count(*)::int as n from public.profiles where role in ('USER', 'MANAGER')`;
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(n as number);
  const alice = rows.filter({ hasText: demo.user.email });
  await expect(alice).toHaveCount(1);
  await expect(alice.getByRole("cell", { name: /^Tier [12]$/ })).toBeVisible();
  await expect(alice.getByRole("cell", { name: /^[\d,]+ tasks · [\d,]+ feedback/ })).toBeVisible();
  await expect(alice.getByRole("cell", { name: /On track|at risk|At risk|reached|Final/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Tasks per person/ })).toBeVisible();
  // highest tier first
  const rank = (t: string) => (t.includes("Tier 2") ? 2 : t.includes("Tier 1") ? 1 : 0);
  const tiers = (await rows.locator("td:nth-child(4)").allInnerTexts()).map(rank);
  expect(tiers).toEqual([...tiers].sort((a, b) => b - a));
  await page.screenshot({ path: "test-results/issue8-bonus-manager.png", fullPage: true });
});

test("a user sees only their own bonus progress", async ({ page }) => {
  await signInSlow(page, demo.user, "/bonus");
  await expect(page.getByRole("heading", { name: "My bonus progress" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Progress per person" }).getByTestId("bonus-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(demo.user.email);
  await page.screenshot({ path: "test-results/issue8-bonus-user.png", fullPage: true });
});
