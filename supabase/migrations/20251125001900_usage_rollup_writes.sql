-- =============================================================================
-- Usage rollups: cheaper writes (issue 24, item 2)
--
-- scripts/bench-writes.ts measured the rollup triggers of 20251125000045_usage.sql at 5.3x the
-- cost of a plain single-row usage_logs insert and 20.8x for batches of 100 (target <= 2x):
--   * the triggers EXECUTE freshly built SQL (planned on every statement, ~2 ms), and the SQL
--     function usage_hist_add, called ~50 times per single-row insert, was planned on every call
--     (~4.5 ms);
--   * batches serialised on the all-users rows (usage_rollup_hourly with user_id NULL and the 24
--     usage_rollup_daily windows of the hour): every batch touches every agent x model key of the
--     current hour and held their row locks until its durable commit (81% of writer time waiting
--     on row locks).
--
-- What this migration does, and why these options:
--
-- 1. Static SQL for the INSERT triggers (usage_logs_rollup_insert -> usage_rollup_insert_apply,
--    usage_logs_user_block_insert -> usage_rollup_user_block_insert_apply). PL/pgSQL caches the
--    plan of a static statement per session, so a writer plans each trigger statement once
--    instead of every time. Each aggregates the whole statement's transition table (REFERENCING
--    NEW TABLE) into one row per rollup key and upserts it, as before: a batch of 100 rows is
--    one upsert per rollup table, not 100. UPDATE and DELETE of usage_logs are rare (corrections,
--    purges) and keep the generic functions of 20251125000045 (signed deltas, removal of keys
--    whose last row went away).
--
-- 2. usage_hist_add in PL/pgSQL: the SQL version (CASE over an ARRAY(subquery)) cannot be
--    inlined and was planned on every call; PL/pgSQL caches its expressions. Same results
--    (element-wise sum, NULL is all zeros, the shorter array padded with zeros).
--
-- 3. Sharded all-users rows. usage_rollup_hourly's all-users rows and the usage_rollup_daily
--    windows get a column `shard` (0..15) in their key. An insert statement writes its all-users
--    deltas into the lowest shard whose transaction-level advisory lock it can take without
--    waiting (public.usage_rollup_shard(): pg_try_advisory_xact_lock(24002, shard)), so two
--    concurrent transactions never write the same all-users row and never wait on each other's
--    commit; a transaction keeps its shard to its end. Only when all 16 shards are taken does a
--    writer fall back to a shard by backend id (and may then wait, as before). Per-user rows
--    always have shard 0 (checked): they are shared only by writes of the same user.
--    Readers already sum the rollup rows of a key (usage_series, usageByModelLast30Days: GROUP
--    BY / SUM), so a key split over several shards reads the same totals; it costs at most one
--    extra row per concurrently writing transaction and key. public.usage_rollup_compact()
--    folds the shards of past hours back into shard 0 (exact, any time; the scheduler or
--    pg_cron may run it); rebuild_usage_rollups() writes shard 0 only.
--    Weighed against: an append-only delta table folded later (no row locks at all, but every
--    reader - usage_series on every path, usage_top_users, the config page's model usage -
--    would have to add the unfolded deltas, and the rollup tables would no longer be exact on
--    their own); per-backend shards (pg_backend_pid() % n: two writers can share a shard and
--    serialise, and pooled connections make it arbitrary).
--
-- 4. Fill factor so updates can be HOT where no index holds a measure: usage_rollup_daily (its
--    only index is its key) at 50, usage_rollup_hourly at 70 (the per-user rows: key and
--    (user_id, bucket_start) indexes). Existing pages keep their fill until rewritten (the next
--    rebuild_usage_rollups() or VACUUM FULL). The covering indexes of the all-users hourly rows,
--    usage_rollup_user_daily and usage_rollup_user_block stay: they are the dashboards'
--    index-only read paths (bench:usage); their updates remain non-HOT.
--
-- Kept: the 24 sliding daily windows per hour (reading hours instead would make a 30-day
-- admin chart read 24x more rows; with static SQL and HOT updates the windows cost little per
-- statement), and every rollup exact at every moment (the rollup tables alone, summed over
-- shards, equal a GROUP BY over usage_logs; no pending deltas). rebuild_usage_rollups() and the
-- builders (usage_rollup_delta_sql, usage_rollup_daily_sql, usage_block_sql) are unchanged and
-- still correct: they write shard 0.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- 2. The histogram sum, planned once per session
-- -----------------------------------------------------------------------------
create or replace function public.usage_hist_add(a bigint[], b bigint[])
returns bigint[]
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  r bigint[];
  n integer;
