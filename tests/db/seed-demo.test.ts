/**
 * The demo seed (scripts/seed-demo.ts) against real Postgres: every table gets rows, the demo
 * accounts can sign in, the denormalised numbers add up, the data is the same on every run, and
 * running it again neither duplicates nor breaks anything. The benchmark path (--scale) runs at a
 * tiny size through `scaleRows`; at full size it takes too long for the default run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../tooling/demo-accounts";
import { LOAD_EMAIL_DOMAIN, LOAD_USER_HASH, LOAD_USER_PASSWORD } from "../../tooling/demo-data/bulk";
import { seedDemo, seedUserId } from "../../scripts/seed-demo";
import { createTestDb, createUser, type TestDb } from "../helpers/db";

type Sql = TestDb["admin"];

let db: TestDb;
let other: TestDb;
const anchor = new Date();

/** Content of the main tables, without timestamps: the same seed must give the same digest. */
const FINGERPRINT: Record<string, string> = {
  profiles: `select email, username, role, name, trust_score from public.profiles order by email`,
  chats: `select id, title, user_id, visibility, total_input_tokens, total_output_tokens, total_cost from public."Chat" order by id`,
  messages: `select id, "chatId", role, parts::text, attachments::text, model_used, input_tokens, output_tokens, cost from public."Message_v2" order by id`,
  votes: `select "chatId", "messageId", "isUpvoted" from public."Vote_v2" order by 1, 2`,
  documents: `select id, version_number, version_id, parent_version_id, title, content, kind, metadata from public."Document" order by id, version_number`,
  suggestions: `select id, "documentId", "originalText", "suggestedText", "isResolved" from public."Suggestion" order by id`,
  usage: `select id, user_id, chat_id, agent_type, model_used, input_tokens, output_tokens, total_cost, duration_ms from public.usage_logs order by id`,
  errors: `select id, user_id, error_type, error_message, severity, resolved, resolved_by, error_details from public.error_logs order by id`,
  userActivity: `select id, user_id, correlation_id, activity_type, success from public.user_activity_logs order by id`,
  agentActivity: `select id, correlation_id, agent_type, operation_type, total_cost from public.agent_activity_logs order by id`,
  rateLimits: `select id, user_id, agent_type, limit_type, request_count, limit_value from public.rate_limit_tracking order by id`,
  directives: `select d.name, v.version, v.content_hash, v.is_latest from public.directives d join public.directive_versions v on v.directive_id = d.id order by 1, 2`,
  runs: `select id, directive_name, directive_version, status, cost_usd from public.runs order by id`,
  contexts: `select c.id, c.status, m.id, m.content from public."Context" c join public."Message" m on m."contextId" = c.id order by 1, 3`,
  sessions: `select id, status, source, revision_count, draft_count, hole_count, current_code from public.sessions order by id`,
  records: `select id, "projectId", type, category, content, "createdById", "ingestJobId" from public.data_records order by id`,
  likert: `select id, "recordId", "userId", "realismScore", "qualityScore", "llmModel" from public.likert_scores order by id`,
  jobs: `select id, status, "totalRecords", "savedCount", "skippedCount" from public.ingest_jobs order by id`,
};

async function fingerprint(sql: Sql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, q] of Object.entries(FINGERPRINT)) {
    const [row] = await sql.unsafe(`select md5(coalesce(string_agg(t::text, '|'), '')) as h, count(*)::int as n from (${q}) t`);
    out[name] = `${row.n}:${row.h}`;
  }
  return out;
}

/** Row counts of every table the seed writes. */
async function counts(sql: Sql): Promise<Record<string, number>> {
  const all = await allCounts(sql);
  // Rollups are derived per-hour buckets: how many there are depends on where the hours fall
  // relative to "now", not on what was seeded (their content is checked against the raw rows).
  return Object.fromEntries(Object.entries(all).filter(([t]) => !t.includes("rollup")));
}

