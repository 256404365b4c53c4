/**
 * Usage dashboard rollups (issue 6, supabase/migrations/20251125000045_usage.sql): the all-users 24-hour windows
 * (every whole-hour alignment), the per-user UTC days by model and the latency histograms must
 * equal a direct GROUP BY over the raw rows after inserts, updates, deletes and rows inserted
 * after earlier ones; usage_series() reading them must equal the raw rows for random ranges
 * (mid-hour starts and ends, DST, half-hour zones), by day and over the whole range ('all').
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, exec, sql, type Actor } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";
import { seededRandom as prng } from "../../tooling/bench";

let db: TestDb;
let app: ReturnType<typeof appDb>;
type U = { id: string; email: string };
let alice: U, bob: U, admin: U;
let asAlice: Actor, asAdmin: Actor;

const SEED = Number(process.env.USAGE_DASHBOARD_SEED ?? 6_2025);
const rnd = prng(SEED);
const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

// Twelve days around the end of DST in America/New_York (2026-11-01 06:00 UTC).
const WINDOW_FROM = Date.parse("2026-10-26T00:00:00Z");
const WINDOW_TO = Date.parse("2026-11-07T00:00:00Z");
const MODELS = [
  { model: "d-priced", provider: "openai" },
  { model: "d-zero", provider: "google" },
  { model: "d-unknown", provider: "mistral" },
  { model: null, provider: null },
];

function randomRow() {
  const m = pick(MODELS);
  const input = rnd() < 0.1 ? null : int(0, 4000);
  const output = rnd() < 0.1 ? null : int(0, 2000);
  return {
    user_id: pick([alice, bob, admin]).id,
    agent_type: pick(["chat_model_agent", "python_agent", "document_agent"]),
    model_used: m.model,
    provider: m.provider,
    input_tokens: input,
    output_tokens: output,
    total_tokens: rnd() < 0.15 ? null : (input ?? 0) + (output ?? 0),
    total_cost: rnd() < 0.4 ? null : (int(0, 1_000_000) / 1e6).toFixed(6),
    // durations on and around the bucket edges, and beyond the last bucket
    duration_ms: rnd() < 0.15 ? null : pick([0, 24, 25, 35, 36, 50, 70, 71, 51199, 51200, 90_000, int(1, 60_000), int(100, 3000)]),
    request_timestamp: new Date(WINDOW_FROM + rnd() * (WINDOW_TO - WINDOW_FROM)).toISOString(),
  };
}

async function insertRows(n: number) {
  const rows = Array.from({ length: n }, randomRow);
  for (let i = 0; i < rows.length; i += 83) await db.admin`insert into public.usage_logs ${db.admin(rows.slice(i, i + 83))}`;
}

// An independent definition of the histogram bucket: thresholds ceil(25 * 2^((i-1)/2)), i = 1..23;
// the bucket of a row (hb) is the number of thresholds at or below its duration.
const HB = `cross join lateral (select count(*)::int as hb from generate_series(1, 23) t
  where u.duration_ms >= ceil(25 * power(2, (t - 1) / 2.0))) hb`;
const HIST = `array[${Array.from({ length: 24 }, (_, i) => `count(*) filter (where u.duration_ms is not null and hb.hb = ${i})`).join(", ")}]::bigint[]`;
const MEASURES = `count(*)::bigint as calls,
  sum(coalesce(u.input_tokens, 0))::bigint as input_tokens, sum(coalesce(u.output_tokens, 0))::bigint as output_tokens,
  sum(coalesce(u.total_tokens, 0))::bigint as total_tokens, coalesce(sum(u.total_cost), 0)::numeric as recorded_cost,
  count(u.total_cost)::bigint as cost_rows, (count(*) - count(u.total_cost))::bigint as uncosted_calls,
  sum(case when u.total_cost is null then coalesce(u.input_tokens, 0) else 0 end)::bigint as uncosted_input_tokens,
  sum(case when u.total_cost is null then coalesce(u.output_tokens, 0) else 0 end)::bigint as uncosted_output_tokens,
  sum(case when u.total_cost is null then coalesce(u.total_tokens, coalesce(u.input_tokens, 0) + coalesce(u.output_tokens, 0)) else 0 end)::bigint as uncosted_tokens,
  coalesce(sum(u.duration_ms), 0)::bigint as duration_ms_sum, count(u.duration_ms)::bigint as duration_calls, ${HIST} as duration_hist`;
// Blocks carry no latency: the cost measures only.
const COST_MEASURES = MEASURES.slice(0, MEASURES.indexOf(",\n  coalesce(sum(u.duration_ms)"));
const COST_COLS = `calls, input_tokens, output_tokens, total_tokens, recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens,
  uncosted_output_tokens, uncosted_tokens`;
const COLS = `calls, input_tokens, output_tokens, total_tokens, recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens,
  uncosted_output_tokens, uncosted_tokens, duration_ms_sum, duration_calls, duration_hist`;

/** Each rollup table vs its definition over the raw rows: rows missing or extra (empty when equal). */
async function rollupDiffs() {
  const diff = (expected: string, actual: string) =>
    db.admin.unsafe(`with expected as (${expected}), actual as (${actual})
      (select 'missing' as side, * from (select * from expected except all select * from actual) x)
      union all (select 'extra' as side, * from (select * from actual except all select * from expected) y) limit 5`);
  const hour = `date_bin('1 hour', u.request_timestamp, timestamptz '2000-01-01 00:00:00+00')`;
  return {
    hourly: await diff(
      `select ${hour} as b, u.user_id, u.agent_type, u.model_used, u.provider, ${MEASURES} from public.usage_logs u ${HB}
       group by grouping sets ((1, u.user_id, u.agent_type, u.model_used, u.provider), (1, u.agent_type, u.model_used, u.provider))`,
      `select bucket_start, user_id, agent_type, model_used, provider, ${COLS} from public.usage_rollup_hourly`,
    ),
    // every 24-hour window [h, h + 24 h) starting at a whole hour that holds the row
    daily: await diff(
      `select ${hour} - make_interval(hours => k) as d, u.agent_type, u.model_used, u.provider, ${MEASURES}
       from public.usage_logs u ${HB} cross join generate_series(0, 23) k group by 1, 2, 3, 4`,
      `select day_start, agent_type, model_used, provider, ${COLS} from public.usage_rollup_daily`,
    ),
    userDaily: await diff(
      `select date_trunc('day', u.request_timestamp, 'UTC') as d, u.user_id, u.model_used, ${MEASURES} from public.usage_logs u ${HB} group by 1, 2, 3`,
      `select day_start, user_id, model_used, ${COLS} from public.usage_rollup_user_daily`,
    ),
    // every aligned block of 2, 4, ..., 512 hours that holds the row (20251125000045_usage.sql)
    userBlock: await diff(
      `select s.h as h, date_bin(make_interval(hours => s.h), u.request_timestamp, timestamptz '2000-01-01 00:00:00+00') as b,
              u.user_id, u.model_used, ${COST_MEASURES}
       from public.usage_logs u cross join unnest('{2,4,8,16,32,64,128,256,512}'::int[]) s(h) group by 1, 2, 3, 4`,
      `select block_hours, block_start, user_id, model_used, ${COST_COLS} from public.usage_rollup_user_block`,
    ),
  };
}
const NO_DIFF = { hourly: [], daily: [], userDaily: [], userBlock: [] };

