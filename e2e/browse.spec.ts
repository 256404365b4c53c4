/**
 * Issue 7: browsing chats, documents, sessions, directives and contexts as the demo user.
 * Tests that change data use rows they create (e2e/support/browse-fixtures.ts) and remove them.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { demo } from "./support/accounts";
import { createChat, createDocument, userId, XSS_TEXT } from "./support/browse-fixtures";

const shots = path.resolve("test-results/screenshots");
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

test.beforeEach(async ({ signIn }) => {
  // Each test walks several server-rendered pages; on a loaded machine that takes longer than
  // the default 60 s, so this file gets the "slow" budget (3x).
  test.slow();
  await signIn(demo.user);
});

test("lists, searches by message text and opens a chat", async ({ page, db }) => {
  const alice = await userId(db, demo.user.email);
  const chat = await createChat(db, alice);
  try {
    await page.goto("/chats");
    const table = page.getByRole("table", { name: "Chats" });
    await expect(table).toBeVisible();
    await expect(table.getByText("Today", { exact: true })).toBeVisible();
    await shot(page, "20-chats");

    // The tag is only in the messages, never in a title: the search reads message text.
    await page.getByRole("searchbox", { name: "Search chats" }).fill(chat.tag);
    await page.getByRole("searchbox", { name: "Search chats" }).press("Enter");
    await expect(page).toHaveURL(new RegExp(`q=${chat.tag}`));
    await expect.poll(() => table.locator("tbody tr").filter({ hasText: chat.title }).count()).toBe(1);
    await expect(table.getByRole("link")).toHaveCount(1);

    await table.getByRole("link", { name: chat.title }).click();
    await expect(page).toHaveURL(new RegExp(`/chats/${chat.chatId}`));
    await expect(page.getByRole("heading", { name: chat.title })).toBeVisible();
    const messages = page.getByRole("list", { name: "Messages" });
    await expect(messages.getByText(`How do I use ${chat.tag}?`)).toBeVisible();
    // Markdown, highlighted code, the tool call as collapsible JSON, the attachment, usage.
    await expect(messages.locator("strong", { hasText: chat.tag })).toBeVisible();
    await expect(messages.locator("code.hljs.language-python")).toContainText(`print("${chat.tag}")`);
    await expect(messages.getByText("Tool call: documentAgent")).toBeVisible();
    await expect(messages.getByRole("link", { name: "notes.txt" })).toBeVisible();
    await expect(messages.getByText("1,200 in · 340 out")).toBeVisible();
    await expect(page.getByLabel("Chat totals")).toContainText("$0.0123");
    await shot(page, "21-chat");
  } finally {
    await chat.cleanup();
  }
});

test("the owner changes and clears a vote", async ({ page, db }) => {
  const alice = await userId(db, demo.user.email);
  const chat = await createChat(db, alice);
  const vote = async () => (await db`select "isUpvoted" from public."Vote_v2" where "messageId" = ${chat.answerId}`)[0]?.isUpvoted ?? null;
  try {
    await page.goto(`/chats/${chat.chatId}`);
    const group = page.getByRole("group", { name: "Vote on this answer" });
    await group.getByRole("button", { name: "Helpful", exact: true }).click();
    await expect.poll(vote).toBe(true);
    await expect(group.getByRole("button", { name: "Helpful", exact: true })).toHaveAttribute("aria-pressed", "true");
    await group.getByRole("button", { name: "Not helpful" }).click();
    await expect.poll(vote).toBe(false);
    await page.reload();
    await expect(group.getByRole("button", { name: "Not helpful" })).toHaveAttribute("aria-pressed", "true");
    await group.getByRole("button", { name: "Not helpful" }).click();
    await expect.poll(vote).toBe(null);
  } finally {
    await chat.cleanup();
  }
});

test("renames, makes public and deletes a chat after typing its title", async ({ page, db }) => {
  const alice = await userId(db, demo.user.email);
  const chat = await createChat(db, alice);
  try {
    await page.goto(`/chats/${chat.chatId}`);
    await page.getByRole("button", { name: "Rename" }).click();
    const rename = page.getByRole("dialog", { name: "Rename chat" });
    await rename.getByLabel("Title").fill("   ");
    await rename.getByRole("button", { name: "Save title" }).click();
    await expect(rename.getByText("Give the chat a title")).toBeVisible();
    await rename.getByLabel("Title").fill(`${chat.title} renamed`);
    await rename.getByRole("button", { name: "Save title" }).click();
    await expect(page.getByRole("heading", { name: `${chat.title} renamed` })).toBeVisible();

    await page.getByRole("button", { name: "Make public" }).click();
    await expect.poll(async () => (await db`select visibility from public."Chat" where id = ${chat.chatId}`)[0].visibility).toBe("public");

    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this chat?" });
    await expect(dialog.getByRole("button", { name: "Delete chat" })).toBeDisabled();
    await dialog.getByRole("textbox").fill(`${chat.title} renamed`);
    await shot(page, "22-chat-delete");
    await dialog.getByRole("button", { name: "Delete chat" }).click();
    await expect(page).toHaveURL(/\/chats$/);
    await expect.poll(async () => (await db`select count(*)::int as n from public."Chat" where id = ${chat.chatId}`)[0].n).toBe(0);
  } finally {
    await chat.cleanup();
  }
});

// A browser whose zone disagrees with UTC about which day "six hours ago" was: chosen from the
// current UTC hour so the local time of day sits two hours or more from the 06:00 line. Titles stay
// fixed: Playwright matches tests by title between the runner and its workers, which load this file
// at different moments (possibly either side of an hour).
const zoneCase = (() => {
  const h = new Date().getUTCHours();
  // UTC hours 0-5: six hours ago was yesterday in UTC; at about 14:00 local it was today.
  // Otherwise six hours ago was today in UTC; at about 02:00 local it was yesterday.
  const offset = h < 6 ? 14 - h : h < 12 ? 2 - h : 26 - h;
  const zone = offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`; // Etc/ signs are inverted
  return { zone, expected: h < 6 ? "Today" : "Yesterday", utc: h < 6 ? "Yesterday" : "Today" };
})();

test.describe("date groups in the browser's zone", () => {
  test.use({ timezoneId: zoneCase.zone });

  test("a chat of six hours ago falls in the browser's day, not UTC's", async ({ page, db }) => {
    test.info().annotations.push({ type: "zone", description: `${zoneCase.zone}: "${zoneCase.expected}" there, "${zoneCase.utc}" in UTC` });
    const alice = await userId(db, demo.user.email);
    const chat = await createChat(db, alice);
    try {
      await db.begin(async (tx) => {
        await tx`set local session_replication_role = replica`; // keep trigger_chat_updated_at off this edit
        await tx`update public."Chat" set updated_at = now() - interval '6 hours' where id = ${chat.chatId}`;
      });
      // The first page tells the server the zone (a cookie) and refreshes itself once.
      await page.goto(`/chats?q=${chat.tag}`);
      const table = page.getByRole("table", { name: "Chats" });
      await expect(table.getByRole("link", { name: chat.title })).toBeVisible();
      await expect(table.locator('th[scope="rowgroup"]')).toHaveText([zoneCase.expected]);
      expect((await page.context().cookies()).find((c) => c.name === "tz")?.value).toBe(encodeURIComponent(zoneCase.zone));
    } finally {
      await chat.cleanup();
    }
  });
});

test("another user's chat is a 404, not their data", async ({ page, db }) => {
  const bob = await userId(db, "bob@example.com");
  const chat = await createChat(db, bob, { title: "Bob's private plans" });
  try {
    const res = await page.goto(`/chats/${chat.chatId}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Bob's private plans")).toHaveCount(0);
    await expect(page.getByText(chat.tag)).toHaveCount(0);
    expect((await page.goto(`/documents/${chat.chatId}`))?.status()).toBe(404);
    expect((await page.goto(`/chats/not-a-uuid`))?.status()).toBe(404);
  } finally {
    await chat.cleanup();
  }
});

test("HTML in messages and documents shows as text and runs nothing", async ({ page, db }) => {
  const alice = await userId(db, demo.user.email);
  const chat = await createChat(db, alice, { title: `<img src=x onerror="window.__xss='title'"> chat`, answer: XSS_TEXT });
  const doc = await createDocument(db, alice, { v2: XSS_TEXT });
  try {
    await page.goto(`/chats/${chat.chatId}`);
    await expect(page.getByText('<script>window.__xss = "script"</script>', { exact: false })).toBeVisible();
    await expect(page.getByRole("heading", { name: /<img src=x onerror=/ })).toBeVisible();
    await page.goto(`/documents/${doc.documentId}`);
    await expect(page.getByText(`onerror="window.__xss = 'img'"`, { exact: false }).first()).toBeVisible();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator("img[onerror], script:not([src]):has-text('__xss')").count()).toBe(0);
  } finally {
    await chat.cleanup();
    await doc.cleanup();
  }
});

test("compares two document versions, resolves a suggestion, restores a version", async ({ page, db }) => {
  const alice = await userId(db, demo.user.email);
  const doc = await createDocument(db, alice);
  try {
    await page.goto("/documents");
    await expect(page.getByRole("table", { name: "Documents" })).toBeVisible();
    await shot(page, "23-documents");
    await page.getByRole("table", { name: "Documents" }).getByRole("link", { name: doc.title }).click();
    await expect(page.getByRole("tree", { name: "Version tree" })).toBeVisible();

    await page.getByLabel("From version", { exact: true }).selectOption("1");
    await page.getByLabel("To version", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/a=1&b=2/);
    const diff = page.getByRole("table", { name: "Changes from version 1 to version 2" });
    await expect(diff.locator('tr[data-diff="add"]')).toHaveText(/A brand new line/);
    await expect(diff.locator('tr[data-diff="del"]')).toHaveCount(0);
    await page.getByLabel("Diff view").selectOption("split");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/view=split/);
    await shot(page, "24-document-diff");

    const suggestion = page.getByRole("listitem", { name: /Suggestion: Be more specific/ });
    await suggestion.getByRole("button", { name: "Resolve" }).click();
    await expect(suggestion.getByText("Resolved")).toBeVisible();
    await expect.poll(async () => (await db`select "isResolved" from public."Suggestion" where id = ${doc.suggestionId}`)[0].isResolved).toBe(true);

    await page.getByRole("tree", { name: "Version tree" }).getByRole("link", { name: /Version 1/ }).click();
    await page.getByRole("button", { name: "Restore this version" }).click();
    await page.getByRole("dialog", { name: "Restore version 1?" }).getByRole("button", { name: "Restore as new version" }).click();
    await expect(page.getByRole("heading", { name: /Version 3/ })).toBeVisible();
    const versions = await db`select version_number, content from public."Document" where id = ${doc.documentId} order by version_number`;
    expect(versions.map((v) => v.version_number)).toEqual([1, 2, 3]);
    expect(versions[2].content).toBe(versions[0].content);
  } finally {
    await doc.cleanup();
  }
});

test("opens a session and its drafts", async ({ page, db }) => {
  const alice = await userId(db, demo.user.email);
  const [s] = await db`select id from public.sessions where user_id = ${alice} and draft_count > 0 order by created_at desc limit 1`;
  expect(s, "the demo seed gives alice sessions with drafts").toBeTruthy();
  await page.goto("/sessions");
  const table = page.getByRole("table", { name: "Sessions" });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await shot(page, "25-sessions");
  await page.goto(`/sessions/${s.id}`);
  await expect(page.getByRole("heading", { name: /IR revisions/ })).toBeVisible();
  await expect(page.getByRole("article", { name: "Draft 1" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Draft 1" }).locator("pre")).not.toBeEmpty();
  await expect(page.getByLabel("Draft validation")).toContainText("Syntax valid");
  await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.locator("[data-changed]").first()).toBeAttached();
  await shot(page, "26-session");
});

test("opens a directive and diffs two versions; lockfiles flag old pins", async ({ page, db }) => {
  const [d] = await db`select d.name, array_agg(v.version order by v.created_at) as versions
                         from public.directives d join public.directive_versions v on v.directive_id = d.id
                        group by d.name having count(*) >= 2 order by d.name limit 1`;
  expect(d, "the demo seed has a directive with two versions").toBeTruthy();
  await page.goto("/directives");
  await expect(page.getByRole("table", { name: "Directives" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your lockfiles" })).toBeVisible();
  await shot(page, "27-directives");
  await page.goto(`/directives/${encodeURIComponent(d.name)}`);
  await expect(page.getByRole("heading", { name: d.name })).toBeVisible();
  await page.getByLabel("From version", { exact: true }).selectOption(d.versions[0]);
  await page.getByLabel("To version", { exact: true }).selectOption(d.versions[1]);
  await page.getByRole("button", { name: "Compare" }).click();
  const diff = page.getByRole("table", { name: `Changes from ${d.versions[0]} to ${d.versions[1]}` });
  await expect(diff).toBeVisible();
  await expect(diff.locator('tr[data-diff="add"], tr[data-diff="del"]').first()).toBeVisible();
  await shot(page, "28-directive");
});

test("lists contexts and opens one", async ({ page }) => {
  await page.goto("/contexts");
  const table = page.getByRole("table", { name: "Contexts" });
  await expect(table).toBeVisible();
  await shot(page, "29-contexts");
  const link = table.locator("tbody").getByRole("link").first();
  await link.click();
  await expect(page.getByRole("heading", { name: "Actions" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Previews" })).toBeVisible();
  await shot(page, "30-context");
});
