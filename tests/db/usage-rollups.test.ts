/**
 * Usage rollups (issue 6, items 4 and 5): the hourly rollup kept by the usage_logs triggers,
 * and usage_series(), must equal a direct GROUP BY over the raw rows — for random ranges
 * (seeded), ranges that start or end mid-hour, rows inserted, updated and deleted after
 * earlier ones, time zones with DST and half-hour offsets, estimated and unpriced cost — and
 * RLS must leave a user only their own numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, exec, sql, type Actor } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";
import { seededRandom as prng } from "../../tooling/bench";

let db: TestDb;
let app: ReturnType<typeof appDb>;
type U = { id: string; email: string };
let alice: U, bob: U, carol: U, admin: U;
let asAlice: Actor, asAdmin: Actor;

const SEED = Number(process.env.USAGE_ROLLUP_SEED ?? 20251125);
const rnd = prng(SEED);
const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

// Ten days around the end of DST in America/New_York (2026-11-01 06:00 UTC).
const WINDOW_FROM = Date.parse("2026-10-27T00:00:00Z");
const WINDOW_TO = Date.parse("2026-11-06T00:00:00Z");
const MODELS: { model: string | null; provider: string | null }[] = [
  { model: "t-priced", provider: "openai" }, // priced in model_config
  { model: "t-priced-2", provider: "anthropic" },
  { model: "t-zero", provider: "google" }, // model_config row with both prices 0: unpriced
  { model: "t-unknown", provider: "mistral" }, // no model_config row: unpriced
  { model: null, provider: null },
];
const AGENTS = ["chat_model_agent", "python_agent", "document_agent"];

function randomRow() {
  const m = pick(MODELS);
  const input = rnd() < 0.1 ? null : int(0, 5000);
  const output = rnd() < 0.1 ? null : int(0, 3000);
  return {
    user_id: pick([alice, bob, carol]).id,
    agent_type: pick(AGENTS),
    model_used: m.model,
    provider: m.provider,
    input_tokens: input,
    output_tokens: output,
    total_tokens: rnd() < 0.15 ? null : (input ?? 0) + (output ?? 0),
    total_cost: rnd() < 0.45 ? null : (int(0, 2_000_000) / 1e6).toFixed(6),
    duration_ms: rnd() < 0.2 ? null : int(50, 20_000),
    request_timestamp: new Date(WINDOW_FROM + rnd() * (WINDOW_TO - WINDOW_FROM)).toISOString(),
  };
}

async function insertRows(n: number) {
  const rows = Array.from({ length: n }, randomRow);
  // several statements, so the statement-level trigger adds to rows it made before
  for (let i = 0; i < rows.length; i += 97) {
    await db.admin`insert into public.usage_logs ${db.admin(rows.slice(i, i + 97))}`;
  }
}

/** The rollup as the triggers left it vs an independent GROUP BY over the raw rows. */
async function rollupDiff() {
  return db.admin`
    with expected as (
      select date_trunc('hour', request_timestamp, 'UTC') as bucket_start, user_id, agent_type, model_used, provider,
             count(*)::bigint as calls,
             sum(coalesce(input_tokens, 0))::bigint as input_tokens,
             sum(coalesce(output_tokens, 0))::bigint as output_tokens,
             sum(coalesce(total_tokens, 0))::bigint as total_tokens,
             coalesce(sum(total_cost), 0)::numeric as recorded_cost,
             count(total_cost)::bigint as cost_rows,
             (count(*) - count(total_cost))::bigint as uncosted_calls,
             sum(case when total_cost is null then coalesce(input_tokens, 0) else 0 end)::bigint as uncosted_input_tokens,
             sum(case when total_cost is null then coalesce(output_tokens, 0) else 0 end)::bigint as uncosted_output_tokens,
             sum(case when total_cost is null then coalesce(total_tokens, coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) else 0 end)::bigint as uncosted_tokens,
             coalesce(sum(duration_ms), 0)::bigint as duration_ms_sum,
             count(duration_ms)::bigint as duration_calls
      from public.usage_logs
      group by grouping sets ((1, user_id, agent_type, model_used, provider), (1, agent_type, model_used, provider))
    ),
    actual as (
      select bucket_start, user_id, agent_type, model_used, provider, calls, input_tokens, output_tokens, total_tokens,
             recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
             duration_ms_sum, duration_calls
      from public.usage_rollup_hourly
    )
    (select 'missing' as side, * from (select * from expected except all select * from actual) x)
    union all
    (select 'extra' as side, * from (select * from actual except all select * from expected) y)
    limit 10`;
}

