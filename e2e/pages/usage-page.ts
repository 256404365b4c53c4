import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/usage and /usage: chart sections (regions named by their titles), their numbers tables, totals. */
export class UsagePage {
  constructor(readonly page: Page) {}

  async goto(path: "/admin/usage" | "/usage", query = "") {
    await this.page.goto(`${path}${query}`);
    await expect(this.page.getByRole("region", { name: "Totals" })).toBeVisible();
  }

  section(title: string | RegExp): Locator {
    return this.page.getByRole("region", { name: title });
  }

  /** Opens the section's numbers and returns its table. */
  async numbers(sectionTitle: string | RegExp, tableLabel: string | RegExp): Promise<Locator> {
    const section = this.section(sectionTitle);
    const details = section.locator("details").first();
    if ((await details.getAttribute("open")) === null) await section.getByText("Numbers", { exact: false }).first().click();
    const table = section.getByRole("table", { name: tableLabel });
    await expect(table).toBeVisible();
    return table;
  }

  /** Header texts and body rows (cell texts) of a table. */
  static async read(table: Locator): Promise<{ headers: string[]; rows: string[][] }> {
    const headers = (await table.locator("thead th").allInnerTexts()).map((s) => s.trim());
    const rows: string[][] = [];
    for (const tr of await table.locator("tbody tr").all()) rows.push((await tr.locator("td").allInnerTexts()).map((s) => s.trim()));
    return { headers, rows };
  }

  /** The value of a totals card ("Calls", "Cost", ...). */
  total(label: string): Locator {
    return this.page.getByRole("region", { name: "Totals" }).locator("dl").filter({ has: this.page.getByText(label, { exact: true }) }).locator("dd").first();
  }

  rangeButton(preset: string): Locator {
    return this.page.getByRole("group", { name: "Date range" }).getByRole("button", { name: new RegExp(`^${preset}\\b`) });
  }

  groupSelect(): Locator {
    return this.page.getByLabel("Group by");
  }
}

export const toNumber = (s: string) => Number(s.replace(/[^0-9.-]/g, ""));
