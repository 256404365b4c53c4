/**
 * Issue 4 in the browser, as the demo admin: models (price impact preview, one default per
 * provider, unpriced usage), agents (field errors, revert from history, concurrent edits),
 * settings (secrets masked), who may open these pages and call their actions, and view as user.
 *
 * Tests never edit the demo config others rely on: they create their own rows (models of the
 * providers deepseek / xai / together, agent configs of provider xai, a setting e2e_*), so they
 * run in parallel with every other spec.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type postgres from "postgres";
import { expect, test } from "./fixtures";
import { demo } from "./support/accounts";

// Several sessions and saves per test, on a machine shared with other suites: room beyond 60 s.
test.describe.configure({ timeout: 150_000 });

const shots = path.resolve("test-results/screenshots");
const shot = (name: string) => ({ path: path.join(shots, `${name}.png`), fullPage: true });
const suffix = () => randomUUID().slice(0, 8);

async function insertModel(db: postgres.Sql, m: { modelId: string; provider: string; isDefault?: boolean; input?: number; output?: number }) {
  const [row] = await db`
    insert into public.model_config (model_id, name, provider, is_default, input_pricing_per_million_tokens, output_pricing_per_million_tokens, metadata)
    values (${m.modelId}, ${`E2E ${m.modelId}`}, ${m.provider}, ${m.isDefault ?? false}, ${m.input ?? 1}, ${m.output ?? 2}, '{"contextWindow": 8192}')
    returning id::text`;
  return row.id as string;
}

async function agentConfig(db: postgres.Sql, key: string, prompt: string) {
  const data = { enabled: true, systemPrompt: prompt, rateLimit: { perMinute: 5, perHour: 50, perDay: 200 }, tools: { create: { enabled: true, description: "Create" } } };
  await db`insert into public.admin_config (config_key, config_data) values (${key}, ${db.json(data)})
           on conflict (config_key) do update set config_data = excluded.config_data`;
}

const card = (page: Page, key: string) => page.getByTestId(`agent-${key}`);

/** Clicks "Make default" on a model and returns the server action's request, to replay it as others. */
async function captureMakeDefault(page: Page, modelId: string) {
  const request = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: `Make ${modelId} the default` }).click();
  const r = await request;
  return { url: r.url(), headers: { "next-action": r.headers()["next-action"], "content-type": r.headers()["content-type"], accept: "text/x-component" }, body: r.postData() ?? "" };
}

