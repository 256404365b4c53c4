/**
 * The error message search under RLS (supabase/migrations/20251125000050_errors_activity.sql): error_log_ids_matching() gives
 * each caller exactly the matching rows error_logs' policies let them read, planErrorSearch()
 * sends rare terms through it and common ones through the row walk, and both paths give the
 * page the same rows, counts and groups.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Tx } from "@/lib/db/run-as";
import {
  countErrorsBySeverity,
  errorSeries,
  listErrorGroups,
  listErrorLogs,
  planErrorSearch,
  type PlannedErrorFilter,
} from "@/lib/db/queries/error-logs";
import { parseErrorFilter } from "@/lib/validation/error-logs";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
type U = { id: string; email: string };
let admin: U, alice: U, bob: U, pending: U;

const as = <T,>(who: U, fn: (tx: Tx) => Promise<T>) => runAs(app.db, claimsFor(who), fn);
const filter = (qs: string) => parseErrorFilter(new URLSearchParams(qs));

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  admin = await createUser(db.admin, { role: "ADMIN" });
  alice = await createUser(db.admin, { role: "USER" });
  bob = await createUser(db.admin, { role: "USER" });
  pending = await createUser(db.admin, { role: "PENDING" });
  await db.admin`delete from public.error_logs`;
  // Rare: "gateway" in 6 rows over three owners (alice, bob, nobody) and two messages.
  // Three more "gateway" rows owned by the pending account: RLS hides them from it all the same.
  await db.admin`
    insert into public.error_logs (user_id, error_type, error_category, error_message, severity)
    select ${pending.id}::uuid, 'api', 'network', 'Gateway refused pending caller ' || i, 'error' from generate_series(1, 3) i`;
  // Common: "dense" in 10,050 rows, more than the index path takes.
  await db.admin`
    insert into public.error_logs (user_id, error_type, error_category, error_message, severity, created_at)
    select (array[${alice.id}::uuid, ${bob.id}::uuid, null])[1 + i % 3], 'api', 'network',
           case when i % 2 = 0 then 'Bad gateway from upstream ' || i else 'Gateway closed the stream after ' || i || ' ms' end,
           (array['warning','error','critical'])[1 + i % 3], now() - i * interval '5 hours'
      from generate_series(1, 6) i`;
  await db.admin`
    insert into public.error_logs (user_id, error_type, error_category, error_message, severity, created_at)
    select case when i % 4 = 0 then ${alice.id}::uuid end, 'app', (array['render','quota'])[1 + i % 2],
           'Dense failure number ' || i, (array['info','error'])[1 + i % 2], now() - i * interval '3 minutes'
      from generate_series(1, 10050) i`;
  await db.admin`analyze public.error_logs`;
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const matching = (who: U, q: string) =>
  as(who, async (tx) =>
    ((await tx.execute(sql`select public.error_log_ids_matching(to_tsquery('simple', ${q})) as id`)) as unknown as { id: string }[])
      .map((r) => r.id)
      .sort(),
  );
const direct = async (q: string, owner?: string) =>
  (owner
    ? await db.admin`select id from public.error_logs where to_tsvector('simple', error_message) @@ to_tsquery('simple', ${q}) and user_id = ${owner}`
    : await db.admin`select id from public.error_logs where to_tsvector('simple', error_message) @@ to_tsquery('simple', ${q})`
  )
    .map((r) => r.id as string)
    .sort();

describe("error_log_ids_matching", () => {
  it("gives an admin every matching row, a user only their own, a pending account nothing", async () => {
    expect(await matching(admin, "gateway:*")).toEqual(await direct("gateway:*"));
    expect(await matching(admin, "gateway:*")).toHaveLength(9);
    expect(await matching(alice, "gateway:*")).toEqual(await direct("gateway:*", alice.id));
    expect(await matching(alice, "gateway:*")).toHaveLength(2);
    expect(await matching(bob, "gateway:*")).toEqual(await direct("gateway:*", bob.id));
    expect(await direct("gateway:*", pending.id)).toHaveLength(3);
    expect(await matching(pending, "gateway:*")).toEqual([]);
  });

  it("is not callable without a signed-in user", async () => {
    await expect(
      runAs(app.db, null, (tx) => tx.execute(sql`select public.error_log_ids_matching(to_tsquery('simple', 'gateway:*'))`)),
    ).rejects.toSatisfy((e) => /permission denied/.test(String((e as { cause?: unknown }).cause ?? e)));
  });
});

describe("planErrorSearch", () => {
  it("takes the index for a rare term, the row walk for a common one, nothing without a search", async () => {
    expect((await as(admin, (tx) => planErrorSearch(tx, filter("q=gateway")))).searchVia).toBe("index");
    expect((await as(admin, (tx) => planErrorSearch(tx, filter("q=nothing-like-this")))).searchVia).toBe("index");
    expect((await as(admin, (tx) => planErrorSearch(tx, filter("q=dense")))).searchVia).toBe("scan");
    // Alice can read a quarter of the dense rows: 2,512, few enough for the index.
    expect((await as(alice, (tx) => planErrorSearch(tx, filter("q=dense")))).searchVia).toBe("index");
    expect((await as(admin, (tx) => planErrorSearch(tx, filter("severity=error")))).searchVia).toBeUndefined();
  });

  it("both paths give the same rows, counts, chart and groups, for an admin and for a user", async () => {
    for (const who of [admin, alice]) {
      for (const qs of ["q=gateway", "q=gate", "q=gateway upstream", "q=dense&severity=error", "q=dense&category=quota&from=2000-01-01", "q=zzz"]) {
        const run = (searchVia: "index" | "scan") =>
          as(who, async (tx) => {
            const f: PlannedErrorFilter = { ...filter(qs), searchVia };
            const list = await listErrorLogs(tx, { ...f, sort: { key: "created", dir: "desc" }, cursor: null, size: 50 });
            return {
              list: list.rows.map((r) => r.id),
              counts: await countErrorsBySeverity(tx, f, { admin: who === admin }),
              series: await errorSeries(tx, f, { admin: who === admin }),
              groups: who === admin ? (await listErrorGroups(tx, f, { size: 10, after: null })).rows.map((g) => [g.fingerprint, g.count, g.users]) : [],
            };
          });
        const [viaIndex, viaScan] = [await run("index"), await run("scan")];
        expect(viaIndex, `${who === admin ? "admin" : "alice"}: ${qs}`).toEqual(viaScan);
      }
    }
    const all = await as(admin, (tx) => listErrorLogs(tx, { ...filter("q=gateway"), searchVia: "index", sort: { key: "created", dir: "desc" }, cursor: null, size: 50 } as never));
    expect(all.rows).toHaveLength(9);
    expect(all.rows.map((r) => r.createdAt)).toEqual([...all.rows.map((r) => r.createdAt)].sort().reverse());
  });
});
