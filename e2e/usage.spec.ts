/**
 * Usage pages (issue 6): an admin switches range and grouping and sees the charts' numbers
 * change and agree with a direct query on usage_logs; exports a chart's numbers as CSV; a user
 * sees only their own numbers. The spec inserts its own usage rows (metadata e2e=usage).
 */
import { parse } from "csv-parse/sync";
import { expect, test } from "./fixtures";
import { UsagePage, toNumber } from "./pages/usage-page";
import { demo } from "./support/accounts";

const TAG = { e2e: "usage" };

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async ({ db }) => {
  const [alice] = await db`select id from public.profiles where email = ${demo.user.email}`;
  const [admin] = await db`select id from public.profiles where email = ${demo.admin.email}`;
  await db`delete from public.usage_logs where metadata @> ${db.json(TAG)}`;
  await db`insert into public.model_config (model_id, name, provider, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
    values ('e2e-model-priced', 'E2E priced', 'openai', 2, 8) on conflict (model_id) do nothing`;
  // Today (UTC) and 1..20 days ago, at whole hours and minutes; alice and the admin; recorded,
  // estimated (no cost, priced model) and unpriced (no cost, no model_config row) calls.
  await db`
    insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens, total_cost,
                                   request_timestamp, duration_ms, metadata)
    select case when i % 3 = 0 then ${admin.id}::uuid else ${alice.id}::uuid end,
           case when i % 3 = 0 then 'e2e_admin_agent' when i % 2 = 0 then 'e2e_chat_agent' else 'e2e_python_agent' end,
           case when i % 5 = 0 then 'e2e-model-unpriced' else 'e2e-model-priced' end,
           case when i % 5 = 0 then 'e2e-provider-x' else 'openai' end,
           100 + i, 50 + i, 150 + 2 * i,
           case when i % 5 = 0 or i % 4 = 0 then null else 0.001 * i end,
           date_trunc('day', now(), 'UTC') - make_interval(days => i % 21) + make_interval(mins => (i * 37) % (24 * 60)),
           200 + 40 * i, ${db.json(TAG)}
    from generate_series(1, 120) i
    where date_trunc('day', now(), 'UTC') - make_interval(days => i % 21) + make_interval(mins => (i * 37) % (24 * 60)) < now()`;
});

/** calls per model over the last `days` UTC days including today, straight from usage_logs */
async function callsByModel(db: import("postgres").Sql, days: number, userEmail?: string) {
  const rows = await db`
    select coalesce(u.model_used, '(none)') as model, count(*)::int as calls
    from public.usage_logs u
    where u.request_timestamp >= date_trunc('day', now(), 'UTC') - make_interval(days => ${days - 1})
      and u.request_timestamp < date_trunc('day', now(), 'UTC') + interval '1 day'
      and (${userEmail ?? null}::text is null or u.user_id = (select id from public.profiles where email = ${userEmail ?? null}))
    group by 1`;
  return Object.fromEntries(rows.map((r) => [r.model as string, r.calls as number]));
}