begin
  if a is null then
    return b;
  elsif b is null then
    return a;
  end if;
  n := greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0));
  r := array_fill(0::bigint, array[n]);
  for i in 1 .. n loop
    r[i] := coalesce(a[i], 0) + coalesce(b[i], 0);
  end loop;
  return r;
end
$$;

-- -----------------------------------------------------------------------------
-- 3. Shards for the all-users rows
-- -----------------------------------------------------------------------------
alter table public.usage_rollup_hourly add column if not exists shard smallint not null default 0;
alter table public.usage_rollup_daily add column if not exists shard smallint not null default 0;

alter table public.usage_rollup_hourly
  drop constraint usage_rollup_hourly_key,
  add constraint usage_rollup_hourly_key
    unique nulls not distinct (bucket_start, user_id, agent_type, model_used, provider, shard),
  add constraint usage_rollup_hourly_shard check (shard between 0 and 15 and (shard = 0 or user_id is null));

alter table public.usage_rollup_daily
  drop constraint usage_rollup_daily_key,
  add constraint usage_rollup_daily_key unique nulls not distinct (day_start, agent_type, model_used, provider, shard),
  add constraint usage_rollup_daily_shard check (shard between 0 and 15);

-- 4. Room on each page for HOT updates
alter table public.usage_rollup_hourly set (fillfactor = 70);
alter table public.usage_rollup_daily set (fillfactor = 50);

-- The shard of the current transaction: the lowest of 0..15 whose advisory lock (class 24002)
-- it holds or can take without waiting. Held until commit, so no other transaction writes the
-- all-users rows of that shard meanwhile.
create or replace function public.usage_rollup_shard()
returns smallint
language plpgsql
volatile
set search_path = ''
as $$
begin
  for s in 0 .. 15 loop
    if pg_catalog.pg_try_advisory_xact_lock(24002, s) then
      return s::smallint;
    end if;
  end loop;
  return (pg_catalog.pg_backend_pid() % 16)::smallint;
