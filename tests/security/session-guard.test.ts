/**
 * Issue 16 item 4: a signed-out session writes nothing. Every transaction the app runs for a
 * person (withViewer -> runAs with `session`) checks the token's session in auth.sessions in the
 * statement that sets the claims, so a verified but revoked token runs no query at all.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs } from "@/lib/db/run-as";
import { isSessionEnded } from "@/lib/db/run-as";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let admin: { id: string; email: string };
let alice: { id: string; email: string };

async function newSession(userId: string): Promise<string> {
  const id = randomUUID();
  await db.admin`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values (${id}, ${userId}, now(), now(), 'aal1')`;
  return id;
}

/** A write as `who` with the session check on; resolves to the error, or null when it ran. */
async function tryWrite(who: { id: string; email: string }, sessionId: string, sessionOwner = who.id): Promise<unknown> {
  try {
    await runAs(app.db, { ...claimsFor(who), session_id: sessionId }, async (tx) => {
      await tx.execute(sql`update public.profiles set name = 'written' where id = ${who.id}`);
    }, { session: { id: sessionId, userId: sessionOwner } });
    return null;
  } catch (e) {
    return e;
  }
}

const nameOf = async (id: string) => (await db.admin<{ name: string | null }[]>`select name from public.profiles where id = ${id}`)[0].name;

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  admin = await createUser(db.admin, { role: "ADMIN" });
  alice = await createUser(db.admin, { role: "USER" });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("session guard", () => {
  it("a live session runs; the same token after sign-out runs nothing", async () => {
    const sid = await newSession(admin.id);
    expect(await tryWrite(admin, sid)).toBeNull();
    expect(await nameOf(admin.id)).toBe("written");
    await db.admin`update public.profiles set name = null where id = ${admin.id}`;

    await db.admin`delete from auth.sessions where id = ${sid}`; // what sign-out does
    const err = await tryWrite(admin, sid);
    expect(isSessionEnded(err)).toBe(true);
    expect(await nameOf(admin.id)).toBeNull();
  });

  it("a banned or deleted user's live session runs nothing; a lifted ban runs again", async () => {
    const sid = await newSession(alice.id);
    await db.admin`update auth.users set banned_until = now() + interval '1 day' where id = ${alice.id}`;
    expect(isSessionEnded(await tryWrite(alice, sid))).toBe(true);
    await db.admin`update auth.users set banned_until = now() - interval '1 second' where id = ${alice.id}`;
    expect(await tryWrite(alice, sid)).toBeNull();
    await db.admin`update auth.users set deleted_at = now() where id = ${alice.id}`;
    expect(isSessionEnded(await tryWrite(alice, sid))).toBe(true);
    await db.admin`update auth.users set deleted_at = null where id = ${alice.id}`;
  });

  it("a session past not_after, another user's session or a made-up id runs nothing", async () => {
    const expired = await newSession(alice.id);
    await db.admin`update auth.sessions set not_after = now() - interval '1 second' where id = ${expired}`;
    expect(isSessionEnded(await tryWrite(alice, expired))).toBe(true);
    const adminsSession = await newSession(admin.id);
    expect(isSessionEnded(await tryWrite(alice, adminsSession))).toBe(true);
    expect(isSessionEnded(await tryWrite(alice, randomUUID()))).toBe(true);
  });

  it("view-as: the admin's own session is checked, whoever the claims name", async () => {
    const sid = await newSession(admin.id);
    // The effective claims are alice's; the session belongs to the admin viewing as her.
    expect(await tryWrite(alice, sid, admin.id)).toBeNull();
    await db.admin`delete from auth.sessions where id = ${sid}`;
    expect(isSessionEnded(await tryWrite(alice, sid, admin.id))).toBe(true);
  });

  it("the API roles cannot call the check to probe session ids", async () => {
    const sid = await newSession(alice.id);
    for (const claims of [claimsFor(alice), null]) {
      const err = await runAs(app.db, claims, (tx) => tx.execute(sql`select public.assert_session_active(${sid}::uuid, ${alice.id}::uuid)`)).then(
        () => null,
        (e: unknown) => e,
      );
      const code = (err as { cause?: { code?: string } } | null)?.cause?.code;
      expect(code, `as ${claims ? "authenticated" : "anon"}`).toBe("42501");
    }
  });
});
