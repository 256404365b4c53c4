/**
 * lib/db/queries/users.ts and lib/db/mutations/users.ts on the real schema, through the app's
 * own path (authenticator login + runAs): keyset paging, filters, facet counts, and what RLS and
 * protect_profile_columns let each role do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs } from "@/lib/db/run-as";
import { approvePendingUsers, updateUserRole } from "@/lib/db/mutations/users";
import { authUserDetails, countUsersByRole, getProfileRole, iterateUsers, listUsers } from "@/lib/db/queries/users";
import { usersTableParams, type UsersTableQuery } from "@/lib/validation/users";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type Role, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let admin: { id: string; email: string };
let user: { id: string; email: string };
const people: { id: string; email: string; role: Role }[] = [];

const q = (params: Record<string, string> = {}): UsersTableQuery => usersTableParams.parse(params);

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  admin = await createUser(db.admin, { email: "root-admin@example.test", role: "ADMIN" });
  user = await createUser(db.admin, { email: "plain-user@example.test", role: "USER" });
  const roles: Role[] = ["USER", "MANAGER", "PENDING"];
  for (let i = 0; i < 12; i++) {
    const role = roles[i % 3];
    const p = await createUser(db.admin, { email: `kp-${String(i).padStart(2, "0")}@example.test`, role });
    people.push({ ...p, role });
  }
  // Identical timestamps for all of them: the id must break the ties.
  await db.admin`update public.profiles set "createdAt" = '2025-06-01T12:00:00.123456Z' where email like 'kp-%'`;
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const asAdmin = <T>(fn: Parameters<typeof runAs<T>>[2]) => runAs(app.db, claimsFor(admin), fn);
const asUser = <T>(fn: Parameters<typeof runAs<T>>[2]) => runAs(app.db, claimsFor(user), fn);

describe("listUsers", () => {
  it("pages by keyset over ties without skipping or repeating rows, both ways", async () => {
    const seen: string[] = [];
    let query = q({ q: "kp-", size: "5", sort: "created.desc" });
    const pages: string[][] = [];
    for (;;) {
      const page = await asAdmin((tx) => listUsers(tx, query));
      pages.push(page.rows.map((r) => r.email));
      seen.push(...page.rows.map((r) => r.email));
      if (!page.nextCursor) break;
      query = q({ q: "kp-", size: "5", sort: "created.desc", after: page.nextCursor, page: String(pages.length + 1) });
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(new Set(seen).size).toBe(12);

    // Back from the last page.
    const last = await asAdmin((tx) => listUsers(tx, query));
    const back = await asAdmin((tx) =>
      listUsers(tx, q({ q: "kp-", size: "5", sort: "created.desc", before: last.prevCursor! })),
    );
    expect(back.rows.map((r) => r.email)).toEqual(pages[1]);
    expect(back.prevCursor).not.toBeNull();
  });

  it("sorts by a whitelisted column in either direction", async () => {
    const asc = await asAdmin((tx) => listUsers(tx, q({ q: "kp-", sort: "email.asc", size: "100" })));
    const emails = people.map((p) => p.email).sort();
    expect(asc.rows.map((r) => r.email)).toEqual(emails);
    const desc = await asAdmin((tx) => listUsers(tx, q({ q: "kp-", sort: "email.desc", size: "100" })));
    expect(desc.rows.map((r) => r.email)).toEqual([...emails].reverse());
  });

  it("filters by role, date range and text (LIKE wildcards are literal)", async () => {
    const managers = await asAdmin((tx) => listUsers(tx, q({ q: "kp-", role: "MANAGER", size: "100" })));
    expect(managers.rows.every((r) => r.role === "MANAGER")).toBe(true);
    expect(managers.rows).toHaveLength(4);
    const inRange = await asAdmin((tx) => listUsers(tx, q({ q: "kp-", from: "2025-06-01", to: "2025-06-01", size: "100" })));
    expect(inRange.rows).toHaveLength(12);
    const before = await asAdmin((tx) => listUsers(tx, q({ q: "kp-", to: "2025-05-31", size: "100" })));
    expect(before.rows).toHaveLength(0);
    const wildcard = await asAdmin((tx) => listUsers(tx, q({ q: "kp%", size: "100" })));
    expect(wildcard.rows).toHaveLength(0);
  });

  it("counts each role under the other filters", async () => {
    const counts = await asAdmin((tx) => countUsersByRole(tx, q({ q: "kp-", role: "USER" })));
    expect(counts).toEqual({ PENDING: 4, USER: 4, MANAGER: 4, ADMIN: 0 });
  });

  it("shows a plain user only their own row (RLS)", async () => {
    const page = await asUser((tx) => listUsers(tx, q({ size: "100" })));
    expect(page.rows.map((r) => r.email)).toEqual([user.email]);
  });

  it("streams every matching row in batches for the export", async () => {
    const { cursor: _c, size: _s, page: _p, ...filter } = q({ q: "kp-", sort: "email.asc" });
    const batches: string[][] = [];
    for await (const b of iterateUsers((fn) => asAdmin(fn), filter, 5)) batches.push(b.map((r) => r.email));
    expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);
    expect(batches.flat()).toEqual(people.map((p) => p.email).sort());
  });
});

describe("authUserDetails (admin_auth_user_details)", () => {
  it("gives an admin last sign-in and ban from auth.users for the ids asked, and anyone else nothing", async () => {
    const [a, b, c] = people;
    await db.admin`update auth.users set last_sign_in_at = '2026-11-20T08:30:00Z', banned_until = null where id = ${a.id}`;
    await db.admin`update auth.users set last_sign_in_at = null, banned_until = '2099-01-01T00:00:00Z' where id = ${b.id}`;
    const asAdmin = await runAs(app.db, claimsFor(admin), (tx) => authUserDetails(tx, [a.id, b.id]));
    expect(Object.fromEntries(asAdmin)).toEqual({
      [a.id]: { lastSignInAt: "2026-11-20T08:30:00.000Z", bannedUntil: null },
      [b.id]: { lastSignInAt: null, bannedUntil: "2099-01-01T00:00:00.000Z" },
    });
    expect((await runAs(app.db, claimsFor(admin), (tx) => authUserDetails(tx, [c.id]))).has(a.id)).toBe(false);
    // A ban with no end reads as the far future, not an error.
    await db.admin`update auth.users set banned_until = 'infinity' where id = ${c.id}`;
    expect((await runAs(app.db, claimsFor(admin), (tx) => authUserDetails(tx, [c.id]))).get(c.id)?.bannedUntil).toBe("9999-12-31T00:00:00.000Z");
    // At most 500 ids are looked at, whatever the array's shape.
    const many = [...Array.from({ length: 500 }, () => crypto.randomUUID()), a.id];
    expect((await runAs(app.db, claimsFor(admin), (tx) => authUserDetails(tx, many))).size).toBe(0);
    // A user (even asking for their own row) and a manager get nothing; anon may not call it.
    expect((await runAs(app.db, claimsFor(user), (tx) => authUserDetails(tx, [a.id, user.id]))).size).toBe(0);
    const manager = people.find((p) => p.role === "MANAGER")!;
    expect((await runAs(app.db, claimsFor(manager), (tx) => authUserDetails(tx, [a.id]))).size).toBe(0);
    await expect(runAs(app.db, null, (tx) => authUserDetails(tx, [a.id]))).rejects.toThrow();
  });
});

describe("role changes", () => {
  it("an admin changes a role; the next read sees it", async () => {
    const target = people.find((p) => p.role === "USER")!;
    const row = await asAdmin((tx) => updateUserRole(tx, { userId: target.id, role: "MANAGER" }));
    expect(row?.role).toBe("MANAGER");
    expect(await runAs(app.db, claimsFor(target), (tx) => getProfileRole(tx, target.id))).toBe("MANAGER");
  });

  it("a user cannot change anyone's role, not even their own", async () => {
    const other = people[0];
    // RLS hides the other row: nothing is updated.
    expect(await asUser((tx) => updateUserRole(tx, { userId: other.id, role: "ADMIN" }))).toBeNull();
    // Their own row is visible, and protect_profile_columns refuses the role column.
    await expect(asUser((tx) => updateUserRole(tx, { userId: user.id, role: "ADMIN" }))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
    expect(await asUser((tx) => getProfileRole(tx, user.id))).toBe("USER");
  });

  it("approving touches pending accounts only", async () => {
    const pending = people.filter((p) => p.role === "PENDING").map((p) => p.id);
    const notPending = people.find((p) => p.role === "MANAGER")!.id;
    const approved = await asAdmin((tx) => approvePendingUsers(tx, [...pending, notPending]));
    expect(approved).toHaveLength(pending.length);
    expect(await asAdmin((tx) => getProfileRole(tx, notPending))).toBe("MANAGER");
  });
});
