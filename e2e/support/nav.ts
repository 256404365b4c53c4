import { expect, type Page } from "@playwright/test";

/** The pages the current page's main navigation links to (the viewer's role decides which). */
export async function navHrefs(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  await expect(nav).toBeVisible();
  const hrefs = await nav.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((h) => h.startsWith("/")))];
}