const KEY_SQL: Record<string, string> = {
  agent_type: "u.agent_type::text",
  model: "u.model_used::text",
  provider: "u.provider::text",
  user: "u.user_id::text",
};

type Row = {
  bucket: string | Date;
  group_key: string | null;
  calls: string | number;
  input_tokens: string | number;
  output_tokens: string | number;
  total_tokens: string | number;
  recorded_cost: string | number;
  estimated_cost: string | number;
  unpriced_calls: string | number;
  unpriced_tokens: string | number;
  duration_ms_sum: string | number;
};

/** The same numbers straight from the raw rows: the definition usage_series must meet. */
async function reference(from: string, to: string, bucket: string, tz: string, group: string, userId?: string) {
  return db.admin.unsafe(
    `select date_trunc($3, u.request_timestamp, $4) as bucket, ${KEY_SQL[group]} as group_key,
            count(*) as calls, sum(coalesce(u.input_tokens, 0)) as input_tokens,
            sum(coalesce(u.output_tokens, 0)) as output_tokens, sum(coalesce(u.total_tokens, 0)) as total_tokens,
            coalesce(sum(u.total_cost), 0) as recorded_cost,
            coalesce(sum((coalesce(u.input_tokens, 0) * mc.input_pricing_per_million_tokens
                         + coalesce(u.output_tokens, 0) * mc.output_pricing_per_million_tokens) / 1000000)
                     filter (where u.total_cost is null and (mc.input_pricing_per_million_tokens > 0 or mc.output_pricing_per_million_tokens > 0)), 0) as estimated_cost,
            count(*) filter (where u.total_cost is null and not coalesce(mc.input_pricing_per_million_tokens > 0 or mc.output_pricing_per_million_tokens > 0, false)) as unpriced_calls,
            coalesce(sum(coalesce(u.total_tokens, coalesce(u.input_tokens, 0) + coalesce(u.output_tokens, 0)))
                     filter (where u.total_cost is null and not coalesce(mc.input_pricing_per_million_tokens > 0 or mc.output_pricing_per_million_tokens > 0, false)), 0) as unpriced_tokens,
            coalesce(sum(u.duration_ms), 0) as duration_ms_sum
     from public.usage_logs u left join public.model_config mc on mc.model_id = u.model_used
     where u.request_timestamp >= $1 and u.request_timestamp < $2 and ($5::uuid is null or u.user_id = $5::uuid)
     group by 1, 2`,
    [from, to, bucket, tz, userId ?? null],
  ) as unknown as Promise<Row[]>;
}

const ms = (b: string | Date) => new Date(b).getTime();
const keyOf = (r: Row) => `${ms(r.bucket)}|${r.group_key}`;
function norm(r: Row) {
  return {
    calls: Number(r.calls),
    input_tokens: Number(r.input_tokens),
    output_tokens: Number(r.output_tokens),
    total_tokens: Number(r.total_tokens),
    recorded_cost: Number(r.recorded_cost).toFixed(6),
    estimated_cost: Number(r.estimated_cost).toFixed(9),
    unpriced_calls: Number(r.unpriced_calls),
    unpriced_tokens: Number(r.unpriced_tokens),
    duration_ms_sum: Number(r.duration_ms_sum),
  };
}

async function series(actor: Actor, from: string, to: string, bucket: string, tz: string, group: string, userId?: string) {
  return exec<Row>(
    app.db,
    actor,
    sql`select * from public.usage_series(${from}::timestamptz, ${to}::timestamptz, ${bucket}, ${tz}, ${group}, ${userId ?? null}::uuid)`,
  );
}

