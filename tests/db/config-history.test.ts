/**
 * Issue 4 on the real schema, through the app's own path (authenticator login + runAs):
 * the config_history trigger (who, when, before, after; append-only; secrets fingerprinted),
 * the versioned UPDATEs that refuse a concurrent edit and say what changed meanwhile, revert as
 * a new revision, the browser-side admin_config rules against the trigger's, and view-as-user
 * (the target's claims in a READ ONLY transaction).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs } from "@/lib/db/run-as";
import { listRevisions, listSystemSettings, revisionsSince, usageByModelLast30Days } from "@/lib/db/queries/config";
import {
  createModel,
  deleteModel,
  revertToRevision,
  setModelFlag,
  updateAdminConfig,
  updateModel,
  updateSystemSetting,
} from "@/lib/db/mutations/config";
import { fieldFromTriggerMessage, modelInput, validateConfigData } from "@/lib/validation/admin-config";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let admin: { id: string; email: string };
let admin2: { id: string; email: string };
let user: { id: string; email: string };
let other: { id: string; email: string };

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  admin = await createUser(db.admin, { email: "cfg-admin@example.test", role: "ADMIN" });
  admin2 = await createUser(db.admin, { email: "cfg-admin2@example.test", role: "ADMIN" });
  user = await createUser(db.admin, { email: "cfg-user@example.test", role: "USER" });
  other = await createUser(db.admin, { email: "cfg-other@example.test", role: "USER" });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Fn<T> = Parameters<typeof runAs<T>>[2];
const as = <T>(who: { id: string; email: string }, fn: Fn<T>) => runAs(app.db, claimsFor(who), fn);
const version = async (table: string, where: string) =>
  (await db.admin.unsafe(`select ${table === "system_settings" ? '"updatedAt"' : "updated_at"}::text as v from public.${table} where ${where}`))[0].v as string;
const model = (over: Record<string, unknown> = {}) =>
  modelInput.parse({
    modelId: `hist-${Math.random().toString(36).slice(2, 8)}`,
    name: "History model",
    provider: "openai",
    inputPrice: "1.5",
    outputPrice: "6",
    metadata: '{"contextWindow": 128000}',
    ...over,
  });

describe("config_history trigger", () => {
  it("records the seed as each row's first revision, by the system", async () => {
    const rows = await db.admin`
      select h.operation, h.changed_by from public.config_history h
      join public.model_config m on h.table_name = 'model_config' and h.row_id = m.id::text
      where m.model_id = 'gpt-4o' order by h.id limit 1`;
    expect(rows[0].operation).toMatch(/INSERT|BASELINE/);
    expect(rows[0].changed_by).toBeNull();
  });

  it("records insert, update and delete with who, when, before and after", async () => {
    const input = model();
    const created = await as(admin, (tx) => createModel(tx, input));
    const v = await version("model_config", `id = '${created.id}'`);
    const out = await as(admin2, (tx) => updateModel(tx, created.id, v, { ...input, inputPrice: "2.25" }));
    expect(out.status).toBe("ok");
    if (out.status === "ok") expect(out.changes.map((c) => c.path)).toEqual(["input_pricing_per_million_tokens"]);
    const del = await as(admin, (tx) => deleteModel(tx, created.id));
    expect(del.status).toBe("deleted");

    const revs = await db.admin`select operation, changed_by, changed_at, before, after from public.config_history
                                 where table_name = 'model_config' and row_id = ${created.id} order by id`;
    expect(revs.map((r) => r.operation)).toEqual(["INSERT", "UPDATE", "DELETE"]);
    expect(revs.map((r) => r.changed_by)).toEqual([admin.id, admin2.id, admin.id]);
    expect(revs[0].before).toBeNull();
    expect(Number(revs[1].before.input_pricing_per_million_tokens)).toBe(1.5);
    expect(Number(revs[1].after.input_pricing_per_million_tokens)).toBe(2.25);
    expect(revs[2].after).toBeNull();
    expect(revs[2].before.model_id).toBe(input.modelId);
    expect(revs[1].changed_at.getTime()).toBeGreaterThanOrEqual(revs[0].changed_at.getTime());
  });

  it("does not record an UPDATE that changes nothing but the timestamp", async () => {
    const before = await db.admin`select count(*)::int as n from public.config_history where table_name = 'system_settings' and row_id = 'llm_model'`;
    await as(admin, (tx) => tx.execute(sql`update public.system_settings set value = value where key = 'llm_model'`));
    const after = await db.admin`select count(*)::int as n from public.config_history where table_name = 'system_settings' and row_id = 'llm_model'`;
    expect(after[0].n).toBe(before[0].n);
  });

  it("is readable by admins only and written by nobody", async () => {
    const mine = await as(admin, (tx) => listRevisions(tx, { table: "model_config", limit: 5 }));
    expect(mine.length).toBeGreaterThan(0);
    const theirs = await as(user, (tx) => listRevisions(tx, { table: "model_config", limit: 5 }));
    expect(theirs).toEqual([]);
    for (const stmt of [
      sql`insert into public.config_history (table_name, row_id, row_label, operation) values ('model_config', 'x', 'x', 'INSERT')`,
      sql`update public.config_history set reason = 'rewritten'`,
      sql`delete from public.config_history`,
    ]) {
      await expect(as(admin, (tx) => tx.execute(stmt))).rejects.toMatchObject({ cause: { code: "42501" } });
    }
    // Not even the owner rewrites history.
    await expect(db.admin`update public.config_history set reason = 'rewritten' where id = ${mine[0].id}`).rejects.toThrow(/append-only/);
    await expect(db.admin`delete from public.config_history where id = ${mine[0].id}`).rejects.toThrow(/append-only/);
  });

  it("keeps a fingerprint of a secret, never the secret", async () => {
    const v = await version("system_settings", `key = 'openrouter_key'`);
    const out = await as(admin, (tx) => updateSystemSetting(tx, { key: "openrouter_key", version: v, value: "sk-or-v1-supersecretvalue1234" }));
    expect(out.status).toBe("ok");
    const [rev] = await db.admin`select before, after from public.config_history where table_name = 'system_settings' and row_id = 'openrouter_key' order by id desc limit 1`;
    expect(JSON.stringify(rev)).not.toContain("supersecret");
    expect(rev.after.value).toMatch(/^\[secret, 29 characters, sha256 [0-9a-f]{8}\]$/);
    // The page's read masks it too.
    const settings = await as(admin, (tx) => listSystemSettings(tx));
    const s = settings.find((x) => x.key === "openrouter_key")!;
    expect(s.value).toBe("••••••••1234");
    expect(s.secret).toBe(true);
  });
});

describe("concurrent edits", () => {
  it("refuses a save from a stale version and says what changed meanwhile, by whom", async () => {
    const input = model();
    const created = await as(admin, (tx) => createModel(tx, input));
    const v0 = await version("model_config", `id = '${created.id}'`);
    const first = await as(admin, (tx) => updateModel(tx, created.id, v0, { ...input, outputPrice: "7", name: "Renamed by A" }));
    expect(first.status).toBe("ok");
    const second = await as(admin2, (tx) => updateModel(tx, created.id, v0, { ...input, inputPrice: "9" }));
    expect(second.status).toBe("conflict");
    if (second.status !== "conflict") return;
    expect(second.conflict.changedBy).toEqual([admin.email]);
    expect(second.conflict.changes.map((c) => c.path).sort()).toEqual(["name", "output_pricing_per_million_tokens"]);
    const [row] = await db.admin`select name, input_pricing_per_million_tokens::text as i from public.model_config where id = ${created.id}`;
    expect(row).toEqual({ name: "Renamed by A", i: "1.5000" });
  });

  it("lets exactly one of two simultaneous saves of the same version through", async () => {
    const [cfg] = await db.admin`select config_data, updated_at::text as v from public.admin_config where config_key = 'python_agent_google'`;
    const save = (who: typeof admin, perMinute: number) =>
      as(who, async (tx) => {
        const out = await updateAdminConfig(tx, {
          configKey: "python_agent_google",
          version: cfg.v,
          data: { ...cfg.config_data, rateLimit: { ...cfg.config_data.rateLimit, perMinute } },
          userId: who.id,
        });
        // Hold the transaction open a moment, so the other one has to wait on the row lock.
        await tx.execute(sql`select pg_sleep(0.2)`);
        return out;
      });
    const results = await Promise.all([save(admin, 41), save(admin2, 42)]);
    expect(results.map((r) => r.status).sort()).toEqual(["conflict", "ok"]);
    const loser = results.find((r) => r.status === "conflict");
    if (loser?.status === "conflict") expect(loser.conflict.changes.map((c) => c.path)).toEqual(["config_data.rateLimit.perMinute"]);
    const [now] = await db.admin`select config_data -> 'rateLimit' ->> 'perMinute' as pm from public.admin_config where config_key = 'python_agent_google'`;
    expect(["41", "42"]).toContain(now.pm);
  });

  it("reports a row deleted meanwhile as missing", async () => {
    const input = model();
    const created = await as(admin, (tx) => createModel(tx, input));
    const v0 = await version("model_config", `id = '${created.id}'`);
    await as(admin, (tx) => deleteModel(tx, created.id));
    const out = await as(admin2, (tx) => updateModel(tx, created.id, v0, input));
    expect(out.status).toBe("missing");
  });

  it("keeps one default per provider: making a model default takes the flag from the previous one", async () => {
    const [prev] = await db.admin`select id::text from public.model_config where provider = 'anthropic' and is_default`;
    const created = await as(admin, (tx) => createModel(tx, model({ provider: "anthropic" })));
    const v = await version("model_config", `id = '${created.id}'`);
    const out = await as(admin, (tx) => setModelFlag(tx, created.id, v, "is_default", true));
    expect(out.status).toBe("ok");
    const defaults = await db.admin`select id::text from public.model_config where provider = 'anthropic' and is_default`;
    expect(defaults.map((d) => d.id)).toEqual([created.id]);
    // The previous default lost its flag, and that is a revision of its own.
    const [h] = await db.admin`select before ->> 'is_default' as b, after ->> 'is_default' as a from public.config_history where row_id = ${prev.id} order by id desc limit 1`;
    expect(h).toEqual({ b: "true", a: "false" });
  });

  it("refuses to delete a model that usage rows reference", async () => {
    const input = model({ provider: "google" });
    const created = await as(admin, (tx) => createModel(tx, input));
    await db.admin`insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens)
                   values (${user.id}, 'chat_model_agent', ${input.modelId}, 'google', 1000, 500, 1500)`;
    const out = await as(admin, (tx) => deleteModel(tx, created.id));
    expect(out).toMatchObject({ status: "referenced", usageRows: true });
    const still = await db.admin`select 1 from public.model_config where id = ${created.id}`;
    expect(still.length).toBe(1);
    // The 30-day usage the price preview reads sees the row.
    const usage = await as(admin, (tx) => usageByModelLast30Days(tx, input.modelId));
    expect(usage).toMatchObject([{ modelUsed: input.modelId, calls: 1, inputTokens: 1000, outputTokens: 500, costCalls: 0 }]);
  });
});

describe("revert", () => {
  it("writes a new revision with the old content and leaves history as it was", async () => {
    const [cfg] = await db.admin`select id::text, config_data, updated_at::text as v from public.admin_config where config_key = 'mermaid_agent_openai'`;
    const original = cfg.config_data.systemPrompt as string;
    const changed = await as(admin, (tx) =>
      updateAdminConfig(tx, { configKey: "mermaid_agent_openai", version: cfg.v, data: { ...cfg.config_data, systemPrompt: "Changed prompt" }, userId: admin.id }),
    );
    expect(changed.status).toBe("ok");
    const revs = await as(admin, (tx) => listRevisions(tx, { table: "admin_config", rowId: cfg.id }));
    const target = revs.find((r) => r.after?.config_data && (r.after.config_data as Record<string, unknown>).systemPrompt === original && r.id < revs[0].id)!;
    const countBefore = revs.length;
    const v1 = await version("admin_config", `id = '${cfg.id}'`);

    // A revert from a stale version is refused like any save.
    const stale = await as(admin2, (tx) => revertToRevision(tx, { revisionId: target.id, version: cfg.v, userId: admin2.id }));
    expect(stale.status).toBe("conflict");

    const out = await as(admin2, (tx) => revertToRevision(tx, { revisionId: target.id, version: v1, userId: admin2.id }));
    expect(out.status).toBe("ok");
    const [now] = await db.admin`select config_data ->> 'systemPrompt' as p from public.admin_config where id = ${cfg.id}`;
    expect(now.p).toBe(original);
    const after = await as(admin, (tx) => listRevisions(tx, { table: "admin_config", rowId: cfg.id }));
    expect(after.length).toBe(countBefore + 1);
    expect(after[0]).toMatchObject({ operation: "UPDATE", reason: `Revert to revision #${target.id}`, changedBy: admin2.id });
    // Older revisions are unchanged.
    expect(after.slice(1)).toEqual(revs);
  });

  it("finds the revision a form was loaded from and what came after it", async () => {
    const v = await version("system_settings", `key = 'ai_host'`);
    await as(admin, (tx) => updateSystemSetting(tx, { key: "ai_host", version: v, value: "http://10.0.0.1:1234/v1" }));
    const { base, first, last, changedBy } = await as(admin, (tx) => revisionsSince(tx, "system_settings", "ai_host", v));
    expect(base).not.toBeNull();
    expect(first?.id).toBe(last?.id);
    expect(last?.after?.value).toBe("http://10.0.0.1:1234/v1");
    expect(changedBy).toEqual([admin.email]);
  });
});

describe("admin_config rules: the browser's check matches the trigger", () => {
  const valid = { enabled: true, rateLimit: { perMinute: 1, perHour: 2, perDay: 3 }, systemPrompt: "p", tools: {} };
  const cases: [string, string, Record<string, unknown>][] = [
    ["missing rate limit", "document_agent_google", { ...valid, rateLimit: { perMinute: 1, perHour: 2 } }],
    ["negative rate limit", "document_agent_google", { ...valid, rateLimit: { perMinute: -1, perHour: 2, perDay: 3 } }],
    ["fractional rate limit", "document_agent_google", { ...valid, rateLimit: { perMinute: 1.5, perHour: 2, perDay: 3 } }],
    ["string rate limit", "document_agent_google", { ...valid, rateLimit: { perMinute: "5", perHour: 2, perDay: 3 } }],
    ["no enabled", "document_agent_google", { ...valid, enabled: "yes" }],
    ["no tools", "python_agent_google", { enabled: true, rateLimit: valid.rateLimit }],
    ["prompt not text", "document_agent_google", { ...valid, systemPrompt: 42 }],
    ["chat agent without capabilities", "chat_model_agent_google", valid],
    ["provider tools without prompt", "provider_tools_agent_google", { ...valid, systemPrompt: undefined }],
    ["active provider not available", "app_settings", { activeProvider: "openai", availableProviders: ["google"] }],
    ["retention missing", "logging_settings", { error_logging_enabled: true, log_retention_days: { error_logs: 5, user_activity_logs: 5 } }],
  ];
  for (const [name, key, data] of cases) {
    it(`${name}: both refuse, naming the same field`, async () => {
      const browser = validateConfigData(key, JSON.parse(JSON.stringify(data)));
      expect(Object.keys(browser).length).toBeGreaterThan(0);
      const [{ v }] = await db.admin`select updated_at::text as v from public.admin_config where config_key = ${key}`;
      let message = "";
      try {
        await as(admin, (tx) => updateAdminConfig(tx, { configKey: key, version: v, data, userId: admin.id }));
      } catch (e) {
        message = ((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message) as string;
      }
      expect(message).toMatch(/^admin_config "/);
      const field = fieldFromTriggerMessage(message);
      expect(field).not.toBeNull();
      expect(Object.keys(browser)).toContain(field);
    });
  }

  it("accepts every seeded config as it is", async () => {
    const rows = await db.admin`select config_key, config_data from public.admin_config`;
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const r of rows) expect([r.config_key, validateConfigData(r.config_key, r.config_data)]).toEqual([r.config_key, {}]);
  });
});

describe("view as user", () => {
  const viewAs = <T>(target: { id: string; email: string }, fn: Fn<T>) =>
    runAs(app.db, { ...claimsFor(target), view_as_by: admin.id }, fn, { readOnly: true });

  beforeAll(async () => {
    for (const [who, n] of [[user, 3], [other, 2], [admin, 1]] as const) {
      for (let i = 0; i < n; i++) await db.admin`insert into public."Chat" (title, user_id) values (${`chat ${i} of ${who.email}`}, ${who.id})`;
    }
  });

  it("sees exactly the target's rows", async () => {
    const rows = await viewAs(user, (tx) => tx.execute(sql`select user_id::text from public."Chat"`));
    const ids = (rows as unknown as { user_id: string }[]).map((r) => r.user_id);
    expect(ids.length).toBe(3);
    expect(new Set(ids)).toEqual(new Set([user.id]));
    // Admin-only tables are closed, as for the user themself.
    const cfg = await viewAs(user, (tx) => tx.execute(sql`select 1 from public.admin_config`));
    expect((cfg as unknown as unknown[]).length).toBe(0);
  });

  it("cannot write, even rows the target could write", async () => {
    await expect(
      viewAs(user, (tx) => tx.execute(sql`insert into public."Chat" (title, user_id) values ('written while viewing', ${user.id})`)),
    ).rejects.toMatchObject({ cause: { code: "25006" } });
    await expect(viewAs(user, (tx) => tx.execute(sql`update public.profiles set name = 'x' where id = ${user.id}`))).rejects.toMatchObject({
      cause: { code: "25006" },
    });
    const n = await db.admin`select count(*)::int as n from public."Chat" where title = 'written while viewing'`;
    expect(n[0].n).toBe(0);
    // The same write without view-as goes through: the refusal is the READ ONLY transaction's.
    await runAs(app.db, claimsFor(user), (tx) => tx.execute(sql`insert into public."Chat" (title, user_id) values ('written by the user', ${user.id})`));
    const m = await db.admin`select count(*)::int as n from public."Chat" where title = 'written by the user'`;
    expect(m[0].n).toBe(1);
  });
});
