/**
 * The test object every spec uses: the stack's baseURL (known only after global setup), page
 * objects, a one-call sign-in, and a superuser connection for arranging and checking rows.
 */
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import type { Account } from "./support/accounts";
import { stackState } from "./support/stack-state";
import { ConsoleShell } from "./pages/console-shell";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

type Fixtures = {
  loginPage: LoginPage;
  shell: ConsoleShell;
  usersPage: UsersPage;
  /** Signs the page in as `account` (through the sign-in form) and lands on `next` or the overview. */
  signIn: (account: Pick<Account, "email" | "password">, next?: string) => Promise<void>;
  /** A second, separate browser session signed in as `account`. */
  newSession: (account: Pick<Account, "email" | "password">) => Promise<Page>;
};
type WorkerFixtures = { db: postgres.Sql };

export const test = base.extend<Fixtures, WorkerFixtures>({
  baseURL: async ({}, use) => {
    await use(stackState().appUrl);
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  shell: async ({ page }, use) => use(new ConsoleShell(page)),
  usersPage: async ({ page }, use) => use(new UsersPage(page)),
  signIn: async ({ loginPage }, use) => {
    await use((account, next) => loginPage.signIn(account, next));
  },
  newSession: async ({ browser, baseURL }, use) => {
    const opened: Awaited<ReturnType<Browser["newContext"]>>[] = [];
    await use(async (account) => {
      const context = await browser.newContext({ baseURL });
      opened.push(context);
      const page = await context.newPage();
      await new LoginPage(page).signIn(account);
      return page;
    });
    for (const c of opened) await c.close();
  },
  db: [
    async ({}, use) => {
      const sql = postgres(stackState().adminUrl, { max: 2, onnotice: () => {} });
      await use(sql);
      await sql.end();
    },
    { scope: "worker" },
  ],
});

export { expect };
