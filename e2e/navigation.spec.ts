import { expect, test } from "./fixtures";
import { demo } from "./support/accounts";

const USER_NAV = ["Chats", "Documents", "Sessions", "Directives", "Contexts", "Projects", "My usage", "My limits", "My errors"];
const MANAGER_NAV = [...USER_NAV, "Bonus progress"];
const ADMIN_NAV = [
  ...MANAGER_NAV,
  "Users",
  "Models",
  "Agents",
  "Settings",
  "Errors",
  "Activity",
  "Rate limits",
  "Usage",
  "Bonus windows",
];

const cases = [
  { who: "user", account: demo.user, nav: USER_NAV, badge: "User" },
  { who: "manager", account: demo.manager, nav: MANAGER_NAV, badge: "Manager" },
  { who: "admin", account: demo.admin, nav: ADMIN_NAV, badge: "Admin" },
] as const;

for (const c of cases) {
  test(`the demo ${c.who} signs in and sees exactly their navigation`, async ({ signIn, shell, page }) => {
    await signIn(c.account);
    await expect(page).toHaveURL(/\/$/);
    expect(await shell.navLinks()).toEqual(c.nav);
    await shell.expectSignedInAs(c.account.email);
    await expect(shell.viewerRole()).toHaveText(c.badge);
    await expect(shell.signOutButton()).toBeVisible();
  });
}

test("a user opening /admin gets 403 and no admin data", async ({ signIn, page }) => {
  await signIn(demo.user);
  for (const path of ["/admin", "/admin/users", "/admin/users?role=ADMIN", "/admin/models"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    // Nobody else's account appears on the page.
    await expect(page.getByText(demo.admin.email)).toHaveCount(0);
  }
  // The CSV export answers 403 as well, with no rows.
  const csv = await page.request.get("/admin/users/export");
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain("@example.com");
});

test("a manager may open bonus progress but not the admin section", async ({ signIn, page }) => {
  await signIn(demo.manager);
  const bonus = await page.goto("/bonus");
  expect(bonus?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Bonus progress", level: 1 })).toBeVisible();
  const admin = await page.goto("/admin/users");
  expect(admin?.status()).toBe(403);
});

test("a user opening bonus progress sees only their own (issue 8)", async ({ signIn, page }) => {
  await signIn(demo.user);
  const response = await page.goto("/bonus");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "My bonus progress" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Progress per person" }).getByTestId("bonus-row")).toHaveCount(1);
});

test("a pending account sees the waiting page and nothing else", async ({ signIn, page }) => {
  await signIn(demo.pending);
  await expect(page).toHaveURL(/\/pending$/);
  await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
  await expect(page.getByText(demo.pending.email)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  for (const path of ["/", "/chats", "/admin/users"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/pending$/);
  }
});

test("a signed-out visitor is sent to sign in, then back to the page asked for", async ({ page, loginPage }) => {
  await page.goto("/admin/users?role=ADMIN");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers%3Frole%3DADMIN$/);
  await loginPage.fill(demo.admin.email, demo.admin.password);
  await expect(page).toHaveURL(/\/admin\/users\?role=ADMIN$/);
  await expect(page.getByRole("table", { name: "Users" })).toBeVisible();
});

test("unknown pages answer 404", async ({ signIn, page }) => {
  await signIn(demo.user);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("on a narrow screen the menu button opens the navigation; Escape, a click outside, Tab away and a new page close it", async ({ signIn, shell, page }) => {
  await page.setViewportSize({ width: 420, height: 900 });
  await signIn(demo.user);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(shell.nav()).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  expect(await shell.navLinks()).toEqual(USER_NAV);
  await shell.expectSignedInAs(demo.user.email);
  await page.keyboard.press("Escape");
  await expect(shell.nav()).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.click();
  await page.getByRole("main").click({ position: { x: 5, y: 5 } });
  await expect(shell.nav()).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Shift+Tab"); // focus goes before the button, out of the menu
  await expect(shell.nav()).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await shell.navLink("Documents").click();
  await expect(page).toHaveURL(/\/documents$/);
  await expect(shell.nav()).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});