test.describe("as the admin", () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn(demo.admin);
  });

  test("models: editing a price previews its impact on the last 30 days, and saving records a revision", async ({ page, db }) => {
    const modelId = `e2e-preview-${suffix()}`;
    await insertModel(db, { modelId, provider: "deepseek", input: 1, output: 2 });
    const [alice] = await db`select id from public.profiles where email = ${demo.user.email}`;
    // Two calls two days ago: 2M input and 1M output tokens, $4.00 recorded at the old prices.
    for (let i = 0; i < 2; i++) {
      await db`insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens, total_cost, request_timestamp)
               values (${alice.id}, 'chat_model_agent', ${modelId}, 'deepseek', 1000000, 500000, 1500000, 2.0, now() - interval '2 days')`;
    }
    await page.goto(`/admin/models?q=${modelId}`);
    await expect.poll(() => page.getByRole("table", { name: "Models" }).getByRole("row").count()).toBe(2);
    await page.getByRole("button", { name: `Edit ${modelId}` }).click();
    const dialog = page.getByRole("dialog");
    const impact = dialog.getByTestId("price-impact");
    await expect(impact).toContainText("2 calls");
    await expect(dialog.getByTestId("impact-recorded")).toHaveText("$4.00");
    await dialog.getByLabel("Input price ($ per million tokens)").fill("3");
    await expect(dialog.getByTestId("impact-new")).toContainText("$8.00");
    await expect(dialog.getByTestId("impact-delta")).toHaveText("(+$4.00 vs recorded)");
    // Invalid prices are caught as you type, with the server's rule.
    await dialog.getByLabel("Input price ($ per million tokens)").fill("-1");
    await expect(dialog.getByText("A price cannot be negative")).toBeVisible();
    await expect(dialog.getByTestId("impact-new")).toContainText("enter valid prices");
    await dialog.getByLabel("Input price ($ per million tokens)").fill("3");
    await page.screenshot(shot("issue4-01-price-preview"));
    await dialog.getByRole("button", { name: "Save model" }).click();
    await expect(page.getByText(`Saved ${modelId}.`)).toBeVisible();
    await expect.poll(async () => (await db`select input_pricing_per_million_tokens::text as p from public.model_config where model_id = ${modelId}`)[0].p).toBe("3.0000");
    const history = page.getByTestId("config-history");
    await expect(history.getByTestId("revision-row").filter({ hasText: modelId }).first()).toContainText(demo.admin.email);
  });

  test("models: making another model the default takes the flag from the previous one; bad input is refused", async ({ page, db }) => {
    const s = suffix();
    const a = `e2e-default-a-${s}`;
    const b = `e2e-default-b-${s}`;
    await insertModel(db, { modelId: a, provider: "together", isDefault: true });
    await insertModel(db, { modelId: b, provider: "together" });
    await page.goto(`/admin/models?q=e2e-default-&provider=together`);
    const rowOf = (id: string) => page.getByRole("table", { name: "Models" }).getByRole("row").filter({ hasText: id });
    await expect(rowOf(a).getByTestId("model-flags")).toContainText("Default");
    await expect(rowOf(b).getByTestId("model-flags")).not.toContainText("Default");
    await page.getByRole("button", { name: `Make ${b} the default` }).click();
    await expect(rowOf(b).getByTestId("model-flags")).toContainText("Default");
    await expect(rowOf(a).getByTestId("model-flags")).not.toContainText("Default");
    await page.screenshot(shot("issue4-02-models"));

    // Add a model with a duplicate id and malformed metadata: messages per field, nothing written.
    await page.getByRole("button", { name: "Add model" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Model id").fill(b);
    await dialog.getByLabel("Display name").fill("Duplicate");
    await dialog.getByLabel("Metadata (JSON)").fill("{not json");
    await expect(dialog.getByText(/Metadata is not valid JSON/)).toBeVisible();
    await dialog.getByLabel("Metadata (JSON)").fill('{"contextWindow": 1000}');
    await dialog.getByRole("button", { name: "Add model" }).click();
    await expect(dialog.getByText("A model with this id already exists.")).toBeVisible();
    const n = await db`select count(*)::int as n from public.model_config where model_id = ${b}`;
    expect(n[0].n).toBe(1);
  });

  test("models: unpriced usage is listed with its volume and priced in one click", async ({ page, db }) => {
    const modelId = `e2e-unpriced-${suffix()}`;
    const [alice] = await db`select id from public.profiles where email = ${demo.user.email}`;
    await db`insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens, request_timestamp)
             values (${alice.id}, 'chat_model_agent', ${modelId}, 'mistral', 1200, 300, 1500, now() - interval '1 day')`;
    await page.goto("/admin/models");
    const unpriced = page.getByTestId("unpriced-usage");
    const row = unpriced.getByRole("row").filter({ hasText: modelId });
    await expect(row).toContainText("1,500");
    await row.getByRole("button", { name: `Add price for ${modelId}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Model id")).toHaveValue(modelId);
    await expect(dialog.getByLabel("Provider")).toHaveValue("mistral");
    await dialog.getByLabel("Input price ($ per million tokens)").fill("2");
    await dialog.getByLabel("Output price ($ per million tokens)").fill("6");
    await dialog.getByRole("button", { name: "Add model" }).click();
    await expect(unpriced.getByRole("row").filter({ hasText: modelId })).toHaveCount(0);
    await expect.poll(async () => (await db`select count(*)::int as n from public.model_config where model_id = ${modelId}`)[0].n).toBe(1);
  });

  test("agents: a missing rate limit is a field error and nothing is saved", async ({ page, db }) => {
    await agentConfig(db, "document_agent_xai", "Document prompt");
    await page.goto("/admin/agents?provider=xai");
    const c = card(page, "document_agent_xai");
    await c.getByLabel("Requests per minute").fill("");
    await c.getByRole("button", { name: "Save" }).click();
    await expect(c.getByText("rateLimit.perMinute is required (a number)")).toBeVisible();
    await expect(c.getByLabel("Requests per minute")).toHaveAttribute("aria-invalid", "true");
    const [row] = await db`select config_data -> 'rateLimit' ->> 'perMinute' as pm from public.admin_config where config_key = 'document_agent_xai'`;
    expect(row.pm).toBe("5");
    await page.screenshot(shot("issue4-03-agents"));
  });

  test("agents: change the system prompt, then revert it from the history", async ({ page, db }) => {
    const original = `Original prompt ${suffix()}`;
    await agentConfig(db, "git_mcp_agent_xai", original);
    await page.goto("/admin/agents?provider=xai");
    const c = card(page, "git_mcp_agent_xai");
    await expect(c.getByLabel(/System prompt/)).toHaveValue(original);
    await c.getByLabel(/System prompt/).fill("Changed by the e2e test");
    await expect(c.getByText("differs from default").first()).toBeVisible();
    await c.getByRole("button", { name: "Save" }).click();
    await expect(c.getByText(/Saved git_mcp_agent_xai/)).toBeVisible();
    await expect.poll(async () => (await db`select config_data ->> 'systemPrompt' as p from public.admin_config where config_key = 'git_mcp_agent_xai'`)[0].p).toBe("Changed by the e2e test");

    const history = page.getByTestId("config-history");
    const revisions = history.getByTestId("revision-row").filter({ hasText: "git_mcp_agent_xai" });
    await expect(revisions.first()).toContainText("systemPrompt");
    await revisions.first().getByRole("button", { name: "Diff" }).click();
    await expect(page.getByRole("dialog").getByRole("table")).toContainText("Changed by the e2e test");
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await revisions.nth(1).getByRole("button", { name: "Revert to this" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revert" }).click();
    await expect(history.getByText(/Reverted git_mcp_agent_xai to revision #\d+/)).toBeVisible();
    await expect.poll(async () => (await db`select config_data ->> 'systemPrompt' as p from public.admin_config where config_key = 'git_mcp_agent_xai'`)[0].p).toBe(original);
    await expect(c.getByLabel(/System prompt/)).toHaveValue(original);
    await expect(revisions.first()).toContainText(/Revert to revision #\d+/);
    await page.screenshot(shot("issue4-04-history"));
  });

  test("agents: the same config saved from two pages: the second is refused with the difference", async ({ page, db, newSession }) => {
    await agentConfig(db, "python_agent_xai", "Python prompt");
    const other = await newSession(demo.admin);
    await page.goto("/admin/agents?provider=xai");
    await other.goto("/admin/agents?provider=xai");
    const mine = card(page, "python_agent_xai");
    const theirs = card(other, "python_agent_xai");
    await expect(theirs.getByLabel("Requests per hour")).toHaveValue("50");

    await mine.getByLabel("Requests per minute").fill("11");
    await mine.getByRole("button", { name: "Save" }).click();
    await expect(mine.getByText(/Saved python_agent_xai/)).toBeVisible();

    await theirs.getByLabel("Requests per hour").fill("77");
    await theirs.getByRole("button", { name: "Save" }).click();
    await expect(theirs.getByText("Someone else saved this first")).toBeVisible();
    const changed = theirs.getByRole("table", { name: "Changed meanwhile" });
    await expect(changed).toContainText("config_data.rateLimit.perMinute");
    await expect(changed).toContainText("5");
    await expect(changed).toContainText("11");
    await other.screenshot(shot("issue4-05-conflict"));
    const [row] = await db`select config_data -> 'rateLimit' as rl from public.admin_config where config_key = 'python_agent_xai'`;
    expect(row.rl).toEqual({ perMinute: 11, perHour: 50, perDay: 200 });
  });

  test("settings: secrets are masked and never sent to the browser; a new value replaces them", async ({ page, db }) => {
    const key = `e2e_${suffix()}_key`;
    await db`insert into public.system_settings (key, value, description) values (${key}, 'sk-e2e-very-secret-0000abcd', 'An e2e secret')`;
    const html: string[] = [];
    page.on("response", async (r) => {
      if (r.url().includes("/admin/settings")) html.push(await r.text().catch(() => ""));
    });
    await page.goto("/admin/settings");
    const row = page.getByTestId(`setting-${key}`);
    await expect(row.getByTestId("setting-value")).toContainText("••••••••abcd");
    expect(await page.content()).not.toContain("very-secret");
    expect(html.join("")).not.toContain("very-secret");
    await page.screenshot(shot("issue4-06-settings"));
    await row.getByRole("button", { name: `Edit ${key}` }).click();
    await page.getByRole("dialog").getByLabel("New value").fill("sk-e2e-replaced-secret-9999wxyz");
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(`${key} was replaced.`)).toBeVisible();
    await expect(row.getByTestId("setting-value")).toContainText("••••••••wxyz");
    expect(await page.content()).not.toContain("replaced-secret");
    const [s] = await db`select value from public.system_settings where key = ${key}`;
    expect(s.value).toBe("sk-e2e-replaced-secret-9999wxyz");
  });
});

test("users and managers get 403 on these pages, and their direct action calls are refused", async ({ page, signIn, newSession, db }) => {
  const s = suffix();
  const a = `e2e-guard-a-${s}`;
  const b = `e2e-guard-b-${s}`;
  await insertModel(db, { modelId: a, provider: "xai" });
  await insertModel(db, { modelId: b, provider: "xai", isDefault: true });
  await signIn(demo.admin);
  await page.goto(`/admin/models?q=e2e-guard-a-${s}`);
  // The admin's own call ("make a the default"), captured to be replayed with other people's cookies.
  const call = await captureMakeDefault(page, a);
  await expect.poll(async () => (await db`select is_default from public.model_config where model_id = ${a}`)[0].is_default).toBe(true);
  // Give the flag back to b, so that a replay that got through would show.
  await db`update public.model_config set is_default = true where model_id = ${b}`;

  for (const account of [demo.user, demo.manager]) {
    const other = await newSession(account);
    for (const url of ["/admin/models", "/admin/agents", "/admin/settings"]) {
      await other.goto(url);
      await expect(other.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    }
    const res = await other.request.post(call.url, { headers: call.headers, data: call.body });
    expect(await res.text()).toContain("You do not have permission to do this.");
    const [row] = await db`select is_default from public.model_config where model_id = ${a}`;
    expect(row.is_default).toBe(false);
  }
});

test("view as user: the banner names the user, writes are refused, an audit entry is written, stop viewing ends it", async ({ page, signIn, db }) => {
  const s = suffix();
  const a = `e2e-viewas-a-${s}`;
  const b = `e2e-viewas-b-${s}`;
  await insertModel(db, { modelId: a, provider: "groq" });
  await insertModel(db, { modelId: b, provider: "groq", isDefault: true });
  await signIn(demo.admin);
  await page.goto(`/admin/models?q=${a}`);
  const call = await captureMakeDefault(page, a);
  await expect.poll(async () => (await db`select is_default from public.model_config where model_id = ${a}`)[0].is_default).toBe(true);
  await db`update public.model_config set is_default = true where model_id = ${b}`;

  await page.goto(`/admin/users?q=${encodeURIComponent(demo.user.email)}`);
  await page.getByRole("button", { name: `Actions for ${demo.user.email}` }).click();
  await page.getByRole("button", { name: "View as user" }).click();
  await expect(page).toHaveURL(/\/$/);
  const banner = page.getByTestId("view-as-banner");
  await expect(banner).toContainText(`Viewing as ${demo.user.email}`);
  await expect(page.getByTestId("viewer-email").filter({ visible: true })).toHaveText(demo.user.email);
  await page.screenshot(shot("issue4-07-view-as"));
  // Every console page carries the banner; admin pages are the user's 403.
  await page.goto("/usage");
  await expect(banner).toBeVisible();
  // The chats list is exactly the user's: every chat linked is hers, and a full page of them.
  const [viewed] = await db`select id from public.profiles where email = ${demo.user.email}`;
  const own = await db`select id::text from public."Chat" where user_id = ${viewed.id}`;
  const ownIds = new Set(own.map((r) => r.id as string));
  await page.goto("/chats");
  await expect(banner).toBeVisible();
  const links = page.getByRole("table", { name: "Chats" }).locator("tbody").getByRole("link");
  await expect.poll(() => links.count()).toBeGreaterThan(0);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const shownIds = hrefs.map((h) => h.split("/chats/")[1]?.split(/[?#]/)[0]);
  expect(shownIds.every((id) => ownIds.has(id))).toBe(true);
  expect(new Set(shownIds).size).toBeGreaterThanOrEqual(Math.min(ownIds.size, 10));

  await page.goto("/admin/models");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  // A write, even the admin's own action called directly, is refused while viewing.
  const res = await page.request.post(call.url, { headers: call.headers, data: call.body });
  expect(await res.text()).toContain("viewing the console as another user, read-only");
  expect((await db`select is_default from public.model_config where model_id = ${a}`)[0].is_default).toBe(false);

  const [admin] = await db`select id from public.profiles where email = ${demo.admin.email}`;
  const [alice] = await db`select id from public.profiles where email = ${demo.user.email}`;
  await expect
    .poll(async () => (await db`select count(*)::int as n from public.user_activity_logs where user_id = ${admin.id} and activity_type = 'admin_view_as_user' and resource_id = ${alice.id}`)[0].n)
    .toBeGreaterThan(0);

  await page.goto("/");
  await page.getByRole("button", { name: "Stop viewing" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByTestId("view-as-banner")).toHaveCount(0);
  await expect(page.getByTestId("viewer-email").filter({ visible: true })).toHaveText(demo.admin.email);
});