end
$$;
revoke execute on function public.usage_rollup_shard() from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- 1. The INSERT triggers, static SQL
-- -----------------------------------------------------------------------------
-- Hourly (per user, and all users in this transaction's shard), the 24 daily windows of each
-- all-users hour (same shard) and the user-day rows: one statement, the delta computed once.
-- The measures are those of usage_rollup_delta_sql.
create or replace function public.usage_rollup_insert_apply()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_shard smallint := public.usage_rollup_shard();
begin
  with d as materialized (
    select hb.bucket_start, n.user_id, n.agent_type, n.model_used, n.provider,
           case when grouping(n.user_id) = 1 then v_shard else 0::smallint end as shard,
           count(*) as calls,
           sum(coalesce(n.input_tokens, 0)) as input_tokens,
           sum(coalesce(n.output_tokens, 0)) as output_tokens,
           sum(coalesce(n.total_tokens, 0)) as total_tokens,
           coalesce(sum(n.total_cost), 0) as recorded_cost,
           count(n.total_cost) as cost_rows,
           count(*) filter (where n.total_cost is null) as uncosted_calls,
           coalesce(sum(coalesce(n.input_tokens, 0)) filter (where n.total_cost is null), 0) as uncosted_input_tokens,
           coalesce(sum(coalesce(n.output_tokens, 0)) filter (where n.total_cost is null), 0) as uncosted_output_tokens,
           coalesce(sum(coalesce(n.total_tokens, coalesce(n.input_tokens, 0) + coalesce(n.output_tokens, 0)))
                      filter (where n.total_cost is null), 0) as uncosted_tokens,
           coalesce(sum(n.duration_ms::bigint), 0) as duration_ms_sum,
           count(n.duration_ms) as duration_calls,
           array[count(*) filter (where hb.hb = 0), count(*) filter (where hb.hb = 1), count(*) filter (where hb.hb = 2),
                 count(*) filter (where hb.hb = 3), count(*) filter (where hb.hb = 4), count(*) filter (where hb.hb = 5),
                 count(*) filter (where hb.hb = 6), count(*) filter (where hb.hb = 7), count(*) filter (where hb.hb = 8),
                 count(*) filter (where hb.hb = 9), count(*) filter (where hb.hb = 10), count(*) filter (where hb.hb = 11),
                 count(*) filter (where hb.hb = 12), count(*) filter (where hb.hb = 13), count(*) filter (where hb.hb = 14),
                 count(*) filter (where hb.hb = 15), count(*) filter (where hb.hb = 16), count(*) filter (where hb.hb = 17),
                 count(*) filter (where hb.hb = 18), count(*) filter (where hb.hb = 19), count(*) filter (where hb.hb = 20),
                 count(*) filter (where hb.hb = 21), count(*) filter (where hb.hb = 22), count(*) filter (where hb.hb = 23)
           ]::bigint[] as duration_hist
    from new_rows n
    cross join lateral (select date_bin('1 hour', n.request_timestamp, timestamptz '2000-01-01 00:00:00+00') as bucket_start,
                               public.usage_duration_bucket(n.duration_ms) as hb) hb
    group by grouping sets ((hb.bucket_start, n.user_id, n.agent_type, n.model_used, n.provider),
                            (hb.bucket_start, n.agent_type, n.model_used, n.provider))
  ),
  hourly as (
    insert into public.usage_rollup_hourly as r (
      bucket_start, user_id, agent_type, model_used, provider, shard, calls, input_tokens, output_tokens, total_tokens,
      recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
      duration_ms_sum, duration_calls, duration_hist)
    select bucket_start, user_id, agent_type, model_used, provider, shard, calls, input_tokens, output_tokens, total_tokens,
           recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
           duration_ms_sum, duration_calls, duration_hist
    from d
    order by bucket_start, user_id nulls first, agent_type, model_used, provider   -- one lock order
    on conflict on constraint usage_rollup_hourly_key do update set
      calls = r.calls + excluded.calls,
      input_tokens = r.input_tokens + excluded.input_tokens,
      output_tokens = r.output_tokens + excluded.output_tokens,
      total_tokens = r.total_tokens + excluded.total_tokens,
      recorded_cost = r.recorded_cost + excluded.recorded_cost,
      cost_rows = r.cost_rows + excluded.cost_rows,
      uncosted_calls = r.uncosted_calls + excluded.uncosted_calls,
      uncosted_input_tokens = r.uncosted_input_tokens + excluded.uncosted_input_tokens,
      uncosted_output_tokens = r.uncosted_output_tokens + excluded.uncosted_output_tokens,
      uncosted_tokens = r.uncosted_tokens + excluded.uncosted_tokens,
      duration_ms_sum = r.duration_ms_sum + excluded.duration_ms_sum,
      duration_calls = r.duration_calls + excluded.duration_calls,
      duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist)
  ),
  daily as (
    insert into public.usage_rollup_daily as r (
      day_start, agent_type, model_used, provider, shard, calls, input_tokens, output_tokens, total_tokens,
      recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
      duration_ms_sum, duration_calls, duration_hist)
    select d.bucket_start - make_interval(hours => k) as day_start, d.agent_type, d.model_used, d.provider, v_shard,
           sum(d.calls), sum(d.input_tokens), sum(d.output_tokens), sum(d.total_tokens), sum(d.recorded_cost),
           sum(d.cost_rows), sum(d.uncosted_calls), sum(d.uncosted_input_tokens), sum(d.uncosted_output_tokens),
           sum(d.uncosted_tokens), sum(d.duration_ms_sum), sum(d.duration_calls), public.usage_hist_sum(d.duration_hist)
    from d
    cross join generate_series(0, 23) k
    where d.user_id is null
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict on constraint usage_rollup_daily_key do update set
      calls = r.calls + excluded.calls,
      input_tokens = r.input_tokens + excluded.input_tokens,
      output_tokens = r.output_tokens + excluded.output_tokens,
      total_tokens = r.total_tokens + excluded.total_tokens,
      recorded_cost = r.recorded_cost + excluded.recorded_cost,
      cost_rows = r.cost_rows + excluded.cost_rows,
      uncosted_calls = r.uncosted_calls + excluded.uncosted_calls,
      uncosted_input_tokens = r.uncosted_input_tokens + excluded.uncosted_input_tokens,
      uncosted_output_tokens = r.uncosted_output_tokens + excluded.uncosted_output_tokens,
      uncosted_tokens = r.uncosted_tokens + excluded.uncosted_tokens,
      duration_ms_sum = r.duration_ms_sum + excluded.duration_ms_sum,
      duration_calls = r.duration_calls + excluded.duration_calls,
      duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist)
  )
  insert into public.usage_rollup_user_daily as r (
    day_start, user_id, model_used, calls, input_tokens, output_tokens, total_tokens,
    recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
    duration_ms_sum, duration_calls, duration_hist)
  select date_bin('1 day', d.bucket_start, timestamptz '2000-01-01 00:00:00+00'), d.user_id, d.model_used,
         sum(d.calls), sum(d.input_tokens), sum(d.output_tokens), sum(d.total_tokens), sum(d.recorded_cost),
         sum(d.cost_rows), sum(d.uncosted_calls), sum(d.uncosted_input_tokens), sum(d.uncosted_output_tokens),
         sum(d.uncosted_tokens), sum(d.duration_ms_sum), sum(d.duration_calls), public.usage_hist_sum(d.duration_hist)
  from d
  where d.user_id is not null
  group by 1, 2, 3
  order by 2, 1, 3
  on conflict on constraint usage_rollup_user_daily_key do update set
    calls = r.calls + excluded.calls,
    input_tokens = r.input_tokens + excluded.input_tokens,
    output_tokens = r.output_tokens + excluded.output_tokens,
    total_tokens = r.total_tokens + excluded.total_tokens,
    recorded_cost = r.recorded_cost + excluded.recorded_cost,
    cost_rows = r.cost_rows + excluded.cost_rows,
    uncosted_calls = r.uncosted_calls + excluded.uncosted_calls,
    uncosted_input_tokens = r.uncosted_input_tokens + excluded.uncosted_input_tokens,
    uncosted_output_tokens = r.uncosted_output_tokens + excluded.uncosted_output_tokens,
    uncosted_tokens = r.uncosted_tokens + excluded.uncosted_tokens,
    duration_ms_sum = r.duration_ms_sum + excluded.duration_ms_sum,
    duration_calls = r.duration_calls + excluded.duration_calls,
    duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist);
  return null;
