/**
 * The usage_logs insert triggers of 20251125001900_usage_rollup_writes.sql (static SQL, all-users
 * rows sharded by the writing transaction): random inserts, one row per statement and batches,
 * from concurrent transactions that hold their shards, then updates and deletes, must leave every
 * rollup (usage_rollup_hourly and usage_rollup_daily summed over their shards,
 * usage_rollup_user_daily, usage_rollup_user_block) exactly equal to rebuild_usage_rollups()'s
 * recomputation from usage_logs; usage_rollup_compact() folds the shards and keeps them equal.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, createUser, type TestDb } from "../helpers/db";
import { seededRandom as prng } from "../../tooling/bench";

let db: TestDb;
const WORKERS = 4;
const users: string[] = [];

const SEED = Number(process.env.USAGE_ROLLUP_SEED ?? 20261208);
const AGENTS = ["chat_model_agent", "python_agent", "document_agent"];
const MODELS: [string | null, string | null][] = [["t-priced", "openai"], ["t-other", "anthropic"], [null, null]];

function randomRow(rnd: () => number, user: string) {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const [model, provider] = MODELS[Math.floor(rnd() * MODELS.length)];
  const input = rnd() < 0.1 ? null : int(0, 5000);
  const output = rnd() < 0.1 ? null : int(0, 3000);
  return {
    user_id: user,
    agent_type: AGENTS[Math.floor(rnd() * AGENTS.length)],
    model_used: model,
    provider,
    input_tokens: input,
    output_tokens: output,
    total_tokens: rnd() < 0.15 ? null : (input ?? 0) + (output ?? 0),
    total_cost: rnd() < 0.4 ? null : (int(0, 2_000_000) / 1e6).toFixed(6),
    duration_ms: rnd() < 0.2 ? null : int(5, 70_000),
    // the last three days and now: whole blocks and windows, and the current hour writers share
    request_timestamp: rnd() < 0.3 ? new Date().toISOString() : new Date(Date.now() - rnd() * 3 * 86_400_000).toISOString(),
  };
}

const MEASURES = `sum(calls) as calls, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
  sum(total_tokens) as total_tokens, sum(recorded_cost) as recorded_cost, sum(cost_rows) as cost_rows,
  sum(uncosted_calls) as uncosted_calls, sum(uncosted_input_tokens) as uncosted_input_tokens,
  sum(uncosted_output_tokens) as uncosted_output_tokens, sum(uncosted_tokens) as uncosted_tokens,
  sum(duration_ms_sum) as duration_ms_sum, sum(duration_calls) as duration_calls,
  public.usage_hist_sum(duration_hist) as duration_hist`;
/** Every rollup as readers see it: the shards of a key summed (a key summing to no calls is no row). */
const VIEWS: Record<string, string> = {
  hourly: `select bucket_start, user_id, agent_type, model_used, provider, ${MEASURES} from public.usage_rollup_hourly
           group by 1, 2, 3, 4, 5 having sum(calls) <> 0`,
  daily: `select day_start, agent_type, model_used, provider, ${MEASURES} from public.usage_rollup_daily
          group by 1, 2, 3, 4 having sum(calls) <> 0`,
  user_daily: `select * from public.usage_rollup_user_daily where calls <> 0`,
  user_block: `select * from public.usage_rollup_user_block where calls <> 0`,
};

/** Each rollup vs rebuild_usage_rollups() from usage_logs (rolled back): rows only on one side. */
async function diffAgainstRebuild(): Promise<Record<string, { live: number; rebuilt: number; rows: number }>> {
  const out: Record<string, { live: number; rebuilt: number; rows: number }> = {};
  await db.admin
    .begin(async (tx) => {
      for (const [name, q] of Object.entries(VIEWS)) await tx.unsafe(`create temp table live_${name} on commit drop as ${q}`);
      await tx`select public.rebuild_usage_rollups()`;
      for (const [name, q] of Object.entries(VIEWS)) {
        const [r] = await tx.unsafe(`
          select (select count(*) from (select * from live_${name} except all ${q}) a)::int as live,
                 (select count(*) from (${q} except all select * from live_${name}) b)::int as rebuilt,
                 (select count(*) from live_${name})::int as rows`);
        out[name] = { live: r.live, rebuilt: r.rebuilt, rows: r.rows };
      }
      throw new Error("rollback");
    })
    .catch((e) => {
      if (!(e instanceof Error) || e.message !== "rollback") throw e;
    });
  return out;
}

