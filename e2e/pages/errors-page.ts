import { expect, type Page } from "@playwright/test";

/** /admin/errors: the error table, its filters and the triage dialogs. */
export class ErrorsPage {
  constructor(readonly page: Page) {}

  readonly table = () => this.page.getByRole("table", { name: "Errors" });
  readonly rows = () => this.table().locator("tbody tr").filter({ has: this.page.getByRole("checkbox") });
  readonly search = () => this.page.getByRole("searchbox", { name: "Search messages" });
  readonly dialog = () => this.page.getByRole("dialog");

  async goto(query = "") {
    await this.page.goto(`/admin/errors${query}`);
    await expect(this.table()).toBeVisible();
  }

  async settled() {
    await expect(this.table()).not.toHaveAttribute("aria-busy", "true");
  }

  async searchFor(text: string) {
    await this.search().fill(text);
    await this.search().press("Enter");
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}`));
    await this.settled();
  }

  async filterSeverity(label: string) {
    await this.page.getByRole("button", { name: /^Severity filter/ }).click();
    await this.page.getByRole("dialog", { name: "Filter by severity" }).getByLabel(label).check();
    await this.page.keyboard.press("Escape");
    await expect(this.page).toHaveURL(/[?&]severity=/);
    await this.settled();
  }

  async filterDates(from: string, to: string) {
    await this.page.getByRole("button", { name: /^Date date range/ }).click();
    const panel = this.page.getByRole("dialog", { name: "Date range" });
    await panel.getByLabel("From").fill(from);
    await panel.getByLabel("To").fill(to);
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect(this.page).toHaveURL(new RegExp(`from=${from}`), { timeout: 30_000 });
    await this.settled();
  }

  /** The message column of the rows shown, in order. */
  async messages(): Promise<string[]> {
    return this.table().locator("tbody tr a[title]").allInnerTexts();
  }
}
