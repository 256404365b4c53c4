import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { demo, e2e, LIST_SIZE, listAccount } from "./support/accounts";
import { callAction, cookieHeader, discoverActions } from "./support/server-actions";

const LIST = Array.from({ length: LIST_SIZE }, (_, i) => listAccount(i));
const byEmail = [...LIST].map((a) => a.email).sort();

test.beforeEach(async ({ signIn }) => {
  await signIn(demo.admin);
});

test("sorts on the server, both ways, with the state in the URL", async ({ usersPage, page }) => {
  await usersPage.goto("?q=e2e-list&sort=email.asc&size=100");
  await expect.poll(() => usersPage.emails()).toEqual(byEmail);
  await expect(usersPage.columnHeader("Email")).toHaveAttribute("aria-sort", "ascending");

  await usersPage.sortBy("Email");
  await usersPage.waitForUrl(/sort=email\.desc/);
  await expect.poll(() => usersPage.emails()).toEqual([...byEmail].reverse());
  await expect(usersPage.columnHeader("Email")).toHaveAttribute("aria-sort", "descending");

  // Created, newest first: list-01 joined an hour ago, list-25 a day ago.
  await usersPage.sortBy("Created");
  await usersPage.waitForUrl(/sort=created\./);
  const desc = page.url().includes("created.desc");
  const expected = LIST.map((a) => a.email);
  await expect.poll(() => usersPage.emails()).toEqual(desc ? expected : [...expected].reverse());
});

test("filters by text, by role and by date, and resets", async ({ usersPage, page }) => {
  await usersPage.goto("?size=100");
  await usersPage.searchFor("e2e-list");
  await expect.poll(async () => (await usersPage.emails()).sort()).toEqual(byEmail);

  await usersPage.filterRole("Admin");
  await usersPage.waitForUrl(/role=ADMIN/);
  const admins = LIST.filter((a) => a.role === "ADMIN").map((a) => a.email).sort();
  await expect.poll(async () => (await usersPage.emails()).sort()).toEqual(admins);

  // A date range that ends before any of these accounts existed leaves nothing.
  await page.goto(`/admin/users?q=e2e-list&role=ADMIN&to=2000-01-01`);
  await expect(page.getByText("No accounts match these filters")).toBeVisible();

  await page.getByRole("button", { name: "Reset filters" }).click();
  await usersPage.waitForUrl(/\/admin\/users$/);
  await expect(usersPage.search()).toHaveValue("");
});

test("pages by keyset: next, previous and first", async ({ usersPage, page }) => {
  await usersPage.goto("?q=e2e-list&sort=email.asc&size=10");
  await expect.poll(() => usersPage.emails()).toEqual(byEmail.slice(0, 10));

  await usersPage.nextPage();
  await usersPage.waitForUrl(/after=/);
  await expect.poll(() => usersPage.emails()).toEqual(byEmail.slice(10, 20));
  await expect(page.getByText("Page 2")).toBeVisible();

  await usersPage.nextPage();
  await usersPage.waitForUrl(/page=3/);
  await expect.poll(() => usersPage.emails()).toEqual(byEmail.slice(20));
  await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();

  await usersPage.previousPage();
  await usersPage.waitForUrl(/before=/);
  await expect.poll(() => usersPage.emails()).toEqual(byEmail.slice(10, 20));

  await page.getByRole("button", { name: "First page" }).click();
  await usersPage.waitForUrl(/^(?!.*(after|before)=).*$/);
  await expect.poll(() => usersPage.emails()).toEqual(byEmail.slice(0, 10));

  // The page is in the URL: reloading shows the same rows.
  await usersPage.nextPage();
  await usersPage.waitForUrl(/after=/);
  await page.reload();
  await expect.poll(() => usersPage.emails()).toEqual(byEmail.slice(10, 20));
});

test("exports the current filter as CSV, all pages", async ({ usersPage }) => {
  await usersPage.goto("?q=e2e-list&role=MANAGER&size=2");
  const download = await usersPage.exportCsv();
  expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await streamText(await download.createReadStream())).replace(/^\uFEFF/, "");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe("id,email,username,name,role,created_at");
  const managers = LIST.filter((a) => a.role === "MANAGER").map((a) => a.email).sort();
  const rows = lines.slice(1).map((l) => l.split(","));
  expect(rows.map((r) => r[1]).sort()).toEqual(managers);
  expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(["MANAGER"]));
});