const KEY_SQL: Record<string, string> = {
  agent_type: "u.agent_type::text",
  model: "u.model_used::text",
  provider: "u.provider::text",
  user: "u.user_id::text",
};
type Row = Record<string, unknown> & { bucket: string | Date; group_key: string | null };

/** The reference: raw rows, with the bucket ('all': p_from) and the same pricing rules. */
async function reference(from: string, to: string, bucket: string, tz: string, group: string, userId: string | null) {
  const b = bucket === "all" ? "$1::timestamptz" : "date_trunc($3::text, u.request_timestamp, $4::text)";
  return db.admin.unsafe(
    `select ${b} as bucket, ${KEY_SQL[group]} as group_key, count(*) as calls,
            sum(coalesce(u.input_tokens, 0)) as input_tokens, sum(coalesce(u.output_tokens, 0)) as output_tokens,
            coalesce(sum(u.total_cost), 0) as recorded_cost,
            coalesce(sum((coalesce(u.input_tokens, 0) * mc.input_pricing_per_million_tokens
                         + coalesce(u.output_tokens, 0) * mc.output_pricing_per_million_tokens) / 1000000)
                     filter (where u.total_cost is null and (mc.input_pricing_per_million_tokens > 0 or mc.output_pricing_per_million_tokens > 0)), 0) as estimated_cost,
            count(*) filter (where u.total_cost is null and not coalesce(mc.input_pricing_per_million_tokens > 0 or mc.output_pricing_per_million_tokens > 0, false)) as unpriced_calls,
            coalesce(sum(u.duration_ms), 0) as duration_ms_sum, ${HIST} as duration_hist
     from public.usage_logs u left join public.model_config mc on mc.model_id = u.model_used ${HB}
     where u.request_timestamp >= $1 and u.request_timestamp < $2 and ($5::uuid is null or u.user_id = $5::uuid)
       and ($3::text is not null) and ($4::text is not null)
     group by 1, 2`,
    [from, to, bucket, tz, userId],
  ) as unknown as Promise<Row[]>;
}

