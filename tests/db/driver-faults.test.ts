/**
 * The database driver when a transaction's backend dies (Postgres restarted, failed over, or a
 * backend terminated), through the app's own path (authenticator login + runAs):
 *
 * - the transaction rejects with a connection error (CONNECTION_CLOSED, or ECONNRESET when the write
 *   meets the reset first), so the action reports "database unreachable";
 * - nothing is thrown outside it (postgres.js 3.4.9 threw a TypeError from a timer callback when
 *   the ROLLBACK it queued met the closed socket: porsager/postgres#1154, #1208; a plain Node
 *   server dies of that);
 * - the pool's next queries work (3.4.9 also left the connection with a stale write buffer, so a
 *   later query on it never settled, and after an ECONNRESET a queued ROLLBACK never settled),
 *   also after more such deaths than the pool has connections;
 * - the dead transaction's callback, still running after the transaction rejected, cannot send
 *   statements into the next transaction on the reconnected connection (3.4.9 sent them there);
 * - an end() asked for while a transaction waited finishes when that connection dies (3.4.9 hung);
 * - the network resetting the connection mid-query (TCP RST, through a proxy here): the socket's
 *   ECONNRESET error comes before its close, and the ROLLBACK the driver queues in between
 *   settles (3.4.9 left it, the transaction, its pool slot and end() waiting forever).
 *
 * patches/postgres+3.4.9.patch fixes all of these; `npm install` applies it (postinstall: patch-package).
 */
import { sql } from "drizzle-orm";
import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAs } from "@/lib/db/run-as";
import { isConnectionError } from "@/lib/errors";
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

/** A connection failure the app reports as "database unreachable": CONNECTION_CLOSED when the
 * driver saw the close first, ECONNRESET when the write met the reset first (both happen). */
const lostConnection = isConnectionError;

/**
 * A TCP proxy to Postgres whose client-side sockets can be reset (RST, as a dropped network path or
 * a restarted load balancer does): the driver's socket then fails with ECONNRESET before it closes.
 */
async function resettingProxy(to: string) {
  const target = new URL(to);
  const clients = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    clients.add(client);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      clients.delete(client);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) s.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    /** postgres.js `socket` option: connects through the proxy and records the socket errors the driver sees. */
    socket: (errors: string[]) => () => {
      const s = net.connect(port, "127.0.0.1");
      s.on("error", (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
      return s;
    },
    resetAll: () => {
      for (const c of clients) c.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.destroy(); // server.close() waits for open connections
        server.close(() => resolve());
      }),
  };
}

describe("a transaction whose backend is terminated", () => {
  it("rejects as a lost connection when its next statement fails, throws nothing uncaught, and the pool carries on", async () => {
    const attempt = runAs(app.db, claimsFor(user), async (tx) => {
      await killOwnBackend(tx);
      await tx.execute(sql`select 1`);
    });
    await expect(within(5_000, attempt)).rejects.toSatisfy(lostConnection);
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
      await expect(within(5_000, attempt)).rejects.toSatisfy(lostConnection);
    }
    for (let i = 0; i < 4; i++) {
      const rows = await within(5_000, runAs(app.db, claimsFor(user), (tx) => tx.execute(long)));
      expect((rows as unknown as { one: number }[])[0].one).toBe(1);
    }
    expect(uncaught.map(String)).toEqual([]);
  });

  it("stops the transaction's callback from running statements in the next transaction on its reconnected connection", async () => {
    // One connection, so the next transaction gets the very connection the first one lost.
    await app.close();
    app = appDb(db.appUrl, 1);
    const other = await createUser(db.admin, { role: "USER" });
    const subOf = (rows: unknown) => (rows as { sub: string }[])[0].sub;
    const whoAmI = sql`select current_setting('request.jwt.claim.sub', true) as sub`;

    let resumeFirst!: () => void;
    const firstResumes = new Promise<void>((r) => (resumeFirst = r));
    let lateStatement!: Promise<unknown>;
    // The first transaction loses its backend, then (still running, as an action's code would)
    // sends one more statement once the second transaction holds the connection.
    const first = runAs(app.db, claimsFor(user), async (tx) => {
      await killOwnBackend(tx);
      await firstResumes;
      lateStatement = tx.execute(whoAmI);
      await lateStatement;
    });
    await expect(within(5_000, first)).rejects.toSatisfy(lostConnection);

    const second = runAs(app.db, claimsFor(other), async (tx) => {
      resumeFirst();
      await pause(100); // the late statement reaches the driver while this transaction is open
      const late = await lateStatement.then(subOf, (e: unknown) => e);
      return { late, mine: subOf(await tx.execute(whoAmI)) };
    });
    const { late, mine } = await within(5_000, second);
    // Unpatched, the late statement ran inside the second transaction, as the other user.
    expect(late).not.toBe(other.id);
    expect(lostConnection(late)).toBe(true);
    expect(mine).toBe(other.id);
    expect(uncaught.map(String)).toEqual([]);
  });

  it("lets the pool end when the end was asked for while a transaction waited on a backend that then died", async () => {
    // A shutdown (sql.end() on SIGTERM) while a request waits on the database, which then goes away.
    let started!: (pid: number) => void;
    const backend = new Promise<number>((r) => (started = r));
    const attempt = runAs(app.db, claimsFor(user), async (tx) => {
      const [{ pid }] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
      started(pid);
      await tx.execute(sql`select pg_sleep(5)`);
    });
    const pid = await backend;
    const ended = app.close(); // waits for the transaction
    await pause(50);
    await db.admin`select pg_terminate_backend(${pid})`;
    await expect(within(5_000, attempt)).rejects.toSatisfy(lostConnection);
    await within(5_000, ended); // unpatched: never resolved
    expect(uncaught.map(String)).toEqual([]);
  });
});

describe("a transaction whose connection the network resets (TCP RST)", () => {
  it("rejects as a lost connection, settles the ROLLBACK queued between the socket's error and close, and the pool carries on and ends", async () => {
    const proxy = await resettingProxy(db.appUrl);
    const socketErrors: string[] = [];
    // One connection: a slot stranded by the reset would hang every later query.
    const viaProxy = appDb(db.appUrl, 1, { socket: proxy.socket(socketErrors) });
    try {
      let inTransaction!: () => void;
      const started = new Promise<void>((r) => (inTransaction = r));
      const attempt = runAs(viaProxy.db, claimsFor(user), async (tx) => {
        await tx.execute(sql`select 1`);
        inTransaction();
        await tx.execute(sql`select pg_sleep(5)`);
      });
      await started;
      await pause(100); // the sleep is on the wire
      proxy.resetAll(); // the driver: ECONNRESET on the sleep, queues ROLLBACK, then the close
      // The sleep fails with the socket's ECONNRESET; the transaction then rejects with its
      // ROLLBACK's CONNECTION_CLOSED, settled at the close (3.4.9 never settled it).
      const failure = await within(5_000, attempt).then(() => null, (e: unknown) => e);
      expect(socketErrors).toEqual(["ECONNRESET"]);
      expect((failure as { code?: string } | null)?.code).toBe("CONNECTION_CLOSED");
      expect(lostConnection(failure)).toBe(true);
      for (let i = 0; i < 3; i++) {
        const rows = await within(5_000, runAs(viaProxy.db, claimsFor(user), (tx) => tx.execute(sql`select auth.uid() as uid`)));
        expect((rows as unknown as { uid: string }[])[0].uid).toBe(user.id);
      }
      expect(uncaught.map(String)).toEqual([]);
    } finally {
      await within(10_000, viaProxy.close());
      await proxy.close();
    }
  });
});
