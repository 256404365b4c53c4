import { expect, type Page } from "@playwright/test";
import type { Account } from "../support/accounts";

export class LoginPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole("heading", { name: "Sign in" });
  readonly email = () => this.page.getByLabel("Email");
  readonly password = () => this.page.getByLabel("Password");
  readonly submit = () => this.page.getByRole("button", { name: "Sign in" });
  // Inside the form: Next keeps an empty role=alert route announcer on every page.
  readonly error = () => this.page.locator("form").getByRole("alert");

  async goto(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
    await expect(this.heading()).toBeVisible();
  }

  async fill(email: string, password: string) {
    await this.email().fill(email);
    await this.password().fill(password);
    await this.submit().click();
  }

  /** Signs in from the sign-in page and waits until the browser has left it. */
  async signIn(account: Pick<Account, "email" | "password">, next?: string) {
    await this.goto(next);
    await this.fill(account.email, account.password);
    await expect(this.page).not.toHaveURL(/\/login/);
  }
}