async function allCounts(sql: Sql): Promise<Record<string, number>> {
  const tables = await sql.unsafe(
    `select format('%I.%I', schemaname, tablename) as t from pg_tables
      where schemaname = 'public' or (schemaname = 'auth' and tablename in ('users', 'identities')) order by 1`,
  );
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = Number((await sql.unsafe(`select count(*) as n from ${t}`))[0].n);
  return out;
}

beforeAll(async () => {
  [db, other] = await Promise.all([createTestDb(), createTestDb()]);
  // The second database is seeded as if hours later: only timestamps may differ.
  await seedDemo(db.adminUrl, { now: anchor });
  await seedDemo(other.adminUrl, { now: new Date(anchor.getTime() - 7.3 * 3_600_000) });
});

afterAll(async () => {
  await Promise.all([db?.drop(), other?.drop()]);
});

describe("seedDemo", () => {
  it("fills every public table", async () => {
    const c = await allCounts(db.admin);
    // sign_in_limits holds live sign-in counters (issue 16), which demo data has no business faking.
    const empty = Object.entries(c).filter(([t, n]) => n === 0 && t !== "public.sign_in_limits").map(([t]) => t);
    expect(empty).toEqual([]);
    expect(c["auth.users"]).toBe(25);
    expect(c["public.profiles"]).toBe(25);
  });

  it("creates the five demo accounts as Supabase Auth would, with their roles", async () => {
    const rows = await db.admin`
      select u.id, u.email, u.instance_id, u.aud, u.role as auth_role, u.email_confirmed_at is not null as confirmed,
             u.confirmation_token, u.recovery_token, u.email_change_token_new, u.email_change, u.reauthentication_token,
             u.raw_app_meta_data, u.raw_user_meta_data, p.role, p.name,
             i.provider, i.provider_id, i.identity_data
        from auth.users u join public.profiles p on p.id = u.id join auth.identities i on i.user_id = u.id
       where u.email = any(${DEMO_ACCOUNTS.map((a) => a.email)})`;
    expect(rows).toHaveLength(5);
    for (const a of DEMO_ACCOUNTS) {
      const r = rows.find((x) => x.email === a.email)!;
      expect(r).toMatchObject({
        id: seedUserId(a.email),
        instance_id: "00000000-0000-0000-0000-000000000000",
        aud: "authenticated",
        auth_role: "authenticated",
        confirmed: true,
        confirmation_token: "",
        recovery_token: "",
        email_change_token_new: "",
        email_change: "",
        reauthentication_token: "",
        raw_app_meta_data: { provider: "email", providers: ["email"] },
        raw_user_meta_data: { name: a.name },
        role: a.role,
        name: a.name,
        provider: "email",
        provider_id: r.id,
      });
      expect(r.identity_data).toMatchObject({ sub: r.id, email: a.email, email_verified: true });
    }
    const roles = await db.admin`select role, count(*)::int as n from public.profiles group by role order by role`;
    expect(Object.fromEntries(roles.map((r) => [r.role, r.n]))).toEqual({ PENDING: 4, USER: 17, MANAGER: 3, ADMIN: 1 });
  });

  it("stores bcrypt hashes (cost 10) that Postgres' crypt() verifies", async () => {
    for (const a of DEMO_ACCOUNTS) {
      const [r] = await db.admin`
        select encrypted_password,
               extensions.crypt(${a.password}, encrypted_password) = encrypted_password as ok,
               extensions.crypt('wrong-password', encrypted_password) = encrypted_password as wrong
          from auth.users where email = ${a.email}`;
      expect(r.encrypted_password).toMatch(/^\$2[ab]\$10\$/);
      expect(r).toMatchObject({ ok: true, wrong: false });
    }
  });

  it("keeps chat totals equal to the sums of their messages", async () => {
    const [r] = await db.admin`
      select count(*)::int as chats,
             count(*) filter (where c.total_input_tokens <> coalesce(m.i, 0) or c.total_output_tokens <> coalesce(m.o, 0)
                                 or c.total_cost <> coalesce(m.c, 0))::int as wrong
        from public."Chat" c
        left join (select "chatId", sum(input_tokens) i, sum(output_tokens) o, sum(cost) c from public."Message_v2" group by 1) m
          on m."chatId" = c.id`;
    expect(r.chats).toBeGreaterThan(100);
    expect(r.wrong).toBe(0);
  });

  it("prices usage from model_config and leaves unpriced models without a cost", async () => {
    const [r] = await db.admin`
      select count(*) filter (where m.model_id is not null
                                and u.total_cost <> round(u.input_tokens * m.input_pricing_per_million_tokens / 1e6, 6)
                                                  + round(u.output_tokens * m.output_pricing_per_million_tokens / 1e6, 6))::int as mispriced,
             count(*) filter (where m.model_id is null)::int as unpriced,
             count(*) filter (where m.model_id is null and (u.total_cost is not null or u.total_tokens is null))::int as unpriced_wrong
        from public.usage_logs u left join public.model_config m on m.model_id = u.model_used`;
    expect(r.mispriced).toBe(0);
    expect(r.unpriced).toBeGreaterThan(0);
    expect(r.unpriced_wrong).toBe(0);
    // Every assistant message has its chat-model usage row with the same cost.
    const [x] = await db.admin`
      select count(*)::int as n from public."Message_v2" m
       where m.role = 'assistant' and not exists (
         select 1 from public.usage_logs u where u.chat_id = m."chatId" and u.agent_type = 'chat_model_agent'
            and u.total_cost = m.cost and u.response_timestamp = m."createdAt")`;
    expect(x.n).toBe(0);
  });

  it("fills the session counters through the triggers", async () => {
    const [r] = await db.admin`
      select count(*)::int as sessions,
             count(*) filter (where s.revision_count <> (select count(*) from public.session_revisions x where x.session_id = s.id)
                                 or s.draft_count <> (select count(*) from public.session_drafts x where x.session_id = s.id)
                                 or s.hole_count <> (select count(*) from public.hole_resolutions x where x.session_id = s.id))::int as wrong,
             count(*) filter (where s.updated_at > now() - interval '1 minute' and s.created_at < now() - interval '1 day')::int as touched
        from public.sessions s`;
    expect(r.sessions).toBeGreaterThan(10);
    expect(r.wrong).toBe(0);
    expect(r.touched).toBe(0); // updated_at is when the session last changed, not when it was seeded
    const [v] = await db.admin`select count(*)::int as n from public.session_drafts where not ast_valid and validation_errors = '[]'::jsonb`;
    expect(v.n).toBe(0);
  });

  it("has exactly one latest version per directive, with semver and the documented content hash", async () => {
    const rows = await db.admin`
      select d.name, count(*) filter (where v.is_latest)::int as latest,
             count(*) filter (where v.content_hash <> left(encode(extensions.digest(v.content, 'sha256'), 'hex'), 16))::int as bad_hash
        from public.directives d join public.directive_versions v on v.directive_id = d.id group by d.name`;
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r).toMatchObject({ latest: 1, bad_hash: 0 });
    const cats = await db.admin`select distinct category from public.directives order by 1`;
    expect(cats.map((c) => c.category)).toEqual(["actions", "core", "patterns", "workflows"]);
  });

  it("chains document versions through parent_version_id", async () => {
    const [r] = await db.admin`
      select count(*)::int as versions,
             count(*) filter (where d.version_number > 1 and (p.version_id is null or p.version_number <> d.version_number - 1
                                                             or p."createdAt" >= d."createdAt"))::int as broken,
             count(*) filter (where d.version_number = 1 and d.parent_version_id is not null)::int as rooted_wrong,
             count(distinct d.kind)::int as kinds
        from public."Document" d left join public."Document" p on p.version_id = d.parent_version_id and p.id = d.id`;
    expect(r).toMatchObject({ broken: 0, rooted_wrong: 0, kinds: 4 });
    const [m] = await db.admin`select count(*)::int as n from public."Document" where not (metadata ? 'updateType' and metadata ? 'lineRange' and metadata ? 'agent')`;
    expect(m.n).toBe(0);
  });

  it("links activity: agent operations share the correlation id of the user action that caused them", async () => {
    const [r] = await db.admin`
      select count(*)::int as n,
             count(*) filter (where not exists (select 1 from public.user_activity_logs u where u.correlation_id = a.correlation_id))::int as orphans
        from public.agent_activity_logs a where a.user_id is not null`;
    expect(r.n).toBeGreaterThan(100);
    expect(r.orphans).toBe(0);
  });

  it("gives the error log every severity and type, resolved ones by the admin, and recurring messages", async () => {
    const [r] = await db.admin`
      select array_agg(distinct severity order by severity) as severities, array_agg(distinct error_type order by error_type) as types,
             count(*) filter (where resolved and resolved_by <> ${seedUserId("admin@example.com")})::int as resolved_by_other,
             count(*) filter (where resolved)::int as resolved, count(*) filter (where user_id is null)::int as anonymous,
             max(n)::int as biggest_group
        from public.error_logs, lateral (select count(*) as n from public.error_logs e2 where e2.error_message = error_logs.error_message) g`;
    expect(r.severities).toEqual(["critical", "error", "info", "warning"]);
    expect(r.types).toEqual(["admin", "api", "app", "auth", "permission", "system", "user"]);
    expect(r.resolved_by_other).toBe(0);
    expect(r.resolved).toBeGreaterThan(0);
    expect(r.anonymous).toBeGreaterThan(0);
    expect(r.biggest_group).toBeGreaterThan(10);
  });

  it("takes rate limits from the agent configs and keeps current windows", async () => {
    const [r] = await db.admin`
      select count(*)::int as n,
             count(*) filter (where t.limit_value <> (c.config_data -> 'rateLimit' ->> case t.limit_type when 'minute' then 'perMinute' when 'hourly' then 'perHour' else 'perDay' end)::int)::int as wrong,
             count(*) filter (where now() between t.period_start and t.period_end)::int as current
        from public.rate_limit_tracking t
        join public.admin_config c on c.config_key = t.agent_type || '_' || (select config_data ->> 'activeProvider' from public.admin_config where config_key = 'app_settings')`;
    expect(r.wrong).toBe(0);
    expect(r.current).toBeGreaterThan(0);
  });

  it("gives bonus windows a past, a current and a future, with progress in the current one", async () => {
    const windows = await db.admin`select name, "startTime" < now() as started, "endTime" < now() as ended, "createdBy" from public.bonus_windows order by "startTime"`;
    expect(windows.map((w) => [w.started, w.ended])).toEqual([[true, true], [true, false], [false, false]]);
    expect(new Set(windows.map((w) => w.createdBy))).toEqual(new Set([seedUserId("admin@example.com")]));
    // Alice reached tier 2 of the current window: her records in it meet both tier-2 targets.
    const [a] = await db.admin`
      select count(*) filter (where r.type = 'TASK')::int >= b."targetTaskCountTier2"
             and count(*) filter (where r.type = 'FEEDBACK')::int >= b."targetFeedbackCountTier2" as tier2
        from public.bonus_windows b join public.data_records r on r."createdAt" between b."startTime" and b."endTime"
       where b."startTime" < now() and b."endTime" > now() and r."createdById" = ${seedUserId("alice@example.com")}
       group by b.id`;
    expect(a.tier2).toBe(true);
    const [l] = await db.admin`
      select count(*) filter (where "userId" = '00000000-0000-0000-0000-000000000000' and "llmModel" is not null)::int as llm,
             count(*) filter (where "userId" <> '00000000-0000-0000-0000-000000000000' and "llmModel" is null)::int as human,
             count(*) filter (where ("userId" = '00000000-0000-0000-0000-000000000000') <> ("llmModel" is not null))::int as mixed
        from public.likert_scores`;
    expect(l.llm).toBeGreaterThan(0);
    expect(l.human).toBeGreaterThan(0);
    expect(l.mixed).toBe(0);
  });

  it("gives ingest jobs every state, each with as many records as it saved", async () => {
    const [r] = await db.admin`
      select array_agg(distinct status order by status) as states,
             count(*) filter (where "savedCount" <> (select count(*) from public.data_records d where d."ingestJobId" = j.id))::int as wrong
        from public.ingest_jobs j`;
    expect(r.states).toEqual(["CANCELLED", "COMPLETED", "FAILED", "PENDING", "PROCESSING", "QUEUED_FOR_VEC", "VECTORIZING"]);
    expect(r.wrong).toBe(0);
  });

  it("is deterministic: a second database gets the same content", async () => {
    expect(await fingerprint(other.admin)).toEqual(await fingerprint(db.admin));
  });

  it("does not duplicate anything when run again", async () => {
    const before = await counts(db.admin);
    const lines: string[] = [];
    await seedDemo(db.adminUrl, { log: (l) => lines.push(l) });
    expect(lines.join("\n")).toMatch(/demo data already present/);
    expect(await counts(db.admin)).toEqual(before);
  });

  it("with force, replaces the demo data by the same data and leaves other data alone", async () => {
    const before = await fingerprint(other.admin);
    const beforeCounts = await counts(other.admin);
    // Someone else's account with usage, and a system error without a user: not the seed's.
    const stranger = await createUser(other.admin, { email: "stranger@example.org", role: "USER" });
    await other.admin`insert into public.usage_logs (user_id, agent_type, model_used, input_tokens, output_tokens)
                      values (${stranger.id}, 'chat_model_agent', 'gpt-4o', 10, 5)`;
    await other.admin`insert into public.error_logs (error_type, error_category, error_message, severity)
                      values ('system', 'job_failure', 'not from the seed', 'error')`;
    await seedDemo(other.adminUrl, { force: true, now: anchor });
    const [kept] = await other.admin`
      select (select count(*) from auth.users where id = ${stranger.id})::int as users,
             (select count(*) from public.usage_logs where user_id = ${stranger.id})::int as usage,
             (select count(*) from public.error_logs where error_message = 'not from the seed')::int as errors`;
    expect(kept).toEqual({ users: 1, usage: 1, errors: 1 });
    await other.admin`delete from public.error_logs where error_message = 'not from the seed'`;
    await other.admin`delete from auth.users where id = ${stranger.id}`;
    expect(await counts(other.admin)).toEqual(beforeCounts);
    expect(await fingerprint(other.admin)).toEqual(before);
  });

  it("with a scale, adds bulk users, chats, usage and errors (tiny size), once", async () => {
    const sizes = { users: 40, chats: 300, usage: 3000, errors: 2000 };
    const indexes = async () =>
      (await other.admin`select indexdef from pg_indexes where tablename in ('usage_logs', 'error_logs') order by indexname`).map((r) => r.indexdef);
    const indexesBefore = await indexes();
    const before = await counts(other.admin);
    const lines: string[] = [];
    await seedDemo(other.adminUrl, { scale: 1, scaleRows: sizes, log: (l) => lines.push(l) });
    expect(lines.join("\n")).toMatch(/demo data already present/); // the demo itself is kept
    const after = await counts(other.admin);
    expect(after["auth.users"] - before["auth.users"]).toBe(sizes.users);
    expect(after["public.profiles"] - before["public.profiles"]).toBe(sizes.users);
    expect(after["auth.identities"] - before["auth.identities"]).toBe(sizes.users);
    expect(after['public."Chat"'] - before['public."Chat"']).toBe(sizes.chats);
    expect(after['public."Message_v2"'] - before['public."Message_v2"']).toBe(sizes.chats * 2);
    expect(after["public.usage_logs"] - before["public.usage_logs"]).toBe(sizes.usage);
    expect(after["public.error_logs"] - before["public.error_logs"]).toBe(sizes.errors);
    expect(await indexes()).toEqual(indexesBefore);

    // Valid by construction: every user id the bulk rows name exists, and load users can sign in.
    const [v] = await other.admin`
      select (select count(*) from public.usage_logs u where not exists (select 1 from auth.users a where a.id = u.user_id))::int as usage_orphans,
             (select count(*) from public."Chat" c where not exists (select 1 from auth.users a where a.id = c.user_id))::int as chat_orphans,
             (select count(*) from public.error_logs e where e.user_id is not null and not exists (select 1 from auth.users a where a.id = e.user_id))::int as error_orphans,
             (select count(*) from public.usage_logs u where u.chat_id is not null and not exists (select 1 from public."Chat" c where c.id = u.chat_id))::int as chat_refs`;
    expect(v).toEqual({ usage_orphans: 0, chat_orphans: 0, error_orphans: 0, chat_refs: 0 });
    // Times: the last 90 days, never in the future, and no call before the chat it belongs to.
    const [w] = await other.admin`
      select (select count(*) from public.usage_logs u join public."Chat" c on c.id = u.chat_id where u.request_timestamp < c."createdAt")::int as early,
             (select count(*) from public.usage_logs where request_timestamp > now() or request_timestamp < now() - interval '91 days')::int as usage_out,
             (select count(*) from public.error_logs where created_at > now() or created_at < now() - interval '91 days')::int as errors_out`;
    expect(w).toEqual({ early: 0, usage_out: 0, errors_out: 0 });
    // Bulk loads skip the rollup triggers; the rollup (where that migration exists) is rebuilt.
    const [{ rollups }] = await other.admin`select to_regclass('public.usage_rollup_hourly') is not null as rollups`;
    if (rollups) {
      const [x] = await other.admin`
        select (select row(sum(calls), sum(input_tokens), sum(recorded_cost))::text from public.usage_rollup_hourly where user_id is null) as rolled,
               (select row(count(*), sum(coalesce(input_tokens, 0)), coalesce(sum(total_cost), 0))::text from public.usage_logs) as raw`;
      expect(x.rolled).toBe(x.raw);
    }
    const [u] = await other.admin`
      select encrypted_password = ${LOAD_USER_HASH} as shared_hash,
             extensions.crypt(${LOAD_USER_PASSWORD}, encrypted_password) = encrypted_password as ok,
             id = md5('demo-seed:user:' || email)::uuid as derived_id
        from auth.users where email = ${`user00001@${LOAD_EMAIL_DOMAIN}`}`;
    expect(u).toEqual({ shared_hash: true, ok: true, derived_id: true });
    const [t] = await other.admin`
      select count(*) filter (where c.total_input_tokens <> m.i or c.total_output_tokens <> m.o or c.total_cost <> m.c)::int as wrong
        from public."Chat" c join (select "chatId", sum(input_tokens) i, sum(output_tokens) o, sum(cost) c from public."Message_v2" group by 1) m
          on m."chatId" = c.id`;
    expect(t.wrong).toBe(0);
    const [e] = await other.admin`
      select count(distinct error_message)::int as messages, count(*) filter (where resolved and resolved_by is null)::int as unowned
        from public.error_logs`;
    expect(e.messages).toBeGreaterThan(10);
    expect(e.unowned).toBe(0);

    // Again: nothing added. With force: the same volumes, rebuilt.
    const again: string[] = [];
    await seedDemo(other.adminUrl, { scale: 1, scaleRows: sizes, log: (l) => again.push(l) });
    expect(again.join("\n")).toMatch(/bulk data already present/);
    expect(await counts(other.admin)).toEqual(after);
    await seedDemo(other.adminUrl, { scale: 1, scaleRows: sizes, force: true });
    expect(await counts(other.admin)).toEqual(after);
  });
});
