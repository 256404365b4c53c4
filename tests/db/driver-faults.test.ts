/**
 * The database driver when a transaction's backend dies (Postgres restarted, failed over, or a
 * backend terminated), through the app's own path (authenticator login + runAs):
 *
 * - the transaction rejects with CONNECTION_CLOSED, so the action reports a failure;
 * - nothing is thrown outside it (postgres.js 3.4.9 threw a TypeError from a timer callback when
 *   the ROLLBACK it queued met the closed socket: porsager/postgres#1154, #1208; a plain Node
 *   server dies of that);
 * - the pool's next queries work (3.4.9 also left the connection with a stale write buffer, so a
 *   later query on it never settled), also after more such deaths than the pool has connections.
 *
 * patches/postgres+3.4.9.patch fixes both; `npm install` applies it (postinstall: patch-package).
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAs } from "@/lib/db/run-as";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let user: { id: string; email: string };
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

beforeAll(async () => {
  db = await createTestDb();
  user = await createUser(db.admin, { role: "USER" });
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(() => {
  app = appDb(db.appUrl);
  uncaught.length = 0;
  process.on("uncaughtException", onUncaught);
});
afterEach(async () => {
  process.off("uncaughtException", onUncaught);
  await within(10_000, app.close()); // a connection left waiting on a dead socket never ends
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settles within `ms` or rejects saying it hung: a stranded query never settles on its own. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: the pool is stranded`)), ms);
  });
  return Promise.race([p, hung]).finally(() => clearTimeout(timer));
}

async function killOwnBackend(tx: Parameters<Parameters<typeof runAs>[2]>[0]) {
  const [{ pid }] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
  await db.admin`select pg_terminate_backend(${pid})`;
  await pause(100); // the close reaches the driver
}

const causeCode = (e: unknown) => (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code;

describe("a transaction whose backend is terminated", () => {
  it("rejects with CONNECTION_CLOSED when its next statement fails, throws nothing uncaught, and the pool carries on", async () => {
    const attempt = runAs(app.db, claimsFor(user), async (tx) => {
      await killOwnBackend(tx);
      await tx.execute(sql`select 1`);
    });
    await expect(within(5_000, attempt)).rejects.toSatisfy((e) => causeCode(e) === "CONNECTION_CLOSED");
    await pause(200); // a ROLLBACK queued for the dead socket would be written now
    for (let i = 0; i < 4; i++) {
      const rows = await within(5_000, runAs(app.db, claimsFor(user), (tx) => tx.execute(sql`select auth.uid() as uid`)));
      expect((rows as unknown as { uid: string }[])[0].uid).toBe(user.id);
    }
    expect(uncaught.map(String)).toEqual([]);
  });

  it("rejects when its own code throws after the backend died (the driver then sends ROLLBACK), and the pool carries on", async () => {
    const attempt = runAs(app.db, claimsFor(user), async (tx) => {
      await killOwnBackend(tx);
      throw new Error("the action's own failure");
    });
    await expect(within(5_000, attempt)).rejects.toThrow();
    await pause(200);
    for (let i = 0; i < 4; i++) {
      const rows = await within(5_000, runAs(app.db, claimsFor(user), (tx) => tx.execute(sql`select 1 as one`)));
      expect((rows as unknown as { one: number }[])[0].one).toBe(1);
    }
    expect(uncaught.map(String)).toEqual([]);
  });

  it("keeps every pool connection usable when the next statement is long (written at once, over 1 KB), more times than the pool has connections", async () => {
    // 1.3 KB of SQL: write() sends it without waiting for the timer, so the closed socket is met
    // inside the caller's execute(); answering "busy" there used to park the connection for good.
    const long = sql.raw(`select 1 as one ${"/* padding */ ".repeat(100)}`);
    for (let round = 0; round < 4; round++) {
      const attempt = runAs(app.db, claimsFor(user), async (tx) => {
        await killOwnBackend(tx);
        await tx.execute(long);
      });
      await expect(within(5_000, attempt)).rejects.toSatisfy((e) => causeCode(e) === "CONNECTION_CLOSED");
    }
    for (let i = 0; i < 4; i++) {
      const rows = await within(5_000, runAs(app.db, claimsFor(user), (tx) => tx.execute(long)));
      expect((rows as unknown as { one: number }[])[0].one).toBe(1);
    }
    expect(uncaught.map(String)).toEqual([]);
  });
});