test("changes a role, and the changed user's next request sees it", async ({ usersPage, newSession, db, page }) => {
  const target = e2e.roleTarget;
  const targetPage = await newSession(target);
  await expect(targetPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bonus progress" })).toHaveCount(0);

  await usersPage.goto(`?q=${encodeURIComponent(target.email)}`);
  await usersPage.changeRole(target.email, "Manager");
  await expect(page.getByText(`${target.email} is now Manager.`)).toBeVisible();
  await expect(usersPage.row(target.email).getByText("Manager", { exact: true })).toBeVisible();
  const [row] = await db`select role::text from public.profiles where email = ${target.email}`;
  expect(row.role).toBe("MANAGER");

  // The target's session was not touched: the role is read from the database on every request.
  await targetPage.reload();
  await expect(targetPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bonus progress" })).toBeVisible();
  const bonus = await targetPage.goto("/bonus");
  expect(bonus?.status()).toBe(200);
});

test("an admin cannot change their own role", async ({ usersPage, page, db, baseURL }) => {
  await usersPage.goto(`?q=${encodeURIComponent(demo.admin.email)}`);
  await usersPage.row(demo.admin.email).getByRole("button", { name: `Actions for ${demo.admin.email}` }).click();
  await expect(page.getByRole("button", { name: "Change role…" })).toBeDisabled();

  // The disabled menu item is the page's courtesy; the server decides. The action itself, called
  // over HTTP as a form would call it, with the admin's own id and a lower role:
  const [before] = await db<{ id: string; row: Record<string, unknown> }[]>`
    select p.id, to_jsonb(p) as row from public.profiles p where email = ${demo.admin.email}`;
  expect(before.row.role).toBe("ADMIN");
  const action = discoverActions().find((a) => a.name === "changeUserRole");
  expect(action, "the changeUserRole action in the build").toBeTruthy();
  const r = await callAction(baseURL!, action!, [null, { userId: before.id, role: "USER" }], { cookie: cookieHeader(await page.context().cookies()) });
  const [after] = await db<{ row: Record<string, unknown> }[]>`select to_jsonb(p) as row from public.profiles p where id = ${before.id}`;
  if (after.row.role !== before.row.role) {
    // Put the admin back before failing, so that the other tests of the run keep their admin.
    await db`update public.profiles set role = ${String(before.row.role)}::public."UserRole" where id = ${before.id}`;
  }
  expect(r.status).toBe(200);
  expect(r.threw).toBe(false);
  expect(r.result).toEqual({ ok: false, message: "You cannot change your own role.", fieldErrors: { role: ["Ask another admin to change your role."] } });
  // Not a column of the row changed (role, updatedAt, anything).
  expect(after.row).toEqual(before.row);
});

test("approves a pending account from a bulk selection", async ({ usersPage, page }) => {
  const target = e2e.approve;
  await usersPage.goto(`?q=${encodeURIComponent(target.email)}`);
  await usersPage.row(target.email).getByRole("checkbox", { name: `Select ${target.email}` }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("1 selected");
  await bar.getByRole("button", { name: "Approve selected" }).click();
  await expect(page.getByText(`Approved ${target.email}.`)).toBeVisible();
  await expect(usersPage.row(target.email).getByText("User", { exact: true })).toBeVisible();
});

test("bans and unbans an account through the Auth admin API", async ({ usersPage, page, browser, baseURL }) => {
  const target = e2e.ban;
  const trySignIn = async () => {
    const context = await browser.newContext({ baseURL });
    const p = await context.newPage();
    const login = new LoginPage(p);
    await login.goto();
    await login.fill(target.email, target.password);
    return { p, login, close: () => context.close() };
  };

  await usersPage.goto(`?q=${encodeURIComponent(target.email)}`);
  await usersPage.row(target.email).getByRole("button", { name: `Actions for ${target.email}` }).click();
  await page.getByRole("button", { name: "Ban…" }).click();
  const ban = page.getByRole("dialog", { name: "Ban account" });
  await ban.getByRole("button", { name: "Ban account" }).click();
  await expect(page.getByText(`${target.email} is banned`)).toBeVisible();
  await expect(usersPage.row(target.email).getByText("Banned", { exact: true })).toBeVisible();

  const banned = await trySignIn();
  await expect(banned.login.error()).toHaveText("This account is suspended. Contact an administrator.");
  await banned.close();

  await usersPage.row(target.email).getByRole("button", { name: `Actions for ${target.email}` }).click();
  await page.getByRole("button", { name: "Unban…" }).click();
  await page.getByRole("dialog", { name: "Unban account" }).getByRole("button", { name: "Unban" }).click();
  await expect(page.getByText(`${target.email} can sign in again.`)).toBeVisible();

  const allowed = await trySignIn();
  await expect(allowed.p).toHaveURL(/\/$/);
  await allowed.close();
});

test("a password reset refuses a mismatch next to the field", async ({ usersPage, page }) => {
  const target = e2e.roleTarget;
  await usersPage.goto(`?q=${encodeURIComponent(target.email)}`);
  await usersPage.row(target.email).getByRole("button", { name: `Actions for ${target.email}` }).click();
  await page.getByRole("button", { name: "Reset password…" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset password" });
  await dialog.getByLabel("New password").fill("new-pass-123");
  await dialog.getByLabel("Repeat the password").fill("something-else");
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog.getByText("The passwords do not match")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

test("hostile URL parameters fall back to safe defaults", async ({ usersPage, page }) => {
  const response = await page.goto(
    "/admin/users?sort=encrypted_password.asc&size=100000&after=%27%3Bdrop%20table&role=ROOT,ADMIN&from=yesterday&q=" +
      "x".repeat(500),
  );
  expect(response?.status()).toBe(200);
  await expect(usersPage.table()).toBeVisible();

  await page.goto("/admin/users?q=e2e-list&size=0&sort=nope.sideways");
  await expect(usersPage.table()).toBeVisible();
  // size=0 is out of bounds: the default page size (20) applies; the default sort is newest first.
  await expect.poll(() => usersPage.emails()).toEqual(LIST.slice(0, 20).map((a) => a.email));
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