/** Calls, tokens and cost of a row: what usage_series and usage_top_users both return. */
const costOf = (r: Row) => ({
  calls: Number(r.calls),
  input_tokens: Number(r.input_tokens),
  output_tokens: Number(r.output_tokens),
  recorded_cost: Number(r.recorded_cost).toFixed(6),
  estimated_cost: Number(r.estimated_cost).toFixed(9),
  unpriced_calls: Number(r.unpriced_calls),
});
const norm = (r: Row) => ({
  ...costOf(r),
  duration_ms_sum: Number(r.duration_ms_sum),
  duration_hist: String(r.duration_hist),
});
const keyOf = (r: Row) => `${new Date(r.bucket).getTime()}|${r.group_key}`;

async function expectMatches(actor: Actor, from: string, to: string, bucket: string, tz: string, group: string, user: string | null, refUser = user) {
  const got = await exec<Row>(app.db, actor,
    sql`select * from public.usage_series(${from}::timestamptz, ${to}::timestamptz, ${bucket}, ${tz}, ${group}, ${user}::uuid)`);
  const ref = await reference(from, to, bucket, tz, group, refUser);
  const label = `${from} .. ${to} by ${bucket} in ${tz}, group ${group}, user ${user}`;
  expect(new Map(got.filter((r) => Number(r.calls) > 0).map((r) => [keyOf(r), norm(r)])), label).toEqual(new Map(ref.map((r) => [keyOf(r), norm(r)])));
  if (bucket === "all") expect(new Set(got.map((r) => new Date(r.bucket).getTime())), label).toEqual(new Set([Date.parse(from)]));
  return got;
}

