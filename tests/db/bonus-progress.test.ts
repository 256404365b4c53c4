/**
 * public.bonus_progress() and public.bonus_tier() (issue 8): counts per person in a window
 * (start inclusive, end exclusive), tiers with zero targets (a 0 disables that metric; a tier
 * whose targets are all 0 is not offered), people with no records, the projection at the current
 * pace, and who sees whom (managers everyone, users themselves) under RLS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, exec, sql } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let alice: { id: string; email: string };
let bob: { id: string; email: string };
let carol: { id: string; email: string }; // no records at all
let manager: { id: string; email: string };
let admin: { id: string; email: string };
let projectId: string;

const START = "2030-01-01T00:00:00Z";
const END = "2030-01-11T00:00:00Z"; // ten days

type Progress = {
  email: string;
  task_count: number;
  feedback_count: number;
  tier: number;
  projected_tasks: number | null;
  projected_feedback: number | null;
  projected_tier: number | null;
};

async function window(targets: [number, number, number, number]): Promise<string> {
  const [t1, f1, t2, f2] = targets;
  const [{ id }] = await db.admin`
    insert into public.bonus_windows (name, "startTime", "endTime", "targetTaskCount", "targetFeedbackCount", "targetTaskCountTier2", "targetFeedbackCountTier2", "createdBy")
    values ('w', ${START}, ${END}, ${t1}, ${f1}, ${t2}, ${f2}, ${admin.id}) returning id`;
  return id as string;
}

async function progress(as: { id: string; email: string }, windowId: string, asOf = "2030-02-01T00:00:00Z"): Promise<Progress[]> {
  return exec<Progress>(
    app.db,
    { name: as.email, claims: claimsFor(as) },
    sql`select email, task_count, feedback_count, tier, projected_tasks, projected_feedback, projected_tier
        from public.bonus_progress(${windowId}::uuid, ${asOf}::timestamptz)`,
  );
}

async function record(user: { id: string }, type: "TASK" | "FEEDBACK", at: string) {
  await db.admin`insert into public.data_records ("projectId", type, source, content, "createdById", "createdAt")
                 values (${projectId}, ${type}, 'test', ${`${type} at ${at} ${Math.random()}`}, ${user.id}, ${at})`;
}

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  alice = await createUser(db.admin, { role: "USER" });
  bob = await createUser(db.admin, { role: "USER" });
  carol = await createUser(db.admin, { role: "USER" });
  manager = await createUser(db.admin, { role: "MANAGER" });
  admin = await createUser(db.admin, { role: "ADMIN" });
  [{ id: projectId }] = await db.admin`insert into public.projects (name, "ownerId") values ('bonus', ${admin.id}) returning id`;

  // Alice: 3 tasks + 2 feedback inside, one task exactly at the start (counts), one exactly at the end (does not).
  await record(alice, "TASK", START);
  await record(alice, "TASK", "2030-01-03T00:00:00Z");
  await record(alice, "TASK", "2030-01-10T23:59:59.999Z");
  await record(alice, "TASK", END);
  await record(alice, "TASK", "2029-12-31T23:59:59.999Z");
  await record(alice, "FEEDBACK", "2030-01-02T00:00:00Z");
  await record(alice, "FEEDBACK", "2030-01-04T00:00:00Z");
  // Bob: one task, no feedback.
  await record(bob, "TASK", "2030-01-05T00:00:00Z");
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("bonus_progress", () => {
  it("counts records with start <= createdAt < end, and lists people with no records at zero", async () => {
    const w = await window([3, 2, 5, 4]);
    const rows = await progress(manager, w);
    const by = Object.fromEntries(rows.map((r) => [r.email, r]));
    expect(by[alice.email]).toMatchObject({ task_count: 3, feedback_count: 2, tier: 1 });
    expect(by[bob.email]).toMatchObject({ task_count: 1, feedback_count: 0, tier: 0 });
    expect(by[carol.email]).toMatchObject({ task_count: 0, feedback_count: 0, tier: 0, projected_tasks: 0, projected_tier: 0 });
    expect(by[manager.email]).toMatchObject({ task_count: 0, feedback_count: 0 });
    // admins run the windows: listed only when they created records in it
    expect(by[admin.email]).toBeUndefined();
  });

  it("a target of 0 disables that metric; a tier with only zero targets cannot be reached", async () => {
    // Tier 1: tasks only (feedback off); tier 2: all off.
    const w = await window([1, 0, 0, 0]);
    const by = Object.fromEntries((await progress(manager, w)).map((r) => [r.email, r]));
    expect(by[alice.email].tier).toBe(1);
    expect(by[bob.email].tier).toBe(1); // one task, no feedback needed
    expect(by[carol.email].tier).toBe(0); // no records: no tier, even with feedback off

    // Tier 2 with feedback off: Alice's 3 tasks reach it.
    const w2 = await window([1, 1, 3, 0]);
    const by2 = Object.fromEntries((await progress(manager, w2)).map((r) => [r.email, r]));
    expect(by2[alice.email].tier).toBe(2);
    expect(by2[bob.email].tier).toBe(0); // tier 1 needs feedback too: both targets must be met
  });

  it("bonus_tier needs both enabled targets, and never grants a tier whose targets are all 0", async () => {
    const [r] = await db.admin`
      select public.bonus_tier(0, 0, 0, 0, 0, 0) as none,
             public.bonus_tier(5, 0, 5, 1, 0, 0) as missing_feedback,
             public.bonus_tier(5, 1, 5, 1, 0, 0) as tier1,
             public.bonus_tier(9, 9, 5, 1, 9, 0) as tier2_feedback_off`;
    expect(r).toEqual({ none: 0, missing_feedback: 0, tier1: 1, tier2_feedback_off: 2 });
  });

  it("projects the counts to the window's end at the pace so far", async () => {
    const w = await window([4, 4, 8, 8]);
    // Half-way (day 5 of 10): Alice has 2 tasks (start, day 3) and 2 feedback -> pace doubles them.
    const by = Object.fromEntries((await progress(manager, w, "2030-01-06T00:00:00Z")).map((r) => [r.email, r]));
    expect(by[alice.email]).toMatchObject({ task_count: 2, feedback_count: 2, tier: 0, projected_tasks: 4, projected_feedback: 4, projected_tier: 1 });
    // Before the start there is no pace; after the end the projection is the final count.
    const before = Object.fromEntries((await progress(manager, w, "2029-12-01T00:00:00Z")).map((r) => [r.email, r]));
    expect(before[alice.email]).toMatchObject({ projected_tasks: null, projected_tier: null });
    const after = Object.fromEntries((await progress(manager, w)).map((r) => [r.email, r]));
    expect(after[alice.email]).toMatchObject({ task_count: 3, projected_tasks: 3 });
  });

  it("a user sees only their own progress, counted from their records in any project", async () => {
    const w = await window([3, 2, 5, 4]);
    const rows = await progress(alice, w);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: alice.email, task_count: 3, feedback_count: 2, tier: 1 });
    // The admin's project is not Alice's: she still reads her own records in it, and nobody else's.
    const visible = await exec<{ n: number }>(app.db, { name: "alice", claims: claimsFor(alice) }, sql`select count(*)::int as n from public.data_records`);
    expect(visible[0].n).toBe(7);
  });

  it("users read bonus windows but cannot write them", async () => {
    const w = await window([1, 1, 2, 2]);
    const read = await exec(app.db, { name: "bob", claims: claimsFor(bob) }, sql`select id from public.bonus_windows where id = ${w}::uuid`);
    expect(read).toHaveLength(1);
    const changed = await exec(app.db, { name: "bob", claims: claimsFor(bob) }, sql`update public.bonus_windows set name = 'x' where id = ${w}::uuid returning id`);
    expect(changed).toHaveLength(0);
  });
});