function expectExact(d: Record<string, { live: number; rebuilt: number; rows: number }>) {
  for (const [name, r] of Object.entries(d)) {
    expect({ name, live: r.live, rebuilt: r.rebuilt }).toEqual({ name, live: 0, rebuilt: 0 });
    expect(r.rows, name).toBeGreaterThan(0);
  }
}

beforeAll(async () => {
  db = await createTestDb();
  for (let i = 0; i < WORKERS; i++) users.push((await createUser(db.admin, { role: "USER" })).id);
});
afterAll(async () => {
  await db?.drop();
});

describe("usage rollups under concurrent inserts (sharded all-users rows)", () => {
  it("single-row and batched inserts from concurrent transactions leave every rollup equal to its rebuild", async () => {
    const clients = Array.from({ length: WORKERS }, () => postgres(db.adminUrl, { max: 1, onnotice: () => {} }));
    try {
      await Promise.all(
        clients.map(async (c, w) => {
          const rnd = prng(SEED + w);
          // Several transactions per worker, each several statements (held open, so the workers'
          // transactions overlap and take different shards); each worker its own user, so the
          // per-user rows never make two multi-statement transactions wait on each other.
          for (let t = 0; t < 6; t++) {
            await c.begin(async (tx) => {
              for (let s = 0; s < 5; s++) {
                const n = rnd() < 0.5 ? 1 : 1 + Math.floor(rnd() * 60);
                const rows = Array.from({ length: n }, () => randomRow(rnd, users[w]));
                await tx`insert into public.usage_logs ${tx(rows)}`;
                await tx`select pg_sleep(0.005)`;
              }
            });
          }
          // and autocommit statements, single rows and batches
          for (let s = 0; s < 20; s++) {
            const n = s % 2 === 0 ? 1 : 40;
            await c`insert into public.usage_logs ${c(Array.from({ length: n }, () => randomRow(rnd, users[w])))}`;
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const [s] = await db.admin`select count(distinct shard)::int as shards, max(shard)::int as top from public.usage_rollup_hourly where user_id is null`;
    // the concurrent transactions wrote all-users rows in more than one shard
    expect(s.shards).toBeGreaterThan(1);
    const [p] = await db.admin`select count(*)::int as n from public.usage_rollup_hourly where user_id is not null and shard <> 0`;
    expect(p.n).toBe(0);
    expectExact(await diffAgainstRebuild());
  });

  it("stays exact after updates and deletes of rows counted in other shards", async () => {
    await db.admin`update public.usage_logs set total_tokens = coalesce(total_tokens, 0) + 7, duration_ms = null
                   where id in (select id from public.usage_logs order by id limit 40)`;
    await db.admin`update public.usage_logs set request_timestamp = request_timestamp - interval '5 hours', model_used = 't-moved'
                   where id in (select id from public.usage_logs order by id desc limit 30)`;
    await db.admin`delete from public.usage_logs where id in (select id from public.usage_logs order by md5(id::text) limit 50)`;
    expectExact(await diffAgainstRebuild());
  });

  it("usage_rollup_compact() folds the shards of past hours into shard 0 and keeps every rollup exact", async () => {
    const [before] = await db.admin`select count(*)::int as n from public.usage_rollup_hourly
      where shard <> 0 and bucket_start < date_bin('1 hour', now(), timestamptz '2000-01-01 00:00:00+00')`;
    const [r] = await db.admin`select public.usage_rollup_compact() as n`;
    expect(Number(r.n)).toBeGreaterThanOrEqual(before.n > 0 ? 1 : 0);
    const [after] = await db.admin`select
      (select count(*) from public.usage_rollup_hourly where shard <> 0 and bucket_start < date_bin('1 hour', now(), timestamptz '2000-01-01 00:00:00+00'))::int as h,
      (select count(*) from public.usage_rollup_daily where shard <> 0 and day_start + interval '1 day' <= date_bin('1 hour', now(), timestamptz '2000-01-01 00:00:00+00'))::int as d`;
    expect(after).toEqual({ h: 0, d: 0 });
    expectExact(await diffAgainstRebuild());
  });
});