function randomInstant(): string {
  const r = rnd();
  const t = WINDOW_FROM - 86_400_000 + rnd() * (WINDOW_TO - WINDOW_FROM + 2 * 86_400_000);
  if (r < 0.3) return new Date(Math.floor(t / 3_600_000) * 3_600_000).toISOString(); // whole hour
  if (r < 0.45) return new Date(Math.floor(t / 86_400_000) * 86_400_000).toISOString(); // UTC midnight
  return new Date(t).toISOString();
}

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  alice = await createUser(db.admin, { role: "USER" });
  bob = await createUser(db.admin, { role: "USER" });
  admin = await createUser(db.admin, { role: "ADMIN" });
  asAlice = { name: "alice", claims: claimsFor(alice) };
  asAdmin = { name: "admin", claims: claimsFor(admin) };
  await db.admin`insert into public.model_config (model_id, name, provider, input_pricing_per_million_tokens, output_pricing_per_million_tokens)
    values ('d-priced', 'Priced', 'openai', 2.5, 10), ('d-zero', 'Zero', 'google', 0, 0)`;
  await insertRows(600);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("daily windows, user days and histograms follow usage_logs", () => {
  it("equal a GROUP BY on the raw rows after inserts", async () => {
    expect(await rollupDiffs()).toEqual(NO_DIFF);
    const [n] = await db.admin`select (select count(*) from public.usage_rollup_daily)::int as d, (select count(*) from public.usage_rollup_user_daily)::int as u`;
    expect(n.d).toBeGreaterThan(0);
    expect(n.u).toBeGreaterThan(0);
  });

  it("stay equal after updates across hours, days, users and models, deletes, and rows inserted afterwards", async () => {
    await db.admin`update public.usage_logs set request_timestamp = request_timestamp + interval '5 hours 17 minutes'
      where id in (select id from public.usage_logs order by id limit 50)`;
    await db.admin`update public.usage_logs set user_id = ${bob.id}, model_used = 'd-priced', total_cost = null, duration_ms = 51200
      where id in (select id from public.usage_logs where user_id = ${alice.id} order by id desc limit 30)`;
    await db.admin`delete from public.usage_logs where id in (select id from public.usage_logs order by md5(id::text) limit 70)`;
    await insertRows(120);
    expect(await rollupDiffs()).toEqual(NO_DIFF);
  });

  it("drop windows whose last row went away", async () => {
    const [r] = await db.admin`insert into public.usage_logs (user_id, agent_type, model_used, duration_ms, request_timestamp)
      values (${alice.id}, 'lonely_agent', 'x', 80, '2020-01-01T10:15:00Z') returning id`;
    const [c] = await db.admin`select count(*)::int as n from public.usage_rollup_daily where agent_type = 'lonely_agent'`;
    expect(c.n).toBe(24);
    await db.admin`delete from public.usage_logs where id = ${r.id}`;
    const [d] = await db.admin`select (select count(*) from public.usage_rollup_daily where agent_type = 'lonely_agent')::int
      + (select count(*) from public.usage_rollup_user_daily where model_used = 'x')::int
      + (select count(*) from public.usage_rollup_user_block where model_used = 'x')::int as n`;
    expect(d.n).toBe(0);
  });

  it("rebuild_usage_rollups() rebuilds all four tables to the same rows", async () => {
    const snap = async () => ({
      d: await db.admin`select * from public.usage_rollup_daily order by day_start, agent_type, model_used, provider`,
      u: await db.admin`select * from public.usage_rollup_user_daily order by user_id, day_start, model_used`,
      b: await db.admin`select * from public.usage_rollup_user_block order by block_hours, block_start, user_id, model_used`,
    });
    const before = await snap();
    await db.admin`select public.rebuild_usage_rollups()`;
    expect(await snap()).toEqual(before);
    expect(await rollupDiffs()).toEqual(NO_DIFF);
  });

  it("only admins read the all-users windows; a user reads only their own days", async () => {
    expect(await exec(app.db, asAlice, sql`select 1 from public.usage_rollup_daily limit 1`)).toEqual([]);
    const own = await exec<{ user_id: string }>(app.db, asAlice, sql`select distinct user_id::text as user_id from public.usage_rollup_user_daily`);
    expect(own.map((r) => r.user_id)).toEqual([alice.id]);
    expect((await exec(app.db, asAdmin, sql`select 1 from public.usage_rollup_daily limit 1`)).length).toBe(1);
  });
});

describe("usage_series over the windows equals the raw rows", () => {
  it("over whole ranges ('all') for random ranges, groups and viewers (seeded)", async () => {
    const groups = ["agent_type", "model", "provider", "user"];
    for (let i = 0; i < 24; i++) {
      let a = randomInstant();
      let b = randomInstant();
      if (a === b) continue;
      if (a > b) [a, b] = [b, a];
      await expectMatches(asAdmin, a, b, "all", "UTC", groups[i % 4], null);
      if (i % 3 === 0) await expectMatches(asAdmin, a, b, "all", "UTC", groups[(i + 1) % 4], bob.id);
      if (i % 4 === 1) await expectMatches(asAlice, a, b, "all", "UTC", "model", null, alice.id);
    }
  });

  it("by day in zones whose days are windows (UTC, New York across DST) and are not (Kolkata), random and aligned ranges", async () => {
    for (const tz of ["UTC", "America/New_York", "Asia/Kolkata"]) {
      // aligned: whole local days, as the dashboard asks (including the 25-hour day)
      const [r] = await db.admin`select ('2026-10-27'::timestamp at time zone ${tz}) as a, ('2026-11-06'::timestamp at time zone ${tz}) as b`;
      const a = new Date(r.a).toISOString();
      const b = new Date(r.b).toISOString();
      for (const g of ["agent_type", "model", "user"]) await expectMatches(asAdmin, a, b, "day", tz, g, null);
      await expectMatches(asAlice, a, b, "day", tz, "agent_type", null, alice.id);
      await expectMatches(asAdmin, a, b, "all", tz, "model", null);
      for (let i = 0; i < 4; i++) {
        let x = randomInstant();
        let y = randomInstant();
        if (x === y) continue;
        if (x > y) [x, y] = [y, x];
        await expectMatches(asAdmin, x, y, "day", tz, pick(["agent_type", "provider", "model"]), null);
      }
    }
  });

  it("counts rows inserted after the windows were last written, at once", async () => {
    const from = "2026-10-28T00:00:00Z";
    const to = "2026-10-31T00:00:00Z";
    const before = await expectMatches(asAdmin, from, to, "all", "UTC", "agent_type", null);
    await db.admin`insert into public.usage_logs (user_id, agent_type, model_used, input_tokens, duration_ms, request_timestamp)
      values (${alice.id}, 'late_agent', 'd-priced', 1000, 333, '2026-10-29T12:00:00Z')`;
    const after = await expectMatches(asAdmin, from, to, "all", "UTC", "agent_type", null);
    expect(Number(after.find((r) => r.group_key === "late_agent")?.calls)).toBe(1);
    expect(before.find((r) => r.group_key === "late_agent")).toBeUndefined();
  });

  it("leaves the histogram out when p_latency is false, with the same numbers", async () => {
    const q = (latency: boolean) => exec<Row>(app.db, asAdmin,
      sql`select * from public.usage_series('2026-10-27T05:30:00Z', '2026-11-04T00:00:00Z', 'all', 'UTC', 'user', null, ${latency})`);
    const [withHist, without] = [await q(true), await q(false)];
    expect(without.every((r) => r.duration_hist === null)).toBe(true);
    const strip = (rows: Row[]) => rows.map(({ duration_hist: _h, ...r }) => r);
    expect(strip(without)).toEqual(strip(withHist));
  });
});

