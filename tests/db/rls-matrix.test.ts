/**
 * The access model at a glance: for every table, each of anon, user A, user B, a manager and an
 * admin tries SELECT, INSERT, UPDATE and DELETE on a row of their own and on somebody else's
 * (A's row for everyone but A, whose "other" is B's). Each cell runs through the app's own path
 * (authenticator login + runAs) in a transaction that is rolled back.
 *
 * A pending account (signed up, not yet approved) is an actor too: it owns rows (made for it
 * by the superuser) and still reaches nothing but its own profile.
 *
 * Cells read   S I U D   (select insert update delete), each as own/other:
 *   Y  allowed (row visible / inserted / changed / deleted)
 *   N  refused by RLS or by a missing privilege (no row, or error 42501)
 *   -  no own row exists for this actor (anon)
 * Any other error fails the test: a cell can't pass for the wrong reason.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, exec, sql } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";
import type { SQL } from "drizzle-orm";

type ActorName = "anon" | "pending" | "userA" | "userB" | "manager" | "admin";
const ACTORS: ActorName[] = ["anon", "pending", "userA", "userB", "manager", "admin"];
type Owner = Exclude<ActorName, "anon">;
type U = { id: string; email: string };

//                                  S  I  U  D      (own other)
const OWN_ONLY = /*            */ "YN YN YN YN";
const OWN_ADMIN_READS = /*     */ "YY YN YN YN";
const NONE = /*                */ "NN NN NN NN";
const ALL = /*                 */ "YY YY YY YY";
const ANON = /*                */ "-N -N -N -N";