end
$$;

-- Every block size of the statement's per-user rows, in one upsert (as usage_block_sql).
create or replace function public.usage_rollup_user_block_insert_apply()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.usage_rollup_user_block as r (
    block_hours, block_start, user_id, model_used, calls, input_tokens, output_tokens, total_tokens,
    recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens)
  select s.h, date_bin(make_interval(hours => s.h), n.request_timestamp, timestamptz '2000-01-01 00:00:00+00'),
         n.user_id, n.model_used,
         count(*),
         sum(coalesce(n.input_tokens, 0)),
         sum(coalesce(n.output_tokens, 0)),
         sum(coalesce(n.total_tokens, 0)),
         coalesce(sum(n.total_cost), 0),
         count(n.total_cost),
         count(*) filter (where n.total_cost is null),
         coalesce(sum(coalesce(n.input_tokens, 0)) filter (where n.total_cost is null), 0),
         coalesce(sum(coalesce(n.output_tokens, 0)) filter (where n.total_cost is null), 0),
         coalesce(sum(coalesce(n.total_tokens, coalesce(n.input_tokens, 0) + coalesce(n.output_tokens, 0)))
                    filter (where n.total_cost is null), 0)
  from new_rows n
  cross join unnest('{2,4,8,16,32,64,128,256,512}'::integer[]) s(h)   -- public.usage_block_hours()
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict on constraint usage_rollup_user_block_key do update set
    calls = r.calls + excluded.calls,
    input_tokens = r.input_tokens + excluded.input_tokens,
    output_tokens = r.output_tokens + excluded.output_tokens,
    total_tokens = r.total_tokens + excluded.total_tokens,
    recorded_cost = r.recorded_cost + excluded.recorded_cost,
    cost_rows = r.cost_rows + excluded.cost_rows,
    uncosted_calls = r.uncosted_calls + excluded.uncosted_calls,
    uncosted_input_tokens = r.uncosted_input_tokens + excluded.uncosted_input_tokens,
    uncosted_output_tokens = r.uncosted_output_tokens + excluded.uncosted_output_tokens,
    uncosted_tokens = r.uncosted_tokens + excluded.uncosted_tokens;
  return null;