describe("usage_top_users over the blocks equals the raw rows", () => {
  const top = (actor: Actor, from: string, to: string, limit: number) =>
    exec<Row>(app.db, actor, sql`select * from public.usage_top_users(${from}::timestamptz, ${to}::timestamptz, ${limit})`);

  async function expectTopMatches(actor: Actor, from: string, to: string, refUser: string | null) {
    const got = await top(actor, from, to, 10_000);
    const ref = await reference(from, to, "all", "UTC", "user", refUser);
    const label = `${from} .. ${to}`;
    expect(new Map(got.map((r) => [r.group_key, costOf(r)])), label).toEqual(new Map(ref.map((r) => [r.group_key, costOf(r)])));
    // most expensive first, and a smaller limit is the head of the list
    const cost = got.map((r) => Number(r.recorded_cost) + Number(r.estimated_cost));
    expect(cost, label).toEqual([...cost].sort((x, y) => y - x));
    if (got.length > 1) expect((await top(actor, from, to, 1)).map((r) => r.group_key), label).toEqual([got[0].group_key]);
  }

  it("for random ranges (mid-hour edges, whole hours, UTC midnights, inside one hour) and one longer than the largest block (seeded)", async () => {
    for (let i = 0; i < 20; i++) {
      let a = randomInstant();
      let b = randomInstant();
      if (a === b) continue;
      if (a > b) [a, b] = [b, a];
      await expectTopMatches(asAdmin, a, b, null);
    }
    const t = WINDOW_FROM + 5 * 3_600_000 + 17 * 60_000;
    await expectTopMatches(asAdmin, new Date(t).toISOString(), new Date(t + 40 * 60_000).toISOString(), null);
    await expectTopMatches(asAdmin, new Date(WINDOW_FROM - 40 * 86_400_000 + 1234).toISOString(), new Date(WINDOW_TO + 3_600_000 + 99).toISOString(), null);
  });

  it("counts rows inserted, moved and deleted since, at once", async () => {
    const from = new Date(WINDOW_FROM - 86_400_000).toISOString();
    const to = new Date(WINDOW_TO + 86_400_000).toISOString();
    await insertRows(40);
    await db.admin`update public.usage_logs set user_id = ${alice.id}, request_timestamp = request_timestamp - interval '3 days 7 hours'
      where id in (select id from public.usage_logs where user_id = ${bob.id} order by id limit 25)`;
    await db.admin`delete from public.usage_logs where id in (select id from public.usage_logs order by md5(id::text) desc limit 25)`;
    await expectTopMatches(asAdmin, from, to, null);
    expect(await rollupDiffs()).toEqual(NO_DIFF);
  });

  it("gives a user only their own row; refuses an empty range and a bad limit", async () => {
    const from = new Date(WINDOW_FROM).toISOString();
    const to = new Date(WINDOW_TO).toISOString();
    const own = await top(asAlice, from, to, 10);
    expect(own.map((r) => r.group_key)).toEqual([alice.id]);
    await expectTopMatches(asAlice, from, to, alice.id);
    await expect(top(asAdmin, to, from, 10)).rejects.toThrow(/p_from < p_to/);
    await expect(top(asAdmin, from, to, 0)).rejects.toThrow(/p_limit/);
  });
});
