/**
 * Issue 16 item 5 in the browser: a forgotten password reset through the mailed link, and a
 * secure email change that waits for both addresses' links. Mail is read from the stack's local
 * mail catcher (tooling/app-stack.ts starts it; the stand-in delivers to it).
 */
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { expect, test } from "./fixtures";
import { stackState } from "./support/stack-state";

type Mail = { to: string[]; subject: string; text: string; links: string[] };

const PASSWORD = "e2e-mail-pass-1";

/** A fresh USER account, confirmed, that only this test uses. */
async function newAccount(db: postgres.Sql, tag: string) {
  const { authUrl, serviceRoleKey } = stackState();
  const email = `e2e-${tag}-${randomUUID().slice(0, 8)}@example.test`;
  // The Auth admin API over plain fetch (supabase-js would need a WebSocket, which Node 20's
  // Playwright worker does not have).
  const res = await fetch(`${authUrl}/auth/v1/admin/users`, {
    method: "POST",
    headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, email_confirm: true }),
  });
  expect(res.status).toBe(200);
  const user = (await res.json()) as { id: string };
  await db`update public.profiles set role = 'USER' where id = ${user.id}`;
  return { id: user.id, email, password: PASSWORD };
}

async function inbox(to: string): Promise<Mail[]> {
  const res = await fetch(`${stackState().mailUrl}/api/messages?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Mail[] }).messages;
}

/** The app link (/auth/confirm?...) of the newest mail to `to`, once it has arrived. */
async function linkFor(to: string): Promise<string> {
  let mails: Mail[] = [];
  await expect.poll(async () => (mails = await inbox(to)).length, { message: `mail to ${to}`, timeout: 10_000 }).toBeGreaterThan(0);
  const link = mails[0].links.find((l) => new URL(l).pathname === "/auth/confirm");
  expect(link, `an /auth/confirm link in the mail to ${to}`).toBeDefined();
  expect(new URL(link!).origin).toBe(new URL(stackState().appUrl).origin);
  return link!;
}

test("forgot password: mail, link, new password, sign in with it", async ({ page, db, loginPage, shell }) => {
  const account = await newAccount(db, "forgot");

  await loginPage.goto();
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account exists for that address" })).toBeVisible();

  // An address without an account gets the same answer, and no mail.
  const stranger = `e2e-nobody-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(stranger);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account exists for that address" })).toBeVisible();

  const link = await linkFor(account.email);
  expect(await inbox(stranger)).toEqual([]);

  await page.goto(link);
  await expect(page).toHaveURL(/\/reset-password$/);
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  // Keyboard only: the fields and the button are reachable and submit with Enter.
  await page.getByLabel("New password", { exact: true }).fill("a-new-e2e-password");
  await page.getByLabel("Repeat the new password").fill("a-new-e2e-password");
  await page.getByLabel("Repeat the new password").press("Enter");
  await expect(page).toHaveURL(/\/login\?notice=password-updated$/);
  await expect(page.getByText("Your password was changed. Sign in with the new one.")).toBeVisible();

  // The old password no longer works; the new one does.
  await loginPage.fill(account.email, account.password);
  await expect(loginPage.error()).toHaveText("Invalid email or password");
  await loginPage.signIn({ email: account.email, password: "a-new-e2e-password" });
  await shell.expectSignedInAs(account.email);

  // The link worked once.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page).toHaveURL(/\/login\?notice=link-invalid$/);
  await expect(page.getByText("That link is invalid, expired or already used.")).toBeVisible();
});

test("change email: pending until both links are opened, then the new address is shown", async ({ page, db, signIn, shell }) => {
  const account = await newAccount(db, "change");
  const target = `e2e-changed-${randomUUID().slice(0, 8)}@example.test`;
  await signIn(account);

  await page.getByRole("link", { name: "Change email" }).click();
  await expect(page).toHaveURL(/\/account\/email$/);
  await expect(page.getByTestId("current-email")).toHaveText(account.email);
  await page.getByLabel("New email address").fill(target);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check both inboxes" })).toBeVisible();
  await expect(page.getByTestId("pending-email")).toContainText(target);
  await expect(page.getByTestId("pending-email")).toContainText(`We sent a link to both ${account.email} and ${target}`);
  // Pending only: the address, the profile and the shell are unchanged.
  await expect(page.getByTestId("current-email")).toHaveText(account.email);
  const [profile] = await db`select email from public.profiles where id = ${account.id}`;
  expect(profile.email).toBe(account.email);

  const toNew = await linkFor(target);
  const toOld = await linkFor(account.email);

  await page.goto(toNew);
  await expect(page).toHaveURL(/\/account\/email\?notice=confirmed-one$/);
  await expect(page.getByText("Now open the link we sent to the other address")).toBeVisible();
  await expect(page.getByTestId("current-email")).toHaveText(account.email);
  expect((await db`select email from public.profiles where id = ${account.id}`)[0].email).toBe(account.email);

  await page.goto(toOld);
  await expect(page).toHaveURL(/\/account\/email\?notice=changed$/);
  await expect(page.getByText("Your email address was changed.")).toBeVisible();
  await expect(page.getByTestId("current-email")).toHaveText(target);
  await expect(page.getByTestId("pending-email")).toHaveCount(0);
  await shell.expectSignedInAs(target);
  expect((await db`select email from public.profiles where id = ${account.id}`)[0].email).toBe(target);
});