end
$$;
revoke execute on function public.usage_rollup_insert_apply() from public, anon, authenticated;
revoke execute on function public.usage_rollup_user_block_insert_apply() from public, anon, authenticated;

create or replace trigger usage_logs_rollup_insert
  after insert on public.usage_logs
  referencing new table as new_rows
  for each statement execute function public.usage_rollup_insert_apply();

create or replace trigger usage_logs_user_block_insert
  after insert on public.usage_logs
  referencing new table as new_rows
  for each statement execute function public.usage_rollup_user_block_insert_apply();

-- -----------------------------------------------------------------------------
-- UPDATE / DELETE of usage_logs (usage_logs_rollup_update / _delete): as in 20251125000045, but
-- a row of an all-users key with no calls left is removed only when no other shard of the key
-- remains (the delta of an UPDATE lands in shard 0 and may carry tokens or durations with no
-- net calls, while the key's calls sit in another shard).
-- -----------------------------------------------------------------------------
create or replace function public.usage_rollup_apply()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  src text := case tg_op
    when 'INSERT' then 'select 1::bigint as sign, n.* from new_rows n'
    when 'DELETE' then 'select -1::bigint as sign, o.* from old_rows o'
    else 'select 1::bigint as sign, n.* from new_rows n union all select -1::bigint as sign, o.* from old_rows o'
  end;
  daily text[] := public.usage_rollup_daily_sql('select * from delta', true);
begin
  execute format($f$
    with delta as materialized (
      select bucket_start, user_id, agent_type, model_used, provider,
             calls, input_tokens, output_tokens, total_tokens, recorded_cost,
             coalesce(cost_rows, 0) as cost_rows, coalesce(uncosted_calls, 0) as uncosted_calls,
             coalesce(uncosted_input_tokens, 0) as uncosted_input_tokens,
             coalesce(uncosted_output_tokens, 0) as uncosted_output_tokens,
             coalesce(uncosted_tokens, 0) as uncosted_tokens,
             coalesce(duration_ms_sum, 0) as duration_ms_sum, coalesce(duration_calls, 0) as duration_calls,
             duration_hist
      from (%2$s) a
      where calls <> 0 or input_tokens <> 0 or output_tokens <> 0 or total_tokens <> 0 or recorded_cost <> 0
         or coalesce(cost_rows, 0) <> 0 or coalesce(uncosted_calls, 0) <> 0 or coalesce(uncosted_tokens, 0) <> 0
         or coalesce(uncosted_input_tokens, 0) <> 0 or coalesce(uncosted_output_tokens, 0) <> 0
         or coalesce(duration_ms_sum, 0) <> 0 or coalesce(duration_calls, 0) <> 0
         or duration_hist <> array_fill(0::bigint, array[24])
    ),
    hourly as (
      insert into public.usage_rollup_hourly as r (%1$s)
      select bucket_start, user_id, agent_type, model_used, provider,
             calls, input_tokens, output_tokens, total_tokens, recorded_cost, cost_rows, uncosted_calls,
             uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens, duration_ms_sum, duration_calls,
             duration_hist
      from delta
      order by bucket_start, user_id nulls first, agent_type, model_used, provider   -- one lock order
      on conflict on constraint usage_rollup_hourly_key do update set
        calls = r.calls + excluded.calls,
        input_tokens = r.input_tokens + excluded.input_tokens,
        output_tokens = r.output_tokens + excluded.output_tokens,
        total_tokens = r.total_tokens + excluded.total_tokens,
        recorded_cost = r.recorded_cost + excluded.recorded_cost,
        cost_rows = r.cost_rows + excluded.cost_rows,
        uncosted_calls = r.uncosted_calls + excluded.uncosted_calls,
        uncosted_input_tokens = r.uncosted_input_tokens + excluded.uncosted_input_tokens,
        uncosted_output_tokens = r.uncosted_output_tokens + excluded.uncosted_output_tokens,
        uncosted_tokens = r.uncosted_tokens + excluded.uncosted_tokens,
        duration_ms_sum = r.duration_ms_sum + excluded.duration_ms_sum,
        duration_calls = r.duration_calls + excluded.duration_calls,
        duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist)
      returning 1
    ),
    daily as (%3$s returning 1),
    user_daily as (%4$s returning 1)
    select (select count(*) from hourly) + (select count(*) from daily) + (select count(*) from user_daily)
  $f$, public.usage_rollup_columns(), public.usage_rollup_delta_sql(src), daily[1], daily[2]);

  if tg_op in ('UPDATE', 'DELETE') then
    -- keys whose last row went away
    -- (an all-users key split over shards goes only when no other shard of it is left: a shard's row
    -- may hold a delta with no net calls)
    delete from public.usage_rollup_hourly r
    where r.calls = 0
      and (r.user_id is not null or not exists (
            select 1 from public.usage_rollup_hourly o
            where o.bucket_start = r.bucket_start and o.user_id is null and o.agent_type = r.agent_type
              and o.model_used is not distinct from r.model_used and o.provider is not distinct from r.provider
              and o.shard <> r.shard))
      and r.bucket_start in (select distinct date_bin('1 hour', o.request_timestamp, timestamptz '2000-01-01 00:00:00+00')
                             from old_rows o);
    delete from public.usage_rollup_daily r
    where r.calls = 0
      and not exists (
            select 1 from public.usage_rollup_daily o
            where o.day_start = r.day_start and o.agent_type = r.agent_type
              and o.model_used is not distinct from r.model_used and o.provider is not distinct from r.provider
              and o.shard <> r.shard)
      and r.day_start in (select distinct date_bin('1 hour', o.request_timestamp, timestamptz '2000-01-01 00:00:00+00')
                                          - make_interval(hours => k)
                          from old_rows o cross join generate_series(0, 23) k);
    delete from public.usage_rollup_user_daily r
    where r.calls = 0
      and r.day_start in (select distinct date_bin('1 day', o.request_timestamp, timestamptz '2000-01-01 00:00:00+00')
                          from old_rows o);
  end if;
  return null;