/** The expected matrix, one line per table and actor. */
const EXPECTED: Record<string, Record<ActorName, string>> = {
  profiles:            { anon: ANON, pending: "YN NN YN NN", userA: "YN NN YN NN", userB: "YN NN YN NN", manager: "YY NN YN NN", admin: "YY NN YY NN" },
  directives:          { anon: ANON, pending: NONE, userA: "YY YN YN YN", userB: "YY YN YN YN", manager: "YY YN YN YN", admin: ALL },
  directive_versions:  { anon: ANON, pending: NONE, userA: "YY YN YN YN", userB: "YY YN YN YN", manager: "YY YN YN YN", admin: ALL },
  runs:                { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  lockfiles:           { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Chat:                { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Message_v2:          { anon: ANON, pending: NONE, userA: "YN YN NN NN", userB: "YN YN NN NN", manager: "YN YN NN NN", admin: "YY YN NN NN" },
  Vote_v2:             { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Document:            { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Suggestion:          { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Stream:              { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  admin_config:        { anon: ANON, pending: NONE, userA: NONE, userB: NONE, manager: NONE, admin: ALL },
  model_config:        { anon: ANON, pending: NONE, userA: "YY NN NN NN", userB: "YY NN NN NN", manager: "YY NN NN NN", admin: ALL },
  usage_logs:          { anon: ANON, pending: NONE, userA: "YN YN NN NN", userB: "YN YN NN NN", manager: "YN YN NN NN", admin: "YY YN NN NN" },
  usage_rollup_hourly: { anon: ANON, pending: NONE, userA: "YN NN NN NN", userB: "YN NN NN NN", manager: "YN NN NN NN", admin: "YY NN NN NN" },
  usage_rollup_daily:  { anon: ANON, pending: NONE, userA: NONE, userB: NONE, manager: NONE, admin: "YY NN NN NN" },
  usage_rollup_user_daily: { anon: ANON, pending: NONE, userA: "YN NN NN NN", userB: "YN NN NN NN", manager: "YN NN NN NN", admin: "YY NN NN NN" },
  usage_rollup_user_block: { anon: ANON, pending: NONE, userA: "YN NN NN NN", userB: "YN NN NN NN", manager: "YN NN NN NN", admin: "YY NN NN NN" },
  rate_limit_tracking: { anon: ANON, pending: NONE, userA: "YN NN NN NN", userB: "YN NN NN NN", manager: "YN NN NN NN", admin: "YY NN NN NN" },
  github_repositories: { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  error_logs:          { anon: ANON, pending: NONE, userA: "YN YN NN NN", userB: "YN YN NN NN", manager: "YN YN NN NN", admin: "YY YN YY NN" },
  error_groups:        { anon: ANON, pending: NONE, userA: NONE, userB: NONE, manager: NONE, admin: "YY YY YY NN" },
  error_rollup_daily: { anon: ANON, pending: NONE, userA: NONE, userB: NONE, manager: NONE, admin: "YY NN NN NN" },
  user_activity_logs:  { anon: ANON, pending: NONE, userA: "YN YN NN NN", userB: "YN YN NN NN", manager: "YN YN NN NN", admin: "YY YN NN NN" },
  agent_activity_logs: { anon: ANON, pending: NONE, userA: "YN YN NN NN", userB: "YN YN NN NN", manager: "YN YN NN NN", admin: "YY YN NN NN" },
  Context:             { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Message:             { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Action:              { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  Preview:             { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  sessions:            { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  session_revisions:   { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  session_drafts:      { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  hole_resolutions:    { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: OWN_ADMIN_READS },
  projects:            { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: ALL },
  data_records:        { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: "YY YN YN YN", admin: ALL },
  ingest_jobs:         { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: ALL },
  analytics_jobs:      { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: OWN_ONLY, admin: ALL },
  system_settings:     { anon: ANON, pending: NONE, userA: NONE, userB: NONE, manager: NONE, admin: ALL },
  config_history:      { anon: ANON, pending: NONE, userA: NONE, userB: NONE, manager: NONE, admin: "YY NN NN NN" },
  bonus_windows:       { anon: ANON, pending: NONE, userA: "YY NN NN NN", userB: "YY NN NN NN", manager: "YY NN NN NN", admin: ALL },
  ingest_skipped_rows: { anon: ANON, pending: NONE, userA: "YN YN NN YN", userB: "YN YN NN YN", manager: "YN YN NN YN", admin: ALL },
  likert_scores:       { anon: ANON, pending: NONE, userA: OWN_ONLY, userB: OWN_ONLY, manager: "YY YN YN YN", admin: ALL },
  // Issue 16: the sign-in limits are the app login's business only (no API role, admins included).
  sign_in_limits:      { anon: ANON, pending: NONE, userA: NONE, userB: NONE, manager: NONE, admin: NONE },
};

// ---------------------------------------------------------------------------------------------
// How each table's rows are made and touched. `fixture` runs as the superuser and returns the
// row's key; `insert` is the statement an actor runs to create a row belonging to `owner`.
// ---------------------------------------------------------------------------------------------
type Ctx = { users: Record<Owner, U>; parent: Record<string, Record<Owner, string>> };
type Spec = {
  key?: string; // key column, default id
  fixture: (owner: Owner) => Promise<string>;
  insert: (owner: Owner) => SQL;
  update: SQL; // SET clause
};

let db: TestDb;
let app: ReturnType<typeof appDb>;
const ctx: Ctx = { users: {} as Record<Owner, U>, parent: {} };

const T = (name: string) => sql.raw(`public."${name}"`);
const uid = (o: Owner) => ctx.users[o].id;
const p = (kind: string, o: Owner) => ctx.parent[kind][o];
const one = async (q: Promise<Record<string, unknown>[]>) => String((await q)[0].id);
const n = () => randomUUID().slice(0, 8);

function specs(): Record<string, Spec> {
  const a = db.admin;
  const byUser = (table: string, cols: (o: Owner) => Record<string, unknown>, update: SQL): Spec => ({
    fixture: (o) => one(a`insert into ${a(table)} ${a(cols(o) as never)} returning id`),
    insert: (o) => {
      const c = cols(o);
      const names = sql.raw(Object.keys(c).map((k) => `"${k}"`).join(", "));
      const values = sql.join(Object.values(c).map((v) => (typeof v === "object" && v !== null ? sql`${JSON.stringify(v)}::jsonb` : sql`${v}`)), sql`, `);
      return sql`insert into ${T(table)} (${names}) values (${values}) returning 1 as id`;
    },
    update,
  });
  return {
    profiles: {
      fixture: async (o) => uid(o),
      insert: (o) => sql`insert into public.profiles (id, email, username) values (${uid(o)}, ${n() + "@x.test"}, ${n()}) returning 1 as id`,
      update: sql`name = 'Renamed'`,
    },
    directives: byUser("directives", (o) => ({ name: `d-${n()}`, category: "core", author_id: uid(o) }), sql`description = 'x'`),
    directive_versions: byUser(
      "directive_versions",
      (o) => ({ directive_id: p("directive", o), version: `1.0.${Math.floor(Math.random() * 1e6)}`, content: "c", content_hash: "h" }),
      sql`changelog = 'x'`,
    ),
    runs: byUser("runs", (o) => ({ directive_name: "bootstrap", status: "success", user_id: uid(o) }), sql`error = 'x'`),
    lockfiles: byUser("lockfiles", (o) => ({ project_hash: n(), user_id: uid(o), locked_versions: { bootstrap: "1.0.0" } }), sql`project_hash = 'x'`),
    Chat: byUser("Chat", (o) => ({ title: "t", user_id: uid(o) }), sql`title = 'x'`),
    Message_v2: byUser("Message_v2", (o) => ({ chatId: p("chat", o), role: "user", parts: [{ type: "text", text: "hi" }] }), sql`role = 'assistant'`),
    Vote_v2: {
      key: "messageId",
      fixture: async (o) => {
        const m = await one(a`insert into public."Message_v2" ("chatId", role, parts) values (${p("chat", o)}, 'assistant', '[]') returning id`);
        await a`insert into public."Vote_v2" ("chatId", "messageId", "isUpvoted") values (${p("chat", o)}, ${m}, true)`;
        return m;
      },
      insert: (o) => sql`insert into public."Vote_v2" ("chatId", "messageId", "isUpvoted") values (${p("chat", o)}, ${p("message", o)}, false) returning 1 as id`,
      update: sql`"isUpvoted" = false`,
    },
    Document: byUser("Document", (o) => ({ title: "doc", user_id: uid(o) }), sql`title = 'x'`),
    Suggestion: {
      fixture: (o) =>
        one(a`insert into public."Suggestion" ("documentId", "documentCreatedAt", "originalText", "suggestedText", user_id)
              select id, "createdAt", 'a', 'b', ${uid(o)} from public."Document" where version_id = ${p("document", o)} returning id`),
      insert: (o) => sql`insert into public."Suggestion" ("documentId", "documentCreatedAt", "originalText", "suggestedText", user_id)
              select id, "createdAt", 'a', 'b', ${uid(o)} from public."Document" where version_id = ${p("document", o)} returning 1 as id`,
      update: sql`"isResolved" = true`,
    },
    Stream: byUser("Stream", (o) => ({ chatId: p("chat", o) }), sql`"createdAt" = now()`),
    admin_config: {
      fixture: () => one(a`insert into public.admin_config (config_key, config_data) values (${"document_agent_" + n()},
        '{"enabled":true,"rateLimit":{"perMinute":1,"perHour":2,"perDay":3},"tools":{}}') returning id`),
      insert: () => sql`insert into public.admin_config (config_key, config_data) values (${"python_agent_" + n()},
        '{"enabled":true,"rateLimit":{"perMinute":1,"perHour":2,"perDay":3},"tools":{}}') returning 1 as id`,
      update: sql`config_data = jsonb_set(config_data, '{enabled}', 'false')`,
    },
    model_config: {
      fixture: () => one(a`insert into public.model_config (model_id, name, provider, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
        values (${"m-" + n()}, 'M', 'google', 1, 2) returning id`),
      insert: () => sql`insert into public.model_config (model_id, name, provider, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
        values (${"m-" + n()}, 'M', 'google', 1, 2) returning 1 as id`,
      update: sql`name = 'x'`,
    },
    usage_logs: byUser("usage_logs", (o) => ({ user_id: uid(o), agent_type: "chat_model_agent" }), sql`total_cost = 0`),
    // written only by the usage_logs triggers; read own rows, admins all (one row per user here)
    usage_rollup_hourly: {
      key: "user_id",
      fixture: async (o) => {
        await a`insert into public.usage_rollup_hourly (bucket_start, user_id, agent_type, calls) values ('2020-01-01T00:00:00Z', ${uid(o)}, 'matrix_agent', 1)`;
        return uid(o);
      },
      insert: (o) => sql`insert into public.usage_rollup_hourly (bucket_start, user_id, agent_type, calls) values ('2020-01-01T01:00:00Z', ${uid(o)}, 'matrix_agent', 1) returning 1 as id`,
      update: sql`calls = calls + 1`,
    },
    // all users' 24-hour windows: admins only; no owner
    usage_rollup_daily: {
      key: "agent_type",
      fixture: async () => {
        const agent = `matrix_agent_${n()}`;
        await a`insert into public.usage_rollup_daily (day_start, agent_type, calls) values ('2020-01-01T00:00:00Z', ${agent}, 1)`;
        return agent;
      },
      insert: () => sql`insert into public.usage_rollup_daily (day_start, agent_type, calls) values ('2020-02-01T00:00:00Z', ${"matrix_agent_" + n()}, 1) returning 1 as id`,
      update: sql`calls = calls + 1`,
    },
    usage_rollup_user_daily: {
      key: "user_id",
      fixture: async (o) => {
        await a`insert into public.usage_rollup_user_daily (day_start, user_id, model_used, calls) values ('2020-01-01T00:00:00Z', ${uid(o)}, ${"m-" + n()}, 1)`;
        return uid(o);
      },
      insert: (o) => sql`insert into public.usage_rollup_user_daily (day_start, user_id, model_used, calls) values ('2020-01-02T00:00:00Z', ${uid(o)}, ${"m-" + n()}, 1) returning 1 as id`,
      update: sql`calls = calls + 1`,
    },
    usage_rollup_user_block: {
      key: "user_id",
      fixture: async (o) => {
        await a`insert into public.usage_rollup_user_block (block_hours, block_start, user_id, model_used, calls) values (2, '2020-01-01T00:00:00Z', ${uid(o)}, ${"m-" + n()}, 1)`;
        return uid(o);
      },
      insert: (o) => sql`insert into public.usage_rollup_user_block (block_hours, block_start, user_id, model_used, calls) values (2, '2020-01-02T00:00:00Z', ${uid(o)}, ${"m-" + n()}, 1) returning 1 as id`,
      update: sql`calls = calls + 1`,
    },
    rate_limit_tracking: byUser(
      "rate_limit_tracking",
      (o) => ({ user_id: uid(o), agent_type: "chat_model_agent", period_start: "2026-01-01T00:00:00Z", period_end: "2026-01-01T01:00:00Z", limit_type: "hourly", limit_value: 100 }),
      sql`request_count = 0`,
    ),
    github_repositories: byUser("github_repositories", (o) => ({ user_id: uid(o), repo_owner: "o", repo_name: "r" }), sql`is_active = false`),
    error_logs: byUser("error_logs", (o) => ({ user_id: uid(o), error_type: "app", error_category: "c", error_message: "m" }), sql`resolved = true`),
    // issue 5: written by admins while resolving; nobody else reads them
    error_groups: {
      key: "fingerprint",
      fixture: async (o) => {
        const fp = randomUUID().replace(/-/g, "");
        await a`insert into public.error_groups (fingerprint, error_type, error_category, normalized_message) values (${fp}, 'app', ${o}, 'm')`;
        return fp;
      },
      insert: () => sql`insert into public.error_groups (fingerprint, error_type, error_category, normalized_message)
        values (${randomUUID().replace(/-/g, "")}, 'app', 'c', 'm') returning 1 as id`,
      update: sql`resolution_notes = 'x'`,
    },
    // written only by the error_logs triggers; admins read it
    error_rollup_daily: {
      key: "error_category",
      fixture: async (o) => {
        const cat = `matrix-${o}-${n()}`;
        await a`insert into public.error_rollup_daily (bucket_start, severity, error_type, error_category, resolved, n) values ('2020-01-01T00:00:00Z', 'error', 'app', ${cat}, false, 1)`;
        return cat;
      },
      insert: () => sql`insert into public.error_rollup_daily (bucket_start, severity, error_type, error_category, resolved, n)
        values ('2020-01-01T01:00:00Z', 'error', 'app', ${"matrix-" + n()}, false, 1) returning 1 as id`,
      update: sql`n = n + 1`,
    },
    user_activity_logs: byUser(
      "user_activity_logs",
      (o) => ({ user_id: uid(o), correlation_id: randomUUID(), activity_type: "chat_view", activity_category: "chat" }),
      sql`success = false`,
    ),
    agent_activity_logs: byUser(
      "agent_activity_logs",
      (o) => ({ user_id: uid(o), correlation_id: randomUUID(), agent_type: "python_agent", operation_type: "code_generation", operation_category: "generation" }),
      sql`success = false`,
    ),
    Context: byUser("Context", (o) => ({ userId: uid(o), status: "active", flow: {}, config: {} }), sql`status = 'completed'`),
    Message: byUser("Message", (o) => ({ contextId: p("context", o), role: "user", content: "hi" }), sql`content = 'x'`),
    Action: byUser("Action", (o) => ({ contextId: p("context", o), type: "deploy", payload: {}, status: "pending" }), sql`status = 'running'`),
    Preview: byUser("Preview", (o) => ({ contextId: p("context", o), status: "generating" }), sql`status = 'live'`),
    sessions: byUser("sessions", (o) => ({ user_id: uid(o), original_input: "x" }), sql`status = 'paused'`),
    session_revisions: byUser(
      "session_revisions",
      (o) => ({ session_id: p("session", o), revision_number: Math.floor(Math.random() * 1e6) + 1, source: "initial", ir_content: {} }),
      sql`change_summary = 'x'`,
    ),
    session_drafts: byUser(
      "session_drafts",
      (o) => ({ session_id: p("session", o), draft_number: Math.floor(Math.random() * 1e6) + 1, source: "user_edit", code_content: "pass" }),
      sql`syntax_valid = true`,
    ),
    hole_resolutions: byUser(
      "hole_resolutions",
      (o) => ({ session_id: p("session", o), hole_id: n(), hole_type: "type", resolution_method: "inference", resolved_value: { t: "int" } }),
      sql`user_feedback = 'x'`,
    ),
    projects: byUser("projects", (o) => ({ name: `p-${n()}`, ownerId: uid(o) }), sql`"guidelinesFileName" = 'x'`),
    data_records: byUser("data_records", (o) => ({ projectId: p("project", o), type: "TASK", source: "manual", content: "c", createdById: uid(o) }), sql`"hasBeenReviewed" = true`),
    ingest_jobs: byUser("ingest_jobs", (o) => ({ projectId: p("project", o), type: "TASK" }), sql`status = 'CANCELLED'`),
    ingest_skipped_rows: {
      fixture: (o) => one(a`insert into public.ingest_skipped_rows ("jobId", line, reason) values (${p("ingestJob", o)}, 2, 'duplicate') returning id`),
      insert: (o) => sql`insert into public.ingest_skipped_rows ("jobId", line, reason) values (${p("ingestJob", o)}, 3, 'empty_content') returning 1 as id`,
      update: sql`reason = 'x'`,
    },
    analytics_jobs: byUser("analytics_jobs", (o) => ({ projectId: p("project", o) }), sql`status = 'CANCELLED'`),
    system_settings: {
      key: "key",
      fixture: async () => {
        const k = `k-${n()}`;
        await a`insert into public.system_settings (key, value) values (${k}, 'v')`;
        return k;
      },
      insert: () => sql`insert into public.system_settings (key, value) values (${"k-" + n()}, 'v') returning 1 as id`,
      update: sql`value = 'x'`,
    },
    // written only by the config triggers; admins read, nobody changes a revision
    config_history: {
      fixture: () => one(a`insert into public.config_history (table_name, row_id, row_label, operation, after)
        values ('system_settings', ${"k-" + n()}, 'k', 'INSERT', '{}') returning id`),
      insert: () => sql`insert into public.config_history (table_name, row_id, row_label, operation, after)
        values ('system_settings', 'k', 'k', 'INSERT', '{}') returning 1 as id`,
      update: sql`reason = 'x'`,
    },
    bonus_windows: {
      fixture: () => one(a`insert into public.bonus_windows ("startTime", "endTime", "createdBy") values (now(), now() + interval '1 day', ${uid("admin")}) returning id`),
      insert: () => sql`insert into public.bonus_windows ("startTime", "endTime", "createdBy") values (now(), now() + interval '1 day', ${uid("admin")}) returning 1 as id`,
      update: sql`name = 'x'`,
    },
    likert_scores: {
      fixture: (o) => one(a`insert into public.likert_scores ("recordId", "userId", "realismScore", "qualityScore") values (${p("record", o)}, ${uid(o)}, 4, 4) returning id`),
      // a rater's own score on a record of the rater's project (llmModel keeps it apart from the fixture's)
      insert: (o) => sql`insert into public.likert_scores ("recordId", "userId", "realismScore", "qualityScore", "llmModel") values (${p("record", o)}, ${uid(o)}, 5, 5, ${n()}) returning 1 as id`,
      update: sql`"realismScore" = 7`,
    },
    sign_in_limits: {
      key: "ip_key",
      fixture: (o) => one(a`insert into public.sign_in_limits (scope, ip_key, expires_at) values ('sign_in_ip', ${"fixture-" + o}, now() + interval '1 hour') returning ip_key as id`),
      insert: () => sql`insert into public.sign_in_limits (scope, ip_key, expires_at) values ('sign_in_ip', ${n()}, now()) returning 1 as id`,
      update: sql`attempts = 0`,
    },
  };
}

function isRefusal(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === "42501"; // insufficient_privilege: RLS WITH CHECK violations and missing grants
}

/** Every statement returns a row per row it saw or changed: none means refused. */
async function attempt(actor: ActorName, q: SQL): Promise<"Y" | "N"> {
  const claims = actor === "anon" ? null : claimsFor(ctx.users[actor]);
  try {
    const rows = await exec(app.db, { name: actor, claims }, q, { rollback: true });
    return rows.length > 0 ? "Y" : "N";
  } catch (e) {
    if (isRefusal(e)) return "N";
    throw new Error(`${actor}: unexpected error ${(e as Error).message}`, { cause: e });
  }
}

const fixtures: Record<string, Record<Owner, string>> = {};

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  ctx.users = {
    userA: await createUser(db.admin, { role: "USER" }),
    userB: await createUser(db.admin, { role: "USER" }),
    manager: await createUser(db.admin, { role: "MANAGER" }),
    admin: await createUser(db.admin, { role: "ADMIN" }),
    pending: await createUser(db.admin, { role: "PENDING" }),
  };
  const owners: Owner[] = ["pending", "userA", "userB", "manager", "admin"];
  const a = db.admin;
  for (const kind of ["chat", "message", "document", "context", "session", "project", "directive", "record", "ingestJob"]) ctx.parent[kind] = {} as Record<Owner, string>;
  for (const o of owners) {
    const id = uid(o);
    ctx.parent.chat[o] = await one(a`insert into public."Chat" (title, user_id) values ('parent', ${id}) returning id`);
    ctx.parent.message[o] = await one(a`insert into public."Message_v2" ("chatId", role, parts) values (${ctx.parent.chat[o]}, 'assistant', '[]') returning id`);
    ctx.parent.document[o] = String((await a`insert into public."Document" (title, user_id) values ('parent', ${id}) returning version_id`)[0].version_id);
    ctx.parent.context[o] = await one(a`insert into public."Context" ("userId", status, flow, config) values (${id}, 'setup', '{}', '{}') returning id`);
    ctx.parent.session[o] = await one(a`insert into public.sessions (user_id, original_input) values (${id}, 'parent') returning id`);
    ctx.parent.project[o] = await one(a`insert into public.projects (name, "ownerId") values (${"parent-" + o}, ${id}) returning id`);
    ctx.parent.directive[o] = await one(a`insert into public.directives (name, category, author_id) values (${"parent-" + o}, 'core', ${id}) returning id`);
    ctx.parent.record[o] = await one(a`insert into public.data_records ("projectId", type, source, content) values (${ctx.parent.project[o]}, 'TASK', 'manual', 'parent') returning id`);
    ctx.parent.ingestJob[o] = await one(a`insert into public.ingest_jobs ("projectId", type) values (${ctx.parent.project[o]}, 'TASK') returning id`);
  }
  for (const [table, spec] of Object.entries(specs())) {
    fixtures[table] = {} as Record<Owner, string>;
    for (const o of owners) fixtures[table][o] = await spec.fixture(o);
  }
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("RLS matrix", () => {
  it("covers every table in schema public", async () => {
    const rows = await db.admin`select tablename from pg_tables where schemaname = 'public' order by 1`;
    expect(rows.map((r) => r.tablename).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const table of Object.keys(EXPECTED)) {
    it(`${table}`, async () => {
      const spec = specs()[table];
      const key = sql.raw(`"${spec.key ?? "id"}"`);
      const got: Record<string, string> = {};
      for (const actor of ACTORS) {
        const cells: string[] = [];
        const own: Owner | null = actor === "anon" ? null : actor;
        const other: Owner = actor === "userA" ? "userB" : "userA";
        const ops = (target: Owner) => ({
          S: sql`select 1 as id from ${T(table)} where ${key} = ${fixtures[table][target]}`,
          I: spec.insert(target),
          U: sql`update ${T(table)} set ${spec.update} where ${key} = ${fixtures[table][target]} returning 1 as id`,
          D: sql`delete from ${T(table)} where ${key} = ${fixtures[table][target]} returning 1 as id`,
        });
        for (const op of ["S", "I", "U", "D"] as const) {
          const mine = own ? await attempt(actor, ops(own)[op]) : "-";
          const theirs = await attempt(actor, ops(other)[op]);
          cells.push(mine + theirs);
        }
        got[actor] = cells.join(" ");
      }
      expect(got).toEqual(EXPECTED[table]);
    });
  }
});