test("admin: switching range and grouping changes the charts, and the numbers agree with usage_logs", async ({ page, signIn, db }) => {
  await signIn(demo.admin);
  const usage = new UsagePage(page);
  await usage.goto("/admin/usage", "?tz=UTC&range=7d");
  await expect(page.getByText(/in UTC/).first()).toBeVisible();

  // cost by model: calls per model equal a GROUP BY on the raw rows
  const expected7 = await callsByModel(db, 7);
  const models = UsagePage.read(await usage.numbers("Cost by model", "Cost by model"));
  const got7 = Object.fromEntries((await models).rows.map((r) => [r[0], toNumber(r[1])]));
  expect(got7).toEqual(expected7);
  // the unpriced model shows its tokens and a marker, not $0
  const unpricedRow = (await models).rows.find((r) => r[0] === "e2e-model-unpriced");
  expect(unpricedRow?.[4]).toMatch(/unpriced/);
  expect(unpricedRow?.[4]).not.toMatch(/\$0\.00/);

  // calls by agent, per day: seven zero-filled days whose totals add up to the same calls
  const byAgent = await UsagePage.read(await usage.numbers("Calls over time by agent type", /Calls by agent type, per day/));
  expect(byAgent.headers[0]).toBe("Day");
  expect(byAgent.headers).toContain("e2e_chat_agent");
  expect(byAgent.rows).toHaveLength(7);
  const total7 = Object.values(expected7).reduce((a, b) => a + b, 0);
  expect(byAgent.rows.reduce((s, r) => s + toNumber(r[r.length - 1]), 0)).toBe(total7);
  await expect(usage.total("Calls")).toHaveText(new Intl.NumberFormat("en-US").format(total7));

  // group by model: the URL changes and the chart's series are the models
  await usage.groupSelect().selectOption("model");
  await page.waitForURL(/group=model/);
  await expect(usage.section("Calls over time by model")).toBeVisible({ timeout: 60_000 });
  const byModel = await UsagePage.read(await usage.numbers("Calls over time by model", /Calls by model, per day/));
  // the biggest models by cost get their own series (the rest are "Other (n)"): all of them models
  expect(byModel.headers[0]).toBe("Day");
  const series = byModel.headers.slice(1, -1).filter((h) => !h.startsWith("Other"));
  expect(series.length).toBeGreaterThan(0);
  for (const h of series) expect(Object.keys(expected7)).toContain(h);
  expect(byModel.headers).not.toContain("e2e_chat_agent");

  // 30 days: more days, more calls, still equal to the raw rows
  await usage.rangeButton("30d").click();
  await page.waitForURL((u) => !u.searchParams.has("range") && u.searchParams.get("group") === "model");
  await expect(page.getByText(/^Last 30 days:/)).toBeVisible({ timeout: 60_000 });
  const expected30 = await callsByModel(db, 30);
  await expect
    .poll(async () => Object.fromEntries((await UsagePage.read(await usage.numbers("Cost by model", "Cost by model"))).rows.map((r) => [r[0], toNumber(r[1])])), { timeout: 60_000 })
    .toEqual(expected30);
  const days30 = await UsagePage.read(await usage.numbers("Calls over time by model", /Calls by model, per day/));
  expect(days30.rows).toHaveLength(30);

  // 24 hours: hourly buckets
  await usage.rangeButton("24h").click();
  await page.waitForURL(/range=24h/);
  await expect(page.getByText(/^Last 24 hours:/)).toBeVisible({ timeout: 60_000 });
  const hours = await UsagePage.read(await usage.numbers("Calls over time by model", /Calls by model, per hour/));
  expect(hours.headers[0]).toBe("Hour");
  expect(hours.rows).toHaveLength(24);

  await page.screenshot({ path: "test-results/usage-admin-24h.png", fullPage: true });
});

test("admin: a chart's CSV export streams every bucket and group, honouring the filter", async ({ page, signIn, db }) => {
  await signIn(demo.admin);
  const usage = new UsagePage(page);
  await usage.goto("/admin/usage", "?tz=UTC&range=7d&group=model");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    usage.section("Calls over time by model").getByRole("link", { name: /Export CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^usage-by-model-.*\.csv$/);
  const text = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8").replace(/^\uFEFF/, ""));
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(["bucket_start_utc", "bucket_local", "time_zone", "group", "calls", "recorded_cost_usd", "estimated_cost_usd", "unpriced_calls"]));
  expect(new Set(rows.map((r) => r.time_zone))).toEqual(new Set(["UTC"]));
  expect(new Set(rows.map((r) => r.bucket_local)).size).toBe(7);
  const expected = await callsByModel(db, 7);
  const got: Record<string, number> = {};
  for (const r of rows) got[r.group || "(none)"] = (got[r.group || "(none)"] ?? 0) + Number(r.calls);
  expect(Object.fromEntries(Object.entries(got).filter(([, n]) => n > 0))).toEqual(expected);

  // the users export is admins' only
  const res = await page.request.get("/usage/export?chart=users");
  expect(res.status()).toBe(400);
});

test("user: /usage shows only their own numbers", async ({ page, signIn, db }) => {
  await signIn(demo.user);
  const usage = new UsagePage(page);
  await usage.goto("/usage", "?tz=UTC&range=7d");
  const own = await callsByModel(db, 7, demo.user.email);
  const ownTotal = Object.values(own).reduce((a, b) => a + b, 0);
  const all = Object.values(await callsByModel(db, 7)).reduce((a, b) => a + b, 0);
  expect(ownTotal).toBeLessThan(all); // the admin has calls too
  await expect(usage.total("Calls")).toHaveText(new Intl.NumberFormat("en-US").format(ownTotal));
  const agents = await UsagePage.read(await usage.numbers("By agent (usage summary)", "Usage summary by agent"));
  expect(agents.rows.map((r) => r[0])).not.toContain("e2e_admin_agent");
  const perDay = await UsagePage.read(await usage.numbers("Calls over time by agent type", /Calls by agent type, per day/));
  expect(perDay.headers).not.toContain("e2e_admin_agent");
  expect(perDay.rows.reduce((s, r) => s + toNumber(r[r.length - 1]), 0)).toBe(ownTotal);
  await expect(page.getByText("e2e_admin_agent")).toHaveCount(0);
  // the admin pages stay closed
  await page.goto("/admin/usage");
  await expect(page.getByRole("region", { name: "Totals" })).toHaveCount(0);
  const res = await page.request.get("/admin/usage/export?chart=series");
  expect(res.status()).toBe(403);
  await page.goto("/usage?tz=UTC");
  await page.screenshot({ path: "test-results/usage-user-30d.png", fullPage: true });
});