/** usage_series equals the reference on every non-empty bucket, and zero-fills the rest. */
async function expectSeriesMatches(actor: Actor, from: string, to: string, bucket: string, tz: string, group: string, userId?: string, refUser?: string) {
  const got = await series(actor, from, to, bucket, tz, group, userId);
  const ref = await reference(from, to, bucket, tz, group, refUser ?? userId);
  const label = `${from} .. ${to} by ${bucket} in ${tz}, group ${group}`;
  const refMap = new Map(ref.map((r) => [keyOf(r), norm(r)]));
  const gotNonZero = got.filter((r) => Number(r.calls) > 0);
  expect(new Map(gotNonZero.map((r) => [keyOf(r), norm(r)])), label).toEqual(refMap);

  // zero-fill: every bucket from the first to the last, each with every key
  const buckets = [...new Set(got.map((r) => ms(r.bucket)))].sort((a, b) => a - b);
  const keys = new Set(got.map((r) => r.group_key));
  expect(got.length, label).toBe(buckets.length * keys.size);
  const [first] = await db.admin`select date_trunc(${bucket}, ${from}::timestamptz, ${tz}) as b,
    date_trunc(${bucket}, ${to}::timestamptz - interval '1 microsecond', ${tz}) as l`;
  expect(buckets[0], label).toBe(ms(first.b));
  expect(buckets[buckets.length - 1], label).toBe(ms(first.l));
  for (let i = 1; i < buckets.length; i++) {
    const gap = (buckets[i] - buckets[i - 1]) / 3_600_000;
    if (bucket === "hour") expect(gap, label).toBe(1);
    else expect([23, 24, 25], label).toContain(gap);
  }
  return got;
}

