/**
 * Every list page fits a laptop screen (1,360 px wide, the suite's viewport): no table scrolls
 * sideways, which hid the last columns (When, Status, Created) on six pages before the long
 * columns were stacked or truncated. The "Numbers" tables under the usage charts (inside a
 * closed <details>) may scroll: they are a chart's data, one column per series.
 */
import { expect, test } from "./fixtures";
import { demo } from "./support/accounts";
import { navHrefs } from "./support/nav";

/** Views of a page that its navigation link does not open (a tab, a grouping), by path. */
const OTHER_VIEWS: Record<string, string[]> = {
  "/admin/errors": ["/admin/errors?view=groups"],
  "/admin/activity": ["/admin/activity?tab=agent"],
};

/** Scrollable boxes in the page's main area whose content is wider than they are. */
async function sidewaysScrollers(page: import("@playwright/test").Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll("main *")) {
      if (el.closest("details")) continue;
      const x = getComputedStyle(el).overflowX;
      if ((x === "auto" || x === "scroll") && el.scrollWidth - el.clientWidth > 1) {
        const label = el.querySelector("table")?.getAttribute("aria-label") ?? el.tagName.toLowerCase();
        out.push(`${label} (${el.scrollWidth - el.clientWidth} px too wide)`);
      }
    }
    return out;
  });
}

for (const [who, account] of [
  ["user", demo.user],
  ["admin", demo.admin],
] as const) {
  test(`${who}: every list page fits a 1,360 px screen without sideways scrolling`, async ({ signIn, page }) => {
    test.slow();
    expect(page.viewportSize()?.width).toBe(1360);
    await signIn(account);
    // Every page of the viewer's navigation, and the other views of those pages.
    const pages = (await navHrefs(page)).flatMap((p) => [p, ...(OTHER_VIEWS[p] ?? [])]);
    expect(pages.length).toBeGreaterThan(who === "admin" ? 15 : 8);
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      for (const s of await sidewaysScrollers(page)) found.push(`${path}: ${s}`);
    }
    expect(found).toEqual([]);
  });
}
