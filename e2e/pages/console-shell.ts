import { expect, type Page } from "@playwright/test";

/** The signed-in frame: navigation, who is signed in, sign-out. */
export class ConsoleShell {
  constructor(readonly page: Page) {}

  readonly nav = () => this.page.getByRole("navigation", { name: "Main" });
  readonly viewerEmail = () => this.page.getByTestId("viewer-email").filter({ visible: true });
  readonly viewerRole = () => this.page.getByTestId("viewer-role").filter({ visible: true });
  readonly signOutButton = () => this.page.getByRole("button", { name: "Sign out" });
  navLink = (name: string) => this.nav().getByRole("link", { name, exact: true });

  /** The names of the navigation links, in order. */
  async navLinks(): Promise<string[]> {
    await expect(this.nav()).toBeVisible();
    return (await this.nav().getByRole("link").allInnerTexts()).map((t) => t.trim());
  }

  async expectSignedInAs(email: string) {
    await expect(this.viewerEmail()).toHaveText(email);
  }

  async signOut() {
    await this.signOutButton().click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}