end
$$;


-- -----------------------------------------------------------------------------
-- Folding the shards of past hours back into shard 0 (optional upkeep; exact at any moment).
-- Rows of the current hour, and windows that contain it, are left alone: writers are on
-- them. Returns the number of shard rows folded.
-- -----------------------------------------------------------------------------
create or replace function public.usage_rollup_compact()
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_before timestamptz := date_bin('1 hour', now(), timestamptz '2000-01-01 00:00:00+00');
  n bigint;
  m bigint;
begin
  with moved as (
    delete from public.usage_rollup_hourly r
    where r.shard <> 0 and r.bucket_start < v_before
    returning r.*
  ), folded as (
    select bucket_start, agent_type, model_used, provider,
           sum(calls) as calls, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
           sum(total_tokens) as total_tokens, sum(recorded_cost) as recorded_cost, sum(cost_rows) as cost_rows,
           sum(uncosted_calls) as uncosted_calls, sum(uncosted_input_tokens) as uncosted_input_tokens,
           sum(uncosted_output_tokens) as uncosted_output_tokens, sum(uncosted_tokens) as uncosted_tokens,
           sum(duration_ms_sum) as duration_ms_sum, sum(duration_calls) as duration_calls,
           public.usage_hist_sum(duration_hist) as duration_hist
    from moved
    group by 1, 2, 3, 4
  )
  insert into public.usage_rollup_hourly as r (
    bucket_start, user_id, agent_type, model_used, provider, shard, calls, input_tokens, output_tokens, total_tokens,
    recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
    duration_ms_sum, duration_calls, duration_hist)
  select bucket_start, null, agent_type, model_used, provider, 0, calls, input_tokens, output_tokens, total_tokens,
         recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
         duration_ms_sum, duration_calls, duration_hist
  from folded
  order by 1, 3, 4, 5
  on conflict on constraint usage_rollup_hourly_key do update set
    calls = r.calls + excluded.calls,
    input_tokens = r.input_tokens + excluded.input_tokens,
    output_tokens = r.output_tokens + excluded.output_tokens,
    total_tokens = r.total_tokens + excluded.total_tokens,
    recorded_cost = r.recorded_cost + excluded.recorded_cost,
    cost_rows = r.cost_rows + excluded.cost_rows,
    uncosted_calls = r.uncosted_calls + excluded.uncosted_calls,
    uncosted_input_tokens = r.uncosted_input_tokens + excluded.uncosted_input_tokens,
    uncosted_output_tokens = r.uncosted_output_tokens + excluded.uncosted_output_tokens,
    uncosted_tokens = r.uncosted_tokens + excluded.uncosted_tokens,
    duration_ms_sum = r.duration_ms_sum + excluded.duration_ms_sum,
    duration_calls = r.duration_calls + excluded.duration_calls,
    duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist);
  get diagnostics n = row_count;

  with moved as (
    delete from public.usage_rollup_daily r
    where r.shard <> 0 and r.day_start + interval '1 day' <= v_before
    returning r.*
  ), folded as (
    select day_start, agent_type, model_used, provider,
           sum(calls) as calls, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
           sum(total_tokens) as total_tokens, sum(recorded_cost) as recorded_cost, sum(cost_rows) as cost_rows,
           sum(uncosted_calls) as uncosted_calls, sum(uncosted_input_tokens) as uncosted_input_tokens,
           sum(uncosted_output_tokens) as uncosted_output_tokens, sum(uncosted_tokens) as uncosted_tokens,
           sum(duration_ms_sum) as duration_ms_sum, sum(duration_calls) as duration_calls,
           public.usage_hist_sum(duration_hist) as duration_hist
    from moved
    group by 1, 2, 3, 4
  )
  insert into public.usage_rollup_daily as r (
    day_start, agent_type, model_used, provider, shard, calls, input_tokens, output_tokens, total_tokens,
    recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
    duration_ms_sum, duration_calls, duration_hist)
  select day_start, agent_type, model_used, provider, 0, calls, input_tokens, output_tokens, total_tokens,
         recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
         duration_ms_sum, duration_calls, duration_hist
  from folded
  order by 1, 2, 3, 4
  on conflict on constraint usage_rollup_daily_key do update set
    calls = r.calls + excluded.calls,
    input_tokens = r.input_tokens + excluded.input_tokens,
    output_tokens = r.output_tokens + excluded.output_tokens,
    total_tokens = r.total_tokens + excluded.total_tokens,
    recorded_cost = r.recorded_cost + excluded.recorded_cost,
    cost_rows = r.cost_rows + excluded.cost_rows,
    uncosted_calls = r.uncosted_calls + excluded.uncosted_calls,
    uncosted_input_tokens = r.uncosted_input_tokens + excluded.uncosted_input_tokens,
    uncosted_output_tokens = r.uncosted_output_tokens + excluded.uncosted_output_tokens,
    uncosted_tokens = r.uncosted_tokens + excluded.uncosted_tokens,
    duration_ms_sum = r.duration_ms_sum + excluded.duration_ms_sum,
    duration_calls = r.duration_calls + excluded.duration_calls,
    duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist);
  get diagnostics m = row_count;
  return n + m;
end
$$;
revoke execute on function public.usage_rollup_compact() from public, anon, authenticated;
