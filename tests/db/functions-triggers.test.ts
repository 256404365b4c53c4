/**
 * The documented functions and triggers of the five seeds, against the real Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, exec, sql, type Actor } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let alice: { id: string; email: string };
let admin: { id: string; email: string };
let asAlice: Actor;
let asAdmin: Actor;

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  alice = await createUser(db.admin, { role: "USER" });
  admin = await createUser(db.admin, { role: "ADMIN" });
  asAlice = { name: "alice", claims: claimsFor(alice) };
  asAdmin = { name: "admin", claims: claimsFor(admin) };
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("profiles follow auth.users", () => {
  it("creates a PENDING profile for a new auth user, ignoring any role in user_metadata", async () => {
    const u = await createUser(db.admin, { userMetadata: { role: "admin", name: "Mallory" } });
    const [p] = await db.admin`select role, email, name, username from public.profiles where id = ${u.id}`;
    expect(p).toMatchObject({ role: "PENDING", email: u.email, name: "Mallory" });
    expect(p.username).toBeTruthy();
  });

  it("keeps the profile email in step with auth.users", async () => {
    const u = await createUser(db.admin, { role: "USER" });
    await db.admin`update auth.users set email = ${"renamed-" + u.email} where id = ${u.id}`;
    const [p] = await db.admin`select email from public.profiles where id = ${u.id}`;
    expect(p.email).toBe("renamed-" + u.email);
  });

  it("get_user_role() reads profiles.role in lower case", async () => {
    const rows = await exec<{ role: string; is_admin: boolean }>(app.db, asAdmin, sql`select public.get_user_role() as role, public.is_current_user_admin() as is_admin`);
    expect(rows[0]).toEqual({ role: "admin", is_admin: true });
    const mine = await exec<{ role: string; is_admin: boolean }>(app.db, asAlice, sql`select public.get_user_role() as role, public.is_current_user_admin() as is_admin`);
    expect(mine[0]).toEqual({ role: "user", is_admin: false });
  });
});

describe("validate_user_id (seed 001)", () => {
  it("refuses a row whose user_id is not an auth user", async () => {
    await expect(
      db.admin`insert into public."Chat" (title, user_id) values ('x', '00000000-0000-4000-8000-000000000001')`,
    ).rejects.toThrow(/does not exist in auth.users/);
  });
  it("accepts a row of a real user", async () => {
    const [c] = await db.admin`insert into public."Chat" (title, user_id) values ('ok', ${alice.id}) returning id`;
    expect(c.id).toBeTruthy();
  });
});

describe("handle_auth_user_deletion (seed 001)", () => {
  it("removes the user's chats (with messages), documents, usage and repos and clears references", async () => {
    const u = await createUser(db.admin, { role: "USER" });
    const [chat] = await db.admin`insert into public."Chat" (title, user_id) values ('bye', ${u.id}) returning id`;
    await db.admin`insert into public."Message_v2" ("chatId", role, parts) values (${chat.id}, 'user', '[{"type":"text","text":"hi"}]')`;
    await db.admin`insert into public."Document" (title, user_id) values ('doc', ${u.id})`;
    await db.admin`insert into public.usage_logs (user_id, agent_type) values (${u.id}, 'chat_model_agent')`;
    await db.admin`insert into public.github_repositories (user_id, repo_owner, repo_name) values (${u.id}, 'o', 'r')`;
    await db.admin`insert into public.sessions (user_id, original_input) values (${u.id}, 'make a thing')`;
    const [err] = await db.admin`insert into public.error_logs (user_id, error_type, error_category, error_message, resolved, resolved_by)
      values (${alice.id}, 'app', 'x', 'boom', true, ${u.id}) returning id`;

    await db.admin`delete from auth.users where id = ${u.id}`;

    const [counts] = await db.admin`select
      (select count(*) from public."Chat" where user_id = ${u.id})::int as chats,
      (select count(*) from public."Message_v2" where "chatId" = ${chat.id})::int as messages,
      (select count(*) from public."Document" where user_id = ${u.id})::int as docs,
      (select count(*) from public.usage_logs where user_id = ${u.id})::int as usage,
      (select count(*) from public.github_repositories where user_id = ${u.id})::int as repos,
      (select count(*) from public.sessions where user_id = ${u.id})::int as sessions,
      (select count(*) from public.profiles where id = ${u.id})::int as profiles,
      (select resolved_by from public.error_logs where id = ${err.id}) as resolved_by`;
    expect(counts).toEqual({ chats: 0, messages: 0, docs: 0, usage: 0, repos: 0, sessions: 0, profiles: 0, resolved_by: null });
  });
});

describe("one default model per provider (seed 001)", () => {
  const defaults = async (provider: string) =>
    (await db.admin`select model_id from public.model_config where provider = ${provider} and is_default order by model_id`).map(
      (r) => r.model_id,
    );

  it("seeds exactly one default for each provider", async () => {
    for (const p of ["google", "openai", "anthropic"]) expect(await defaults(p)).toHaveLength(1);
  });

  it("setting a default unsets the provider's previous default", async () => {
    await exec(app.db, asAdmin, sql`update public.model_config set is_default = true where model_id = 'gpt-4o-mini'`);
    expect(await defaults("openai")).toEqual(["gpt-4o-mini"]);
    await exec(app.db, asAdmin, sql`update public.model_config set is_default = true where model_id = 'gpt-4o'`);
    expect(await defaults("openai")).toEqual(["gpt-4o"]);
  });

  it("a new default model on insert takes over", async () => {
    await db.admin`insert into public.model_config (model_id, name, provider, is_default, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
      values ('claude-new', 'Claude New', 'anthropic', true, 1, 2)`;
    expect(await defaults("anthropic")).toEqual(["claude-new"]);
  });

  it("refuses to remove the last default of a provider", async () => {
    const [g] = await db.admin`select model_id from public.model_config where provider = 'google' and is_default`;
    await expect(db.admin`update public.model_config set is_default = false where model_id = ${g.model_id}`).rejects.toThrow(
      /must keep a default model/,
    );
    await expect(db.admin`delete from public.model_config where model_id = ${g.model_id}`).rejects.toThrow(/make another model the default/);
    expect(await defaults("google")).toEqual([g.model_id]);
  });

  it("a provider's first model may be its default; unique model ids", async () => {
    await db.admin`insert into public.model_config (model_id, name, provider, is_default, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
      values ('mistral-large', 'Mistral Large', 'mistral', true, 2, 6)`;
    expect(await defaults("mistral")).toEqual(["mistral-large"]);
    await expect(
      db.admin`insert into public.model_config (model_id, name, provider, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
        values ('mistral-large', 'dup', 'mistral', 1, 1)`,
    ).rejects.toThrow(/duplicate key/);
  });

  it("refuses negative prices", async () => {
    await expect(db.admin`update public.model_config set input_pricing_per_million_tokens = -1 where model_id = 'gpt-4o'`).rejects.toThrow(
      /check constraint/,
    );
  });
});

describe("validate_admin_config_data (seed 001)", () => {
  const base = { enabled: true, systemPrompt: "You help.", rateLimit: { perMinute: 1, perHour: 10, perDay: 100 }, tools: {} };
  const insert = (key: string, data: unknown) =>
    db.admin`insert into public.admin_config (config_key, config_data) values (${key}, ${db.admin.json(data as never)})`;

  it("accepts a complete agent config", async () => {
    // Accepted means stored as sent: one row, its config_data unchanged by the trigger.
    const inserted = await insert("document_agent_testprov", base);
    expect(inserted.count).toBe(1);
    const rows = await db.admin`select config_data from public.admin_config where config_key = ${"document_agent_testprov"}`;
    expect(rows.map((r) => r.config_data)).toEqual([base]);
  });
  it("names a missing rateLimit.perHour", async () => {
    await expect(insert("python_agent_testprov", { ...base, rateLimit: { perMinute: 1, perDay: 100 } })).rejects.toThrow(
      /rateLimit\.perHour is required/,
    );
  });
  it("names a missing enabled", async () => {
    const { enabled: _e, ...rest } = base;
    await expect(insert("mermaid_agent_testprov", rest)).rejects.toThrow(/enabled is required/);
  });
  it("requires tools for tool-based agents", async () => {
    const { tools: _t, ...rest } = base;
    await expect(insert("git_mcp_agent_testprov", rest)).rejects.toThrow(/tools is required for git_mcp_agent/);
  });
  it("requires systemPrompt for provider_tools_agent", async () => {
    const { systemPrompt: _s, ...rest } = base;
    await expect(insert("provider_tools_agent_testprov", rest)).rejects.toThrow(/systemPrompt is required/);
  });
  it("requires capabilities for chat_model_agent", async () => {
    await expect(insert("chat_model_agent_testprov", base)).rejects.toThrow(/capabilities is required/);
    await insert("chat_model_agent_testprov", { ...base, capabilities: { fileInput: { enabled: true } } });
  });
  it("refuses negative or fractional limits, also on update", async () => {
    await expect(
      db.admin`update public.admin_config set config_data = jsonb_set(config_data, '{rateLimit,perDay}', '-5')
               where config_key = 'chat_model_agent_google'`,
    ).rejects.toThrow(/rateLimit\.perDay must be a whole number/);
  });
  it("checks app_settings and logging_settings shapes", async () => {
    await expect(
      db.admin`update public.admin_config set config_data = '{"activeProvider":"nope","availableProviders":["google"]}'
               where config_key = 'app_settings'`,
    ).rejects.toThrow(/must be one of availableProviders/);
    await expect(
      db.admin`update public.admin_config set config_data = config_data - 'log_retention_days' where config_key = 'logging_settings'`,
    ).rejects.toThrow(/log_retention_days is required/);
  });
  it("seeds six agent configs for each of the three providers, all valid", async () => {
    const rows = await db.admin`select config_key from public.admin_config where config_key like '%\\_google' or config_key like '%\\_openai' or config_key like '%\\_anthropic'`;
    expect(rows).toHaveLength(18);
  });
  it("bumps updated_at on update", async () => {
    const [before] = await db.admin`select updated_at from public.admin_config where config_key = 'app_settings'`;
    await new Promise((r) => setTimeout(r, 5));
    await db.admin`update public.admin_config set config_data = config_data where config_key = 'app_settings'`;
    const [after] = await db.admin`select updated_at from public.admin_config where config_key = 'app_settings'`;
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
  });
});

describe("logging config and purge (seed 001)", () => {
  it("reads the logging switches", async () => {
    const rows = await exec<{ u: boolean; a: boolean; cfg: { log_retention_days: Record<string, number> } }>(
      app.db,
      asAlice,
      sql`select public.is_user_activity_logging_enabled() as u, public.is_agent_activity_logging_enabled() as a, public.get_logging_config() as cfg`,
    );
    expect(rows[0].u).toBe(false);
    expect(rows[0].a).toBe(false);
    expect(rows[0].cfg.log_retention_days).toEqual({ error_logs: 90, user_activity_logs: 30, agent_activity_logs: 7 });
  });

  it("purges only what is older than each retention, and only resolved errors", async () => {
    const corr = "11111111-1111-4111-8111-111111111111";
    await db.admin`insert into public.user_activity_logs (user_id, correlation_id, activity_type, activity_category, created_at) values
      (${alice.id}, ${corr}, 'auth_login', 'authentication', now() - interval '31 days'),
      (${alice.id}, ${corr}, 'auth_login', 'authentication', now() - interval '29 days')`;
    await db.admin`insert into public.agent_activity_logs (user_id, correlation_id, agent_type, operation_type, operation_category, created_at) values
      (${alice.id}, ${corr}, 'python_agent', 'code_generation', 'generation', now() - interval '8 days'),
      (${alice.id}, ${corr}, 'python_agent', 'code_generation', 'generation', now() - interval '6 days')`;
    await db.admin`insert into public.error_logs (error_type, error_category, error_message, resolved, created_at) values
      ('app', 'purge', 'old resolved', true, now() - interval '91 days'),
      ('app', 'purge', 'old unresolved', false, now() - interval '91 days'),
      ('app', 'purge', 'new resolved', true, now() - interval '89 days')`;

    await expect(exec(app.db, asAlice, sql`select * from public.purge_old_activity_logs()`)).rejects.toThrow(/Only an admin/);
    const [res] = await exec<Record<string, string>>(app.db, asAdmin, sql`select * from public.purge_old_activity_logs()`);
    expect(res).toEqual({ user_logs_deleted: "1", agent_logs_deleted: "1", error_logs_deleted: "1" });
    const left = await db.admin`select error_message from public.error_logs where error_category = 'purge' order by 1`;
    expect(left.map((r) => r.error_message)).toEqual(["new resolved", "old unresolved"]);
  });
});

describe("get_current_user_usage_summary (seed 001)", () => {
  it("sums the caller's own rows in the range, with an agent breakdown", async () => {
    const bob = await createUser(db.admin, { role: "USER" });
    await db.admin`insert into public.usage_logs (user_id, agent_type, input_tokens, output_tokens, total_tokens, total_cost, request_timestamp) values
      (${bob.id}, 'chat_model_agent', 100, 50, 150, 0.001500, now() - interval '1 day'),
      (${bob.id}, 'chat_model_agent', 200, 100, 300, 0.003000, now() - interval '2 days'),
      (${bob.id}, 'python_agent', 10, 5, 15, 0.000150, now() - interval '3 days'),
      (${bob.id}, 'python_agent', 999, 999, 1998, 9.000000, now() - interval '40 days'),
      (${alice.id}, 'python_agent', 7, 7, 14, 1.000000, now() - interval '1 day')`;
    const [s] = await exec<Record<string, unknown>>(app.db, { name: "bob", claims: claimsFor(bob) }, sql`select * from public.get_current_user_usage_summary()`);
    expect(s).toMatchObject({ total_calls: "3", total_input_tokens: "310", total_output_tokens: "155", total_tokens: "465", total_cost: "0.004650" });
    expect(s.agent_breakdown).toEqual({
      chat_model_agent: { calls: 2, input_tokens: 300, output_tokens: 150, total_tokens: 450, cost: 0.0045 },
      python_agent: { calls: 1, input_tokens: 10, output_tokens: 5, total_tokens: 15, cost: 0.00015 },
    });
    const [wide] = await exec<Record<string, unknown>>(
      app.db,
      { name: "bob", claims: claimsFor(bob) },
      sql`select total_calls from public.get_current_user_usage_summary((current_date - 60)::date, current_date)`,
    );
    expect(wide.total_calls).toBe("4");
  });
});

describe("seed 000: semver and one latest version", () => {
  it("refuses a version that is not semver, naming the check", async () => {
    const [d] = await db.admin`insert into public.directives (name, category, author_id) values ('bootstrap', 'core', ${alice.id}) returning id`;
    await expect(
      db.admin`insert into public.directive_versions (directive_id, version, content, content_hash) values (${d.id}, '1.0', 'x', 'h')`,
    ).rejects.toThrow(/directive_versions_version_semver/);
    for (const v of ["1.0.0", "2.1.3-beta.1", "3.0.0+build.5"]) {
      await db.admin`insert into public.directive_versions (directive_id, version, content, content_hash, is_latest) values (${d.id}, ${v}, 'x', 'h', true)`;
    }
    const latest = await db.admin`select version from public.directive_versions where directive_id = ${d.id} and is_latest`;
    expect(latest.map((r) => r.version)).toEqual(["3.0.0+build.5"]);
    const [{ ok }] = await db.admin`select public.is_valid_semver('1.2.3-rc.1+meta') and not public.is_valid_semver('v1.2.3') as ok`;
    expect(ok).toBe(true);
  });
  it("makes two latest versions impossible even when the trigger is bypassed", async () => {
    const [d] = await db.admin`insert into public.directives (name, category) values ('two-latest', 'core') returning id`;
    await db.admin`insert into public.directive_versions (directive_id, version, content, content_hash, is_latest) values (${d.id}, '1.0.0', 'x', 'h', true)`;
    await expect(
      db.admin.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`insert into public.directive_versions (directive_id, version, content, content_hash, is_latest) values (${d.id}, '1.0.1', 'x', 'h', true)`;
      }),
    ).rejects.toThrow(/idx_directive_versions_latest/);
  });
});

describe("seed 003: counters and views", () => {
  it("moves revision, draft and hole counters on insert and delete", async () => {
    const [s] = await exec<{ id: string }>(app.db, asAlice, sql`insert into public.sessions (user_id, original_input) values (${alice.id}, 'sum two numbers') returning id`);
    const sid = s.id;
    const counts = async () =>
      (await db.admin`select revision_count, draft_count, hole_count from public.sessions where id = ${sid}`)[0];
    const [r1] = await exec<{ id: string }>(app.db, asAlice, sql`insert into public.session_revisions (session_id, revision_number, source, ir_content) values (${sid}, 1, 'initial', '{"fn":"add"}') returning id`);
    await exec(app.db, asAlice, sql`insert into public.session_revisions (session_id, revision_number, source, ir_content, changed_fields) values (${sid}, 2, 'refinement', '{"fn":"add2"}', array['fn'])`);
    await exec(app.db, asAlice, sql`insert into public.session_drafts (session_id, ir_revision_id, draft_number, source, code_content, syntax_valid, ast_valid, generation_time_ms, validation_time_ms, llm_tokens_used, llm_cost_usd) values
      (${sid}, ${r1.id}, 1, 'initial_generation', 'def add(a, b): return a +', false, false, 100, 10, 50, 0.001),
      (${sid}, ${r1.id}, 2, 'ast_repair', 'def add(a, b): return a + b', true, true, 300, 30, 150, 0.003)`);
    await exec(app.db, asAlice, sql`insert into public.hole_resolutions (session_id, ir_revision_id, hole_id, hole_type, resolution_method, resolved_value, confidence_score) values (${sid}, ${r1.id}, 'h1', 'type', 'inference', '"int"', 0.9)`);
    expect(await counts()).toEqual({ revision_count: 2, draft_count: 2, hole_count: 1 });

    const [summary] = await exec<Record<string, unknown>>(app.db, asAlice, sql`select * from public.session_summary where id = ${sid}`);
    expect(summary).toMatchObject({
      latest_revision_number: 2, latest_draft_number: 2, latest_draft_valid: true,
      total_generation_time_ms: "400", total_llm_cost_usd: "0.004000", total_llm_tokens_used: "200",
    });
    const [stats] = await exec<Record<string, unknown>>(app.db, asAlice, sql`select * from public.draft_validation_stats where session_id = ${sid}`);
    expect(stats).toMatchObject({ total_drafts: "2", syntax_valid_count: "1", fully_valid_count: "1", fully_valid_percent: "50.00", avg_generation_time_ms: "200.00" });
    const feed = await exec<{ event_type: string }>(app.db, asAlice, sql`select event_type from public.recent_activity where session_id = ${sid} order by event_time, event_type`);
    expect(feed.map((e) => e.event_type).sort()).toEqual(["draft_created", "draft_created", "hole_resolved", "revision_created", "revision_created", "session_created"]);
    const [ua] = await exec<Record<string, unknown>>(app.db, asAlice, sql`select * from public.user_analytics where user_id = ${alice.id}`);
    expect(ua).toMatchObject({ total_sessions: "1", active_sessions: "1", total_revisions: "2", total_drafts: "2", total_llm_tokens_used: "200" });

    await exec(app.db, asAlice, sql`delete from public.session_drafts where session_id = ${sid} and draft_number = 1`);
    await exec(app.db, asAlice, sql`delete from public.hole_resolutions where session_id = ${sid}`);
    await exec(app.db, asAlice, sql`delete from public.session_revisions where session_id = ${sid} and revision_number = 2`);
    expect(await counts()).toEqual({ revision_count: 1, draft_count: 1, hole_count: 0 });
  });
});

describe("seed 004: cascades and checks", () => {
  it("deleting a project removes its records, jobs and scores", async () => {
    const [p] = await db.admin`insert into public.projects (name, "ownerId") values ('cascade', ${alice.id}) returning id`;
    const [j] = await db.admin`insert into public.ingest_jobs ("projectId", type) values (${p.id}, 'TASK') returning id`;
    const [r] = await db.admin`insert into public.data_records ("projectId", type, source, content, "ingestJobId") values (${p.id}, 'TASK', 'csv:x.csv', 'do it', ${j.id}) returning id`;
    await db.admin`insert into public.likert_scores ("recordId", "userId", "realismScore", "qualityScore") values (${r.id}, ${alice.id}, 5, 6)`;
    await db.admin`insert into public.analytics_jobs ("projectId") values (${p.id})`;
    await db.admin`delete from public.projects where id = ${p.id}`;
    const [c] = await db.admin`select
      (select count(*) from public.data_records where "projectId" = ${p.id})::int +
      (select count(*) from public.ingest_jobs where "projectId" = ${p.id})::int +
      (select count(*) from public.analytics_jobs where "projectId" = ${p.id})::int +
      (select count(*) from public.likert_scores where "recordId" = ${r.id})::int as n`;
    expect(c.n).toBe(0);
  });
  it("keeps Likert scores within 1..7 and bonus windows ending after they start", async () => {
    const [p] = await db.admin`insert into public.projects (name, "ownerId") values ('likert', ${alice.id}) returning id`;
    const [r] = await db.admin`insert into public.data_records ("projectId", type, source, content) values (${p.id}, 'FEEDBACK', 'manual', 'fine') returning id`;
    await expect(db.admin`insert into public.likert_scores ("recordId", "userId", "realismScore", "qualityScore") values (${r.id}, 'u', 8, 1)`).rejects.toThrow(/check constraint/);
    await expect(db.admin`insert into public.likert_scores ("recordId", "userId", "realismScore", "qualityScore") values (${r.id}, 'u', 1, 0)`).rejects.toThrow(/check constraint/);
    await expect(
      db.admin`insert into public.bonus_windows ("startTime", "endTime", "createdBy") values (now(), now() - interval '1 hour', ${admin.id})`,
    ).rejects.toThrow(/bonus_windows_end_after_start/);
  });
  it("maintains updatedAt", async () => {
    const [p] = await db.admin`insert into public.projects (name, "ownerId", "updatedAt") values ('touch', ${alice.id}, now() - interval '1 day') returning id, "updatedAt"`;
    await db.admin`update public.projects set "guidelinesFileName" = 'g.pdf' where id = ${p.id}`;
    const [after] = await db.admin`select "updatedAt" from public.projects where id = ${p.id}`;
    expect(after.updatedAt.getTime()).toBeGreaterThan(p.updatedAt.getTime());
  });
});
