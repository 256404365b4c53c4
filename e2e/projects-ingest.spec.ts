/**
 * /projects and the CSV ingest (issue 8): an admin imports 20,000 rows and watches the bar reach
 * COMPLETED with the right counts; a malformed file fails naming its line; a running import is
 * cancelled and keeps exactly what it saved; a user sees only their own projects.
 * Each test works in a project of its own, made here.
 */
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { demo } from "./support/accounts";

/** Sign in, allowing a loaded machine more time than the shared helper's 10 s to leave /login. */
async function signInSlow(page: import("@playwright/test").Page, account: { email: string; password: string }, next: string) {
  const login = new LoginPage(page);
  await login.goto(next);
  await login.fill(account.email, account.password);
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
}

async function makeProject(db: import("postgres").Sql, ownerEmail: string, label: string): Promise<string> {
  const [{ id }] = await db`
    insert into public.projects (name, "ownerId")
    select ${`e2e ${label} ${Date.now()}-${Math.floor(Math.random() * 1e6)}`}, id from public.profiles where email = ${ownerEmail}
    returning id`;
  return id as string;
}

/** content,category,creator,ticket: `rows` rows; every 2000th content empty, every 4000th (+1) a duplicate of an earlier row. */
function writeCsv(file: string, rows: number): { saved: number; empty: number; duplicate: number } {
  const lines = ["content,category,creator,ticket"];
  let empty = 0;
  let duplicate = 0;
  for (let i = 1; i <= rows; i++) {
    let content = `E2E record ${i}: the customer cannot export invoices after switching plans`;
    if (i % 2000 === 0) {
      content = "";
      empty++;
    } else if (i % 4000 === 1 && i > 1) {
      content = `E2E record ${i - 2}: the customer cannot export invoices after switching plans`;
      duplicate++;
    }
    lines.push(`"${content}",${i % 2 ? "TOP_10" : "BOTTOM_10"},${i % 3 ? "" : demo.admin.email},T-${i}`);
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return { saved: rows - empty - duplicate, empty, duplicate };
}

async function chooseFile(page: Page, file: string) {
  await page.getByLabel("CSV file").setInputFiles(file);
  await expect(page.getByLabel("Content column")).toHaveValue("content");
}

const n = (x: number) => x.toLocaleString("en-US");

test("an admin imports 20,000 rows and the bar reaches COMPLETED with the right counts", async ({ page, db }, info) => {
  test.setTimeout(240_000);
  const projectId = await makeProject(db, demo.admin.email, "ingest");
  const file = info.outputPath("tasks-20000.csv");
  const expected = writeCsv(file, 20_000);

  await signInSlow(page, demo.admin, `/projects/${projectId}`);
  await chooseFile(page, file);
  await expect(page.getByLabel("Category column")).toHaveValue("category");
  await page.getByRole("button", { name: "Import", exact: true }).click();

  const job = page.getByTestId("ingest-job").first();
  await expect(job.getByText("Completed")).toBeVisible({ timeout: 180_000 });
  await expect(job.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(job.getByTestId("job-total")).toHaveText(n(20_000));
  await expect(job.getByTestId("job-saved")).toHaveText(n(expected.saved));
  await expect(job.getByTestId("job-skipped")).toHaveText(n(expected.empty + expected.duplicate));
  await expect(job.getByText(`Empty content: ${n(expected.empty)}`)).toBeVisible();
  await expect(job.getByText(`Duplicate: ${n(expected.duplicate)}`)).toBeVisible();
  await expect(job.getByText(/Vectorization pending/)).toBeVisible();

  // The database agrees: records saved by this job, metadata kept, creator resolved, embeddings [].
  const [row] = await db`
    select count(*)::int as n, count(*) filter (where metadata ? 'ticket')::int as with_meta,
           count(*) filter (where "createdByEmail" = ${demo.admin.email})::int as by_admin,
           count(*) filter (where embedding <> '{}')::int as embedded
    from public.data_records where "projectId" = ${projectId}`;
  expect(row).toEqual({ n: expected.saved, with_meta: expected.saved, by_admin: expected.saved, embedded: 0 });

  // Skipped rows download as CSV with their reason.
  const download = page.waitForEvent("download");
  await job.getByRole("link", { name: "Download skipped rows" }).click();
  const text = fs.readFileSync(await (await download).path(), "utf8");
  expect(text.split("\r\n")[0]).toContain("line,reason,message");
  expect(text).toContain("empty_content");
  expect(text).toContain("duplicate");

  await page.screenshot({ path: "test-results/issue8-project-ingest.png", fullPage: true });
});

test("a malformed CSV fails naming the line, in the dry run and in the import", async ({ page, db }, info) => {
  test.setTimeout(180_000);
  const projectId = await makeProject(db, demo.admin.email, "malformed");
  const file = info.outputPath("ragged.csv");
  fs.writeFileSync(file, ["content,category", "one,TOP_10", "two,TOP_10", "three,BOTTOM_10", "four", "five,TOP_10"].join("\n"));

  await signInSlow(page, demo.admin, `/projects/${projectId}`);
  await chooseFile(page, file);
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByText(/Line 5: 1 field, but the header has 2/)).toBeVisible();

  await page.getByRole("button", { name: "Import", exact: true }).click();
  const job = page.getByTestId("ingest-job").first();
  await expect(job.getByText("Failed")).toBeVisible({ timeout: 30_000 });
  await expect(job.getByRole("alert")).toContainText("Line 5");

  // No content column at all: the header line is named, and nothing can run until one is chosen.
  const noContent = info.outputPath("no-content.csv");
  fs.writeFileSync(noContent, "title,category\nhello,TOP_10\n");
  await page.getByLabel("CSV file").setInputFiles(noContent);
  await expect(page.getByText(/Line 1: no content column/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Dry run" })).toBeDisabled();
});

test("cancelling a running import keeps what was saved and nothing half-written", async ({ page, db }, info) => {
  test.setTimeout(240_000);
  const projectId = await makeProject(db, demo.admin.email, "cancel");
  const file = info.outputPath("big.csv");
  writeCsv(file, 300_000);

  await signInSlow(page, demo.admin, `/projects/${projectId}`);
  await chooseFile(page, file);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const job = page.getByTestId("ingest-job").first();
  await expect(job.getByText("Processing")).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number((await job.getByTestId("job-saved").innerText()).replace(/,/g, "")), { timeout: 60_000 }).toBeGreaterThan(0);

  await job.getByRole("button", { name: "Cancel import" }).click();
  await job.getByRole("button", { name: "Yes, cancel" }).click();
  // The cancel waits for the batch being saved to commit: slow on a loaded machine.
  await expect(job.getByText("Cancelled", { exact: true })).toBeVisible({ timeout: 90_000 });

  // The runner stops before its next batch; then the counts and the rows agree exactly.
  await expect
    .poll(async () => {
      const [j] = await db`select status, "savedCount" from public.ingest_jobs where "projectId" = ${projectId}`;
      const [{ n }] = await db`select count(*)::int as n from public.data_records where "projectId" = ${projectId}`;
      return j.status === "CANCELLED" && j.savedCount === n ? n : -1;
    })
    .toBeGreaterThan(0);
  const [{ saved }] = await db`select "savedCount" as saved from public.ingest_jobs where "projectId" = ${projectId}`;
  await page.waitForTimeout(3_000);
  const [{ n: after }] = await db`select count(*)::int as n from public.data_records where "projectId" = ${projectId}`;
  expect(after).toBe(saved);
  expect(saved).toBeLessThan(300_000);
});

test("a user sees only their own projects, and can score a record with the scale's labels", async ({ page, db }) => {
  test.setTimeout(180_000);
  await signInSlow(page, demo.user, "/projects");
  const table = page.getByRole("table", { name: "Projects" });
  await expect(table).toBeVisible();
  const own = (await db`select p.name from public.projects p join public.profiles o on o.id = p."ownerId" where o.email = ${demo.user.email} order by lower(p.name)`).map((r) => r.name as string);
  const others = (await db`select p.name from public.projects p join public.profiles o on o.id = p."ownerId" where o.email <> ${demo.user.email}`).map((r) => r.name as string);
  expect(own.length).toBeGreaterThan(0);
  await expect.poll(async () => (await table.locator("tbody tr td:first-child a").allInnerTexts()).sort()).toEqual([...own].sort((a, b) => a.localeCompare(b)).sort());
  for (const name of others.slice(0, 5)) await expect(table.getByRole("link", { name, exact: true })).toHaveCount(0);

  // Another user's project is a 404 for them.
  const [{ id: foreign }] = await db`select p.id from public.projects p join public.profiles o on o.id = p."ownerId" where o.email <> ${demo.user.email} limit 1`;
  await page.goto(`/projects/${foreign}`);
  await expect(page.getByText("This item does not exist, or you cannot see it.")).toBeVisible();

  // Open one of their records and score it by label.
  await page.goto("/projects");
  await table.getByRole("link", { name: own[0], exact: true }).click();
  await page.getByRole("table", { name: "Records" }).getByRole("button", { name: /^Open record/ }).first().click();
  const dialog = page.getByRole("dialog", { name: "Record" });
  await expect(dialog.getByTestId("record-content")).toBeVisible();
  const form = dialog.getByRole("form", { name: "Your score" });
  await form.getByRole("group", { name: "Realism" }).getByText("Very realistic").click();
  await form.getByRole("group", { name: "Quality" }).getByText("Good").click();
  await form.getByRole("button", { name: /Save score|Update score/ }).click();
  await expect(form.getByText("Score saved.")).toBeVisible();
  await page.screenshot({ path: "test-results/issue8-record-panel.png", fullPage: false });
});
