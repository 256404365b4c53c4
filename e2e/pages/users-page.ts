import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** /admin/users: the first user of the shared data table. */
export class UsersPage {
  constructor(readonly page: Page) {}

  readonly table = () => this.page.getByRole("table", { name: "Users" });
  readonly search = () => this.page.getByRole("searchbox", { name: "Search users" });
  readonly bodyRows = () => this.table().locator("tbody tr");
  readonly notice = () => this.page.getByRole("status").filter({ hasText: /./ }).first();

  async goto(query = "") {
    await this.page.goto(`/admin/users${query}`);
    await expect(this.table()).toBeVisible();
  }

  /** The email column of the rows shown, in order. */
  async emails(): Promise<string[]> {
    const rows = await this.bodyRows().all();
    const out: string[] = [];
    for (const r of rows) {
      const cells = r.getByRole("cell");
      if ((await cells.count()) < 2) continue; // the empty-state row
      const text = (await cells.nth(1).innerText()).split(/\s+/)[0];
      out.push(text);
    }
    return out;
  }

  async waitForUrl(pattern: RegExp) {
    await expect(this.page).toHaveURL(pattern);
    await expect(this.table()).not.toHaveAttribute("aria-busy", "true");
  }

  async searchFor(text: string) {
    await this.search().fill(text);
    await this.search().press("Enter");
    await this.waitForUrl(new RegExp(`[?&]q=${encodeURIComponent(text)}`));
  }

  async sortBy(column: string) {
    await this.table().getByRole("button", { name: new RegExp(`^${column}: sort`) }).click();
  }

  columnHeader(column: string): Locator {
    return this.table().getByRole("columnheader", { name: new RegExp(`^${column}`) });
  }

  async filterRole(label: string) {
    await this.page.getByRole("button", { name: /^Role filter/ }).click();
    await this.page.getByRole("dialog", { name: "Filter by role" }).getByLabel(label).check();
    await this.page.keyboard.press("Escape");
  }

  async nextPage() {
    await this.page.getByRole("button", { name: "Next page" }).click();
  }
  async previousPage() {
    await this.page.getByRole("button", { name: "Previous page" }).click();
  }

  row(email: string): Locator {
    return this.table().getByRole("row").filter({ hasText: email });
  }

  async changeRole(email: string, roleLabel: string) {
    await this.row(email).getByRole("button", { name: `Actions for ${email}` }).click();
    await this.page.getByRole("button", { name: "Change role…" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Change role" });
    await dialog.getByLabel("Role").selectOption({ label: roleLabel });
    await dialog.getByRole("button", { name: "Save role" }).click();
    await expect(dialog).toBeHidden();
  }

  async exportCsv(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    return download;
  }
}
