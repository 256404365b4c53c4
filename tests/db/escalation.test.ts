/**
 * Ways a signed-in user might try to get more than RLS gives them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, exec, sql, type Actor } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let alice: { id: string; email: string };
let bob: { id: string; email: string };
let asAlice: Actor;
let asAliceClaimingAdmin: Actor;

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  alice = await createUser(db.admin, { role: "USER", userMetadata: { role: "admin" } });
  bob = await createUser(db.admin, { role: "USER" });
  asAlice = { name: "alice", claims: claimsFor(alice) };
  // user_metadata is writable by its user (sign-up data, updateUser): it must grant nothing.
  asAliceClaimingAdmin = { name: "alice+admin metadata", claims: claimsFor(alice, { role: "admin" }) };
  for (const u of [alice, bob]) {
    await db.admin`insert into public.usage_logs (user_id, agent_type, total_cost) values (${u.id}, 'chat_model_agent', 1)`;
    const [s] = await db.admin`insert into public.sessions (user_id, original_input) values (${u.id}, 'x') returning id`;
    await db.admin`insert into public.session_drafts (session_id, draft_number, source, code_content) values (${s.id}, 1, 'user_edit', 'pass')`;
    await db.admin`insert into public.session_revisions (session_id, revision_number, source, ir_content) values (${s.id}, 1, 'initial', '{}')`;
  }
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("escalation", () => {
  it("user_metadata.role = 'admin' in the JWT grants nothing", async () => {
    const [role] = await exec<{ role: string }>(app.db, asAliceClaimingAdmin, sql`select public.get_user_role() as role`);
    expect(role.role).toBe("user");
    expect(await exec(app.db, asAliceClaimingAdmin, sql`select * from public.admin_config`)).toHaveLength(0);
    // Users read only the four non-secret AI settings shown on project pages (issue 8), never the rest.
    expect(
      await exec(app.db, asAliceClaimingAdmin, sql`select * from public.system_settings where key not in ('ai_provider', 'ai_host', 'llm_model', 'embedding_model')`),
    ).toHaveLength(0);
    const usage = await exec<{ user_id: string }>(app.db, asAliceClaimingAdmin, sql`select user_id from public.usage_logs`);
    expect(usage.map((r) => r.user_id)).toEqual([alice.id]);
    const profiles = await exec<{ id: string }>(app.db, asAliceClaimingAdmin, sql`select id from public.profiles`);
    expect(profiles.map((r) => r.id)).toEqual([alice.id]);
  });

  it("a user cannot change their own role, trust score or email", async () => {
    for (const set of [sql`role = 'ADMIN'`, sql`trust_score = 1000`, sql`email = 'boss@example.com'`]) {
      await expect(exec(app.db, asAlice, sql`update public.profiles set ${set} where id = ${alice.id}`)).rejects.toMatchObject({
        code: "42501",
      });
    }
    const [p] = await db.admin`select role, trust_score from public.profiles where id = ${alice.id}`;
    expect(p).toEqual({ role: "USER", trust_score: 0 });
    // ...but may edit the rest of their profile
    await exec(app.db, asAlice, sql`update public.profiles set name = 'Alice A.' where id = ${alice.id}`);
    const [after] = await db.admin`select name from public.profiles where id = ${alice.id}`;
    expect(after.name).toBe("Alice A.");
  });

  it("a user cannot insert rows in another user's name", async () => {
    const attempts = [
      sql`insert into public."Chat" (title, user_id) values ('mine?', ${bob.id})`,
      sql`insert into public.usage_logs (user_id, agent_type) values (${bob.id}, 'chat_model_agent')`,
      sql`insert into public.error_logs (user_id, error_type, error_category, error_message) values (${bob.id}, 'app', 'x', 'y')`,
      sql`insert into public.sessions (user_id, original_input) values (${bob.id}, 'x')`,
      sql`insert into public.projects (name, "ownerId") values ('stolen', ${bob.id})`,
      sql`insert into public.user_activity_logs (user_id, correlation_id, activity_type, activity_category) values (${bob.id}, gen_random_uuid(), 'chat_view', 'chat')`,
    ];
    for (const q of attempts) {
      await expect(exec(app.db, asAlice, q)).rejects.toMatchObject({ code: "42501" });
    }
  });

  it("a user cannot move their row to another user", async () => {
    const [c] = await exec<{ id: string }>(app.db, asAlice, sql`insert into public."Chat" (title, user_id) values ('mine', ${alice.id}) returning id`);
    await expect(exec(app.db, asAlice, sql`update public."Chat" set user_id = ${bob.id} where id = ${c.id}`)).rejects.toMatchObject({
      code: "42501",
    });
  });

  it("the views return only the caller's rows", async () => {
    for (const view of ["session_summary", "user_analytics", "recent_activity", "draft_validation_stats"]) {
      const rows = await exec<{ user_id: string }>(app.db, asAlice, sql`select user_id from ${sql.raw(`public.${view}`)}`);
      expect(rows.length, view).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.user_id)), view).toEqual(new Set([alice.id]));
    }
  });

  it("a token's role claim cannot pick the database role: only authenticated or anon", async () => {
    const forged: Actor = { name: "service_role claim", claims: { ...claimsFor(alice), role: "service_role" } };
    // runAs maps anything but 'authenticated' to anon, which has no table privileges.
    await expect(exec(app.db, forged, sql`select * from public.usage_logs`)).rejects.toMatchObject({ code: "42501" });
    const [who] = await exec<{ r: string }>(app.db, { name: "anon", claims: null }, sql`select current_user as r`);
    expect(who.r).toBe("anon");
  });

  it("claims are bound as parameters: hostile text in a claim is data", async () => {
    const hostile: Actor = {
      name: "hostile email",
      claims: { ...claimsFor(alice), email: `x', true); drop table public.usage_logs; --` },
    };
    const [me] = await exec<{ email: string }>(app.db, hostile, sql`select auth.email() as email`);
    expect(me.email).toContain("drop table");
    const [{ n }] = await db.admin`select count(*)::int as n from public.usage_logs`;
    expect(n).toBe(2);
  });

  it("the app's login reads nothing on its own, outside runAs", async () => {
    const postgres = (await import("postgres")).default;
    const raw = postgres(db.appUrl, { max: 1, onnotice: () => {} });
    try {
      await expect(raw`select * from public.usage_logs`).rejects.toMatchObject({ code: "42501" });
    } finally {
      await raw.end();
    }
  });
});
