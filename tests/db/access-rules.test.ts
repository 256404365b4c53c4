/**
 * One access rule per resource: the policies and the SECURITY DEFINER functions ask the same
 * rule functions, and the rules keep the plans of hand-written policies (the planner inlines the
 * row rules, the viewer's id and admin flag stay init plans, the chats list keeps its index).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, exec, type Actor } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";
import type { Db } from "@/lib/db/run-as";

let db: TestDb;
let app: { db: Db; close: () => Promise<void> };
let owner: Actor, other: Actor, admin: Actor;
let chatId: string;

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  const a = await createUser(db.admin, { role: "USER" });
  const b = await createUser(db.admin, { role: "USER" });
  const c = await createUser(db.admin, { role: "ADMIN" });
  owner = { name: "owner", claims: claimsFor(a) };
  other = { name: "other", claims: claimsFor(b) };
  admin = { name: "admin", claims: claimsFor(c) };
  // Enough chats that an index scan beats a sequential scan.
  await db.admin`insert into public."Chat" (title, user_id, updated_at)
                 select 'chat ' || i, (array[${a.id}::uuid, ${b.id}::uuid])[1 + i % 2], now() - make_interval(secs => i)
                 from generate_series(1, 20000) i`;
  await db.admin`analyze public."Chat"`;
  [{ id: chatId }] = await db.admin`select id from public."Chat" where user_id = ${a.id} limit 1`;
  await db.admin`insert into public."Message_v2" ("chatId", role, parts) values (${chatId}, 'user', '[{"type":"text","text":"hi"}]')`;
  // Session rows, so the session guard lets the actors in.
  for (const actor of [owner, other, admin]) {
    const cl = actor.claims!;
    await db.admin`insert into auth.sessions (id, user_id, created_at, updated_at) values (${cl.session_id as string}, ${cl.sub}, now(), now())`;
  }
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const explain = async (actor: Actor, query: string) =>
  (await exec<{ "QUERY PLAN": string }>(app.db, actor, sql.raw(`explain (costs off) ${query}`))).map((r) => r["QUERY PLAN"]).join("\n");

// The chats list's first page, as lib/db/queries/chats.ts writes it.
const CHATS_PAGE = `select c.id, c.title, coalesce(public.chat_message_count(c.id), 0) as n
                      from public."Chat" c where c.user_id = (select auth.uid())
                     order by c.updated_at desc, c.id desc limit 50`;

const RULED_TABLES = [
  "Chat", "Message_v2", "Vote_v2", "Stream", "Document", "sessions", "session_revisions", "session_drafts",
  "hole_resolutions", "Context", "Message", "Action", "Preview", "directives", "directive_versions",
  "usage_logs", "rate_limit_tracking", "usage_rollup_hourly", "usage_rollup_daily", "usage_rollup_user_daily",
  "usage_rollup_user_block", "projects", "ingest_jobs", "analytics_jobs", "ingest_skipped_rows",
]; // every policy of these tables asks its resource's rule (or is `true`, admin-only, or the pending guard)

describe("access rules", () => {
  it("the policies of ruled tables ask the rule functions instead of restating ownership", async () => {
    const rows = await db.admin<{ tablename: string; policyname: string; expr: string }[]>`
      select tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
        from pg_policies where schemaname = 'public' and tablename in ${db.admin(RULED_TABLES)}
         and policyname <> 'Pending accounts get nothing'`;
    expect(new Set(rows.map((r) => r.tablename))).toEqual(new Set(RULED_TABLES));
    // Allowed besides the rules: `true`, and admin-only policies (is_current_user_admin() is the
    // one rule for "admins manage this").
    const adminOnly = (e: string) => e.replace(/\( SELECT is_current_user_admin\(\) AS is_current_user_admin\)/g, "").trim() === "";
    const restated = rows
      .filter((r) => !/_rule\(|can_(read|write)_\w+\(/.test(r.expr) && r.expr.trim() !== "true" && !adminOnly(r.expr))
      .map((r) => `${r.tablename}: ${r.policyname}: ${r.expr}`);
    expect(restated).toEqual([]);
  });

  it("the definer functions ask can_read_chat instead of restating owner-or-admin", async () => {
    const rows = await db.admin<{ proname: string; src: string }[]>`
      select proname, prosrc as src from pg_proc
       where pronamespace = 'public'::regnamespace and proname in ('chat_message_stats', 'chat_message_count')`;
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.src, r.proname).toMatch(/public\.can_read_chat\(chat_id\)/);
      expect(r.src, r.proname).not.toMatch(/is_current_user_admin|auth\.uid/);
    }
  });

  it("the chats list reads the viewer's index; the read rule is inlined, not called per row", async () => {
    const plan = await explain(owner, CHATS_PAGE);
    console.log(`chats list plan (owner):\n${plan}`);
    expect(plan).toMatch(/Index Scan using idx_chat_user_updated on "Chat" c/);
    expect(plan).not.toMatch(/chat_read_rule|chat_write_rule/);
    const adminPlan = await explain(admin, `select count(*) from public."Chat" c`);
    console.log(`all chats count plan (admin):\n${adminPlan}`);
    expect(adminPlan).not.toMatch(/chat_read_rule|can_read_chat/);
  });

  it("who may read a chat: owner and admin, by the policies and by the definer functions alike", async () => {
    const visible = async (actor: Actor) =>
      (await exec(app.db, actor, sql`select 1 from public."Chat" where id = ${chatId}`)).length === 1;
    const stats = async (actor: Actor) =>
      (await exec(app.db, actor, sql`select * from public.chat_message_stats(${chatId})`)).length === 1;
    const count = async (actor: Actor) =>
      (await exec<{ n: number | null }>(app.db, actor, sql`select public.chat_message_count(${chatId}) as n`))[0].n;
    const messages = async (actor: Actor) =>
      (await exec(app.db, actor, sql`select 1 from public."Message_v2" where "chatId" = ${chatId}`)).length;
    for (const [actor, may] of [[owner, true], [admin, true], [other, false]] as const) {
      expect(await visible(actor), `${actor.name} sees the chat`).toBe(may);
      expect(await stats(actor), `${actor.name} gets its stats`).toBe(may);
      expect(await count(actor), `${actor.name} gets its message count`).toBe(may ? 1 : null);
      expect(await messages(actor), `${actor.name} reads its messages`).toBe(may ? 1 : 0);
    }
  });
});