function randomInstant(): string {
  const r = rnd();
  if (r < 0.25) {
    // on a whole hour
    return new Date(Math.floor((WINDOW_FROM + rnd() * (WINDOW_TO - WINDOW_FROM)) / 3_600_000) * 3_600_000).toISOString();
  }
  return new Date(WINDOW_FROM - 86_400_000 + rnd() * (WINDOW_TO - WINDOW_FROM + 2 * 86_400_000)).toISOString();
}

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  alice = await createUser(db.admin, { role: "USER" });
  bob = await createUser(db.admin, { role: "USER" });
  carol = await createUser(db.admin, { role: "USER" });
  admin = await createUser(db.admin, { role: "ADMIN" });
  asAlice = { name: "alice", claims: claimsFor(alice) };
  asAdmin = { name: "admin", claims: claimsFor(admin) };
  await db.admin`insert into public.model_config (model_id, name, provider, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
    values ('t-priced', 'Priced', 'openai', 2.5, 10), ('t-priced-2', 'Priced 2', 'anthropic', 3, 0),
           ('t-zero', 'Zero', 'google', 0, 0)`;
  await insertRows(700);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("usage_rollup_hourly follows usage_logs", () => {
  it("equals a GROUP BY on the raw rows after inserts", async () => {
    expect(await rollupDiff()).toEqual([]);
    const [c] = await db.admin`select count(*)::int as n from public.usage_rollup_hourly where user_id is null`;
    expect(c.n).toBeGreaterThan(0);
  });

  it("stays equal after more inserts, updates (moving rows across hours, users, models) and deletes", async () => {
    await insertRows(150);
    await db.admin`update public.usage_logs set request_timestamp = request_timestamp + interval '37 minutes'
      where id in (select id from public.usage_logs order by id limit 60)`;
    await db.admin`update public.usage_logs set total_cost = null, model_used = 't-priced'
      where id in (select id from public.usage_logs order by id desc limit 40)`;
    await db.admin`update public.usage_logs set user_id = ${bob.id}, agent_type = 'python_agent'
      where id in (select id from public.usage_logs where user_id = ${carol.id} order by id limit 30)`;
    await db.admin`update public.usage_logs set duration_ms = null where id in (select id from public.usage_logs order by md5(id::text) limit 25)`;
    await db.admin`delete from public.usage_logs where id in (select id from public.usage_logs order by md5(id::text) desc limit 80)`;
    await db.admin`update public.usage_logs set input_tokens = input_tokens where true`; // a no-op update
    expect(await rollupDiff()).toEqual([]);
  });

  it("removes rollup rows whose last raw row went away, and follows TRUNCATE", async () => {
    const [r] = await db.admin`insert into public.usage_logs (user_id, agent_type, model_used, request_timestamp)
      values (${alice.id}, 'lonely_agent', 'x', '2020-01-01T10:15:00Z') returning id`;
    const count = async () => (await db.admin`select count(*)::int as n from public.usage_rollup_hourly where agent_type = 'lonely_agent'`)[0].n;
    expect(await count()).toBe(2); // alice's row and the all-users row
    await db.admin`delete from public.usage_logs where id = ${r.id}`;
    expect(await count()).toBe(0);
    expect(await rollupDiff()).toEqual([]);

    await db.admin.begin(async (tx) => {
      await tx`truncate public.usage_logs`;
      const [n] = await tx`select count(*)::int as n from public.usage_rollup_hourly`;
      expect(n.n).toBe(0);
      throw new Error("rollback");
    }).catch((e) => { if ((e as Error).message !== "rollback") throw e; });
    expect(await rollupDiff()).toEqual([]);
  });

  it("a user's own insert through RLS moves the rollup, which the user cannot write", async () => {
    await exec(app.db, asAlice, sql`insert into public.usage_logs (user_id, agent_type, model_used, input_tokens, output_tokens, request_timestamp)
      values (${alice.id}, 'chat_model_agent', 't-priced', 100, 50, '2026-10-30T12:34:56Z')`);
    expect(await rollupDiff()).toEqual([]);
    await expect(
      exec(app.db, asAlice, sql`insert into public.usage_rollup_hourly (bucket_start, user_id, agent_type) values (now(), ${alice.id}, 'x')`),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(
      exec(app.db, asAlice, sql`update public.usage_rollup_hourly set calls = 0 where user_id = ${alice.id} returning 1`),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("rebuild_usage_rollups() builds the same table in one pass, and only the service connection may run it", async () => {
    const before = await db.admin`select * from public.usage_rollup_hourly order by bucket_start, user_id nulls first, agent_type, model_used, provider`;
    const [n] = await db.admin`select public.rebuild_usage_rollups() as n`;
    expect(Number(n.n)).toBe(before.length);
    const after = await db.admin`select * from public.usage_rollup_hourly order by bucket_start, user_id nulls first, agent_type, model_used, provider`;
    expect(after).toEqual(before);
    await expect(exec(app.db, asAdmin, sql`select public.rebuild_usage_rollups()`)).rejects.toMatchObject({ code: "42501" });
  });
});

describe("usage_series equals a direct GROUP BY", () => {
  it("for random ranges, buckets, time zones and groupings (seeded)", async () => {
    const tzs = ["UTC", "America/New_York", "Asia/Kolkata"];
    const groups = ["agent_type", "model", "provider", "user"];
    for (let i = 0; i < 36; i++) {
      let a = randomInstant();
      let b = randomInstant();
      if (a === b) continue;
      if (a > b) [a, b] = [b, a];
      const bucket = i % 3 === 0 ? "hour" : "day";
      await expectSeriesMatches(asAdmin, a, b, bucket, tzs[i % 3], groups[i % 4]);
    }
  });

  it("for ranges that start or end exactly on a row, mid-hour, in the DST night", async () => {
    const rows = await db.admin`select request_timestamp::text as t from public.usage_logs
      where request_timestamp > '2026-10-28T00:00:00Z' and request_timestamp < '2026-11-05T00:00:00Z' order by md5(id::text) limit 6`;
    await expectSeriesMatches(asAdmin, rows[0].t, "2026-11-05T13:30:00Z", "day", "America/New_York", "model");
    await expectSeriesMatches(asAdmin, "2026-10-28T00:00:00Z", rows[1].t, "day", "Asia/Kolkata", "agent_type");
    // the 25-hour local day 2026-11-01 in New York, by hour and by day
    const night = await expectSeriesMatches(asAdmin, "2026-10-31T22:10:00-04:00", "2026-11-02T03:20:00-05:00", "hour", "America/New_York", "provider");
    expect(new Set(night.map((r) => ms(r.bucket))).size).toBe(31);
    const days = await expectSeriesMatches(asAdmin, "2026-10-31T00:00:00-04:00", "2026-11-03T00:00:00-05:00", "day", "America/New_York", "agent_type");
    expect([...new Set(days.map((r) => new Date(r.bucket).toISOString()))]).toEqual([
      "2026-10-31T04:00:00.000Z", "2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z",
    ]);
    // Kolkata days start at 18:30 UTC; hourly buckets at :30
    const kol = await expectSeriesMatches(asAdmin, "2026-10-29T18:30:00Z", "2026-11-02T18:30:00Z", "day", "Asia/Kolkata", "user");
    expect(new Date(kol[0].bucket).toISOString()).toBe("2026-10-29T18:30:00.000Z");
    await expectSeriesMatches(asAdmin, "2026-10-30T05:45:00Z", "2026-10-30T20:05:00Z", "hour", "Asia/Kolkata", "model");
    // one instant wide, and a range with no rows at all (zero-filled with a NULL key)
    await expectSeriesMatches(asAdmin, rows[2].t, new Date(ms(rows[2].t) + 1).toISOString(), "hour", "UTC", "agent_type");
    const empty = await series(asAdmin, "2019-01-01T00:00:00Z", "2019-01-03T00:00:00Z", "day", "UTC", "model");
    expect(empty.map((r) => [new Date(r.bucket).toISOString(), r.group_key, Number(r.calls)])).toEqual([
      ["2019-01-01T00:00:00.000Z", null, 0],
      ["2019-01-02T00:00:00.000Z", null, 0],
    ]);
  });

  it("marks unpriced models and estimates cost from model_config when a row has no recorded cost", async () => {
    const rows = await series(asAdmin, "2026-10-27T00:00:00Z", "2026-11-06T00:00:00Z", "day", "UTC", "model");
    const total = (model: string, f: keyof Row) => rows.filter((r) => r.group_key === model).reduce((s, r) => s + Number(r[f]), 0);
    expect(total("t-unknown", "unpriced_calls")).toBeGreaterThan(0);
    expect(total("t-unknown", "estimated_cost")).toBe(0);
    expect(total("t-zero", "unpriced_tokens")).toBeGreaterThan(0);
    expect(total("t-zero", "estimated_cost")).toBe(0);
    expect(total("t-priced", "estimated_cost")).toBeGreaterThan(0);
    expect(total("t-priced", "unpriced_calls")).toBe(0);
    // a price change applies at once: estimates are priced at read time
    await db.admin`update public.model_config set input_pricing_per_million_tokens = 0, output_pricing_per_million_tokens = 0 where model_id = 't-priced-2'`;
    await expectSeriesMatches(asAdmin, "2026-10-27T00:00:00Z", "2026-11-06T00:00:00Z", "day", "UTC", "model");
    await db.admin`update public.model_config set input_pricing_per_million_tokens = 3 where model_id = 't-priced-2'`;
  });

  it("refuses unknown buckets, groupings, time zones and empty ranges", async () => {
    const bad = (bucket: string, tz: string, group: string, from = "2026-10-28T00:00:00Z") =>
      exec(app.db, asAdmin, sql`select * from public.usage_series(${from}::timestamptz, '2026-10-29T00:00:00Z', ${bucket}, ${tz}, ${group})`);
    await expect(bad("week", "UTC", "model")).rejects.toThrow(/p_bucket/);
    await expect(bad("day", "UTC", "model; drop table x")).rejects.toThrow(/p_group/);
    await expect(bad("day", "Mars/Olympus", "model")).rejects.toThrow(/time zone/);
    await expect(bad("day", "UTC", "model", "2026-10-30T00:00:00Z")).rejects.toThrow(/p_from < p_to/);
  });
});

describe("RLS: a user sees only their own numbers", () => {
  it("the rollup shows a user only their own rows, an admin all", async () => {
    const mine = await exec<{ user_id: string | null }>(app.db, asAlice, sql`select distinct user_id from public.usage_rollup_hourly`);
    expect(mine.map((r) => r.user_id)).toEqual([alice.id]);
    const all = await exec<{ n: number }>(app.db, asAdmin, sql`select count(distinct coalesce(user_id::text, 'all'))::int as n from public.usage_rollup_hourly`);
    expect(all[0].n).toBe(4); // alice, bob, carol and the all-users rows
  });

  it("usage_series as a user equals the reference on that user's rows, whatever the grouping or filter", async () => {
    for (const [group, tz, bucket] of [["agent_type", "UTC", "day"], ["user", "Asia/Kolkata", "day"], ["model", "America/New_York", "hour"]]) {
      const a = randomInstant();
      const got = await expectSeriesMatches(asAlice, a < "2026-10-31" ? a : "2026-10-28T07:07:07Z", "2026-11-02T09:09:09Z", bucket, tz, group, undefined, alice.id);
      if (group === "user") expect([...new Set(got.map((r) => r.group_key))]).toEqual([alice.id]);
    }
    // asking for bob's numbers yields zeros, not bob's numbers
    const bobs = await series(asAlice, "2026-10-27T00:00:00Z", "2026-11-06T00:00:00Z", "day", "UTC", "user", bob.id);
    expect(bobs.every((r) => Number(r.calls) === 0 && r.group_key === null)).toBe(true);
  });

  it("an admin can filter by user and group by user", async () => {
    await expectSeriesMatches(asAdmin, "2026-10-27T05:30:00Z", "2026-11-04T00:00:00Z", "day", "UTC", "agent_type", bob.id);
    await expectSeriesMatches(asAdmin, "2026-10-27T05:30:00Z", "2026-11-04T00:00:00Z", "day", "America/New_York", "user");
  });
});
