-- =============================================================================
-- Usage logs, rate limits and the usage rollups (seed 001)
-- =============================================================================
create table if not exists public.usage_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  chat_id uuid references public."Chat" (id) on delete set null,
  agent_type varchar(50) not null,
  model_used varchar(100),
  provider varchar(50),
  input_tokens integer,
  output_tokens integer,
  total_tokens integer,
  input_cost numeric(10, 6),
  output_cost numeric(10, 6),
  total_cost numeric(10, 6),
  request_timestamp timestamptz not null default now(),
  response_timestamp timestamptz,
  duration_ms integer,
  metadata jsonb
);

create table if not exists public.rate_limit_tracking (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  agent_type varchar(50) not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  request_count integer not null default 0,
  limit_type varchar(20) not null,
  limit_value integer not null,
  created_at timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Usage rollups: chart queries read buckets, not raw rows.
--
-- public.usage_rollup_hourly holds one row per UTC hour and (user_id, agent_type,
-- model_used, provider), plus one row per UTC hour and (agent_type, model_used, provider)
-- with user_id NULL that sums all users (GROUPING SETS). Admin charts that are not grouped
-- by user read the all-users rows, so their cost follows hours x agents x models, not users
-- or rows. Users (and group-by-user) read the per-user rows.
--
-- Maintenance: statement-level AFTER INSERT / UPDATE / DELETE triggers on usage_logs apply
-- signed deltas from the transition tables (one upsert per statement), and AFTER TRUNCATE
-- empties the rollup, so the rollup is never stale: it commits with the rows it describes.
-- Bulk loads may skip the triggers (session_replication_role = replica, as the seeding and
-- benchmarks do) and then call public.rebuild_usage_rollups() once.
-- Trade-off: concurrent writers of the same hour / agent / model share the all-users row
-- and serialise on its row lock for the rest of their transaction.
--
-- Cost: recorded_cost sums total_cost where it is not null. Rows without a recorded
-- cost are kept as uncosted_* token sums per model, and priced at READ time with the current
-- model_config prices (so a price edit never leaves the rollup stale, and the rollup equals a
-- GROUP BY over the raw rows at any moment). A model with no model_config row, or with both
-- prices 0, is "unpriced": its calls and tokens are returned as unpriced_*, never as $0.
--
-- Time zones: public.usage_series() buckets in the viewer's zone. A rollup hour is used
-- when it lies wholly inside [p_from, p_to) and wholly inside one output bucket; every
-- other hour (the partial first and last hour of the range, and hours cut by a bucket
-- boundary) is read from raw usage_logs through the request_timestamp index, clipped to the
-- range. For zones whose offset is a whole number of hours (UTC, America/New_York on both
-- sides of DST, ...) only the two edge hours are raw. For half-hour zones (Asia/Kolkata
-- +05:30, ...) and quarter-hour zones (Asia/Kathmandu +05:45) every day boundary cuts one UTC
-- hour, so a daily chart reads one raw hour per day on top of the rollup, and an hourly chart
-- (local hours start at :30 UTC) reads every hour raw: exact, but proportional to rows.
-- -----------------------------------------------------------------------------

-- -----------------------------------------------------------------------------
-- The rollup table
-- -----------------------------------------------------------------------------
create table if not exists public.usage_rollup_hourly (
  bucket_start timestamptz not null,              -- a whole UTC hour
  user_id uuid,                                   -- NULL: all users of this hour / agent / model / provider
  agent_type varchar(50) not null,
  model_used varchar(100),
  provider varchar(50),
  calls bigint not null default 0,
  input_tokens bigint not null default 0,         -- sum(coalesce(input_tokens, 0))
  output_tokens bigint not null default 0,
  total_tokens bigint not null default 0,         -- sum(coalesce(total_tokens, 0))
  recorded_cost numeric(20, 6) not null default 0, -- sum(total_cost) where total_cost is not null
  cost_rows bigint not null default 0,            -- rows with a recorded cost
  uncosted_calls bigint not null default 0,       -- rows without a recorded cost
  uncosted_input_tokens bigint not null default 0,
  uncosted_output_tokens bigint not null default 0,
  uncosted_tokens bigint not null default 0,      -- coalesce(total_tokens, input + output)
  duration_ms_sum bigint not null default 0,
  duration_calls bigint not null default 0,       -- rows with a duration_ms
  duration_hist bigint[],                         -- calls per duration bucket (usage_duration_bucket)
  constraint usage_rollup_hourly_key
    unique nulls not distinct (bucket_start, user_id, agent_type, model_used, provider)
);

-- -----------------------------------------------------------------------------
-- The daily tables
-- -----------------------------------------------------------------------------
create table if not exists public.usage_rollup_daily (
  day_start timestamptz not null,                 -- a whole UTC hour: the window is [day_start, day_start + 24 h)
  agent_type varchar(50) not null,
  model_used varchar(100),
  provider varchar(50),
  calls bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  total_tokens bigint not null default 0,
  recorded_cost numeric(20, 6) not null default 0,
  cost_rows bigint not null default 0,
  uncosted_calls bigint not null default 0,
  uncosted_input_tokens bigint not null default 0,
  uncosted_output_tokens bigint not null default 0,
  uncosted_tokens bigint not null default 0,
  duration_ms_sum bigint not null default 0,
  duration_calls bigint not null default 0,
  duration_hist bigint[],
  constraint usage_rollup_daily_key unique nulls not distinct (day_start, agent_type, model_used, provider)
);

create table if not exists public.usage_rollup_user_daily (
  day_start timestamptz not null,                 -- a UTC midnight
  user_id uuid not null,
  model_used varchar(100),
  calls bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  total_tokens bigint not null default 0,
  recorded_cost numeric(20, 6) not null default 0,
  cost_rows bigint not null default 0,
  uncosted_calls bigint not null default 0,
  uncosted_input_tokens bigint not null default 0,
  uncosted_output_tokens bigint not null default 0,
  uncosted_tokens bigint not null default 0,
  duration_ms_sum bigint not null default 0,
  duration_calls bigint not null default 0,
  duration_hist bigint[],
  constraint usage_rollup_user_daily_key unique nulls not distinct (user_id, day_start, model_used)
);

-- -----------------------------------------------------------------------------
-- Top users by cost over any range, at a cost that follows users, not rows.
--
-- usage_series(..., 'user') reads one per-user row per UTC day and model, plus per-user
-- hourly rows for the hours a time zone's day boundary cuts off: 30 days of 1,000 active
-- users is ~30,000 day rows and up to ~20,000 edge-hour rows, and the edge hours grow with
-- traffic. public.usage_rollup_user_block holds per-user, per-model sums over aligned
-- blocks of 2, 4, 8, ..., 512 hours (block_start = date_bin(block_hours, t, 2000-01-01 UTC)).
-- Any range of whole hours is a short run of such blocks (greedy: the largest aligned block
-- that fits, then the next): a 30-day range is about ten blocks whatever its time zone, so
-- public.usage_top_users() reads about ten rows per user and model instead of fifty, and
-- the partial first and last hour raw, as usage_series does.
--
-- Maintained like the other rollups: statement-level triggers on usage_logs apply the
-- statement's signed delta (their own triggers beside the hourly ones), TRUNCATE empties it,
-- and public.rebuild_usage_rollups() rebuilds it (level by level, each from the one below).
-- Blocks carry no latency histogram: top users show calls, tokens and cost.
-- -----------------------------------------------------------------------------
create table if not exists public.usage_rollup_user_block (
  block_hours integer not null check (block_hours between 2 and 512 and block_hours & (block_hours - 1) = 0),  -- a power of two
  block_start timestamptz not null,
  user_id uuid not null,
  model_used varchar(100),
  calls bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  total_tokens bigint not null default 0,
  recorded_cost numeric(20, 6) not null default 0,
  cost_rows bigint not null default 0,
  uncosted_calls bigint not null default 0,
  uncosted_input_tokens bigint not null default 0,
  uncosted_output_tokens bigint not null default 0,
  uncosted_tokens bigint not null default 0,
  -- the key is also the read path: an index-only scan per block
  constraint usage_rollup_user_block_key unique nulls not distinct (block_hours, block_start, user_id, model_used)
    include (calls, input_tokens, output_tokens, total_tokens, recorded_cost, cost_rows, uncosted_calls,
             uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens)
);

-- -----------------------------------------------------------------------------
-- Rate-limit headroom: effective limits from admin_config for every signed-in user (SECURITY
-- DEFINER: users cannot read admin_config), usage of the calendar-aligned current minute / hour /
-- day from rate_limit_tracking (RLS: own rows, admins all).
-- -----------------------------------------------------------------------------
-- The effective perMinute / perHour / perDay of every agent type: the config of the active
-- provider (`{agent_type}_{activeProvider}`, app_settings), else the documented default.
create or replace function public.effective_rate_limits()
returns table (agent_type text, per_minute int, per_hour int, per_day int, enabled boolean, source text)
language sql
stable
security definer
set search_path = ''
as $$
  with app as (
    select coalesce((select config_data ->> 'activeProvider' from public.admin_config where config_key = 'app_settings'), 'google') as provider
  ), agents as (
    select unnest(array['chat_model_agent', 'provider_tools_agent', 'document_agent',
                        'python_agent', 'mermaid_agent', 'git_mcp_agent']) as agent_type
  )
  select a.agent_type,
         coalesce((c.config_data -> 'rateLimit' ->> 'perMinute')::int, 10),
         coalesce((c.config_data -> 'rateLimit' ->> 'perHour')::int, 100),
         coalesce((c.config_data -> 'rateLimit' ->> 'perDay')::int, 1000),
         coalesce((c.config_data ->> 'enabled')::boolean, true),
         case when c.config_key is not null then 'admin_config ' || c.config_key
              else 'default (no admin_config ' || a.agent_type || '_' || app.provider || ')' end
    from agents a
    cross join app
    left join public.admin_config c on c.config_key = a.agent_type || '_' || app.provider
   where (select auth.uid()) is null or (select public.get_user_role()) is distinct from 'pending'
$$;
revoke execute on function public.effective_rate_limits() from public, anon;
grant execute on function public.effective_rate_limits() to authenticated, service_role;

-- Current usage per user and agent in the calendar-aligned minute, hour and day (UTC) against
-- the effective limits. SECURITY INVOKER: rate_limit_tracking's RLS decides whose rows count.
create or replace function public.rate_limit_headroom(p_now timestamptz default now())
returns table (
  user_id uuid, agent_type text,
  minute_used bigint, hour_used bigint, day_used bigint,
  per_minute int, per_hour int, per_day int, enabled boolean, source text,
  closeness numeric
)
language sql
stable
set search_path = ''
as $$
  with w as (
    select date_trunc('minute', p_now, 'UTC') as m, date_trunc('hour', p_now, 'UTC') as h, date_trunc('day', p_now, 'UTC') as d
  ), used as (
    select t.user_id, t.agent_type::text as agent_type,
           coalesce(sum(t.request_count) filter (where t.limit_type = 'minute' and t.period_start >= w.m and t.period_start < w.m + interval '1 minute'), 0) as minute_used,
           coalesce(sum(t.request_count) filter (where t.limit_type = 'hourly' and t.period_start >= w.h and t.period_start < w.h + interval '1 hour'), 0) as hour_used,
           coalesce(sum(t.request_count) filter (where t.limit_type = 'daily' and t.period_start >= w.d and t.period_start < w.d + interval '1 day'), 0) as day_used
      from public.rate_limit_tracking t, w
     where t.period_end > w.d and t.period_start < w.d + interval '1 day'
     group by 1, 2
  )
  select u.user_id, u.agent_type, u.minute_used, u.hour_used, u.day_used,
         l.per_minute, l.per_hour, l.per_day, l.enabled, l.source,
         greatest(
           case when l.per_minute > 0 then u.minute_used::numeric / l.per_minute else case when u.minute_used > 0 then 1 else 0 end end,
           case when l.per_hour > 0 then u.hour_used::numeric / l.per_hour else case when u.hour_used > 0 then 1 else 0 end end,
           case when l.per_day > 0 then u.day_used::numeric / l.per_day else case when u.day_used > 0 then 1 else 0 end end
         ) as closeness
    from used u
    join public.effective_rate_limits() l on l.agent_type = u.agent_type
   where u.minute_used > 0 or u.hour_used > 0 or u.day_used > 0
$$;
grant execute on function public.rate_limit_headroom(timestamptz) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- The 30-day usage dashboard reads days, not hours.
--
-- 1. Latency histogram. Every rollup row carries duration_hist: 24 counts of calls per
--    fixed log-scale duration bucket (public.usage_duration_bucket: bucket 0 is < 25 ms,
--    bucket i (1..22) is [t(i), t(i+1)) ms with t(i) = ceil(25 * 2^((i-1)/2)), bucket 23 is
--    >= 51.2 s; element i + 1 of the array is bucket i).
--    Sums of histograms are exact, so p50 / p95 over any range come from rollups, within
--    one bucket (a factor of sqrt 2) of the raw percentile.
-- 2. public.usage_rollup_daily: all-users rows per 24-hour window, for EVERY whole-hour
--    alignment (day_start = any whole UTC hour; 24 windows per hour of usage). A local day of
--    a time zone whose offset is a whole number of hours is exactly one window (except the
--    23- and 25-hour days of DST changes, read from hours), so a 30-day chart in
--    America/New_York reads 30 windows per agent x model x provider instead of 720 hours.
--    Size: 24 x (the all-users hourly rows); it is built from the hourly all-users rows.
-- 3. public.usage_rollup_user_daily: per user, UTC day and model (no agent / provider):
--    top users by cost and per-user totals read one row per user-day-model.
-- All three are maintained by the same statement-level trigger as the hourly rollup, in the
-- same statement (never stale), and rebuilt by public.rebuild_usage_rollups().
--
-- public.usage_series() has p_bucket 'all' (one bucket for the whole range: totals, cost by
-- model, top users) and a duration_hist column; it reads daily windows where they fit
-- wholly inside the range and inside one output bucket, whole hours from the hourly rollup,
-- and only the partial edge hours raw.
-- -----------------------------------------------------------------------------

-- -----------------------------------------------------------------------------
-- Histogram helpers
-- -----------------------------------------------------------------------------
-- Bucket i >= 1 holds durations >= ceil(25 * 2^((i-1)/2)) ms: width_bucket over the integer
-- thresholds is exact (no floating-point edge cases) and cheap.
create or replace function public.usage_duration_thresholds()
returns integer[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select '{25,36,50,71,100,142,200,283,400,566,800,1132,1600,2263,3200,4526,6400,9051,12800,18102,25600,36204,51200}'::integer[]
$$;

create or replace function public.usage_duration_bucket(p_ms integer)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select width_bucket(p_ms, '{25,36,50,71,100,142,200,283,400,566,800,1132,1600,2263,3200,4526,6400,9051,12800,18102,25600,36204,51200}'::integer[])
$$;

-- Element-wise sum of two histograms; NULL is all zeros.
create or replace function public.usage_hist_add(a bigint[], b bigint[])
returns bigint[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when a is null then b
              when b is null then a
              else array(select coalesce(x, 0) + coalesce(y, 0) from unnest(a, b) with ordinality as t(x, y, i) order by i)
         end
$$;

create or replace aggregate public.usage_hist_sum(bigint[]) (
  sfunc = public.usage_hist_add,
  stype = bigint[],
  parallel = safe
);

-- -----------------------------------------------------------------------------
-- The delta of a set of signed rows, with the latency histogram.
-- -----------------------------------------------------------------------------
create or replace function public.usage_rollup_delta_sql(src text)
returns text
language sql
immutable
set search_path = ''
as $$
  select format($f$
    select bucket_start, user_id, agent_type, model_used, provider,
           sum(sign) as calls,
           sum(sign * coalesce(input_tokens, 0)) as input_tokens,
           sum(sign * coalesce(output_tokens, 0)) as output_tokens,
           sum(sign * coalesce(total_tokens, 0)) as total_tokens,
           coalesce(sum(sign * total_cost), 0) as recorded_cost,
           sum(sign) filter (where total_cost is not null) as cost_rows,
           sum(sign) filter (where total_cost is null) as uncosted_calls,
           sum(sign * coalesce(input_tokens, 0)) filter (where total_cost is null) as uncosted_input_tokens,
           sum(sign * coalesce(output_tokens, 0)) filter (where total_cost is null) as uncosted_output_tokens,
           sum(sign * coalesce(total_tokens, coalesce(input_tokens, 0) + coalesce(output_tokens, 0)))
             filter (where total_cost is null) as uncosted_tokens,
           sum(sign * duration_ms::bigint) filter (where duration_ms is not null) as duration_ms_sum,
           sum(sign) filter (where duration_ms is not null) as duration_calls,
           array[%s]::bigint[] as duration_hist
    from (select date_bin('1 hour', d.request_timestamp, timestamptz '2000-01-01 00:00:00+00') as bucket_start,
                 public.usage_duration_bucket(d.duration_ms) as hb, d.*
          from (%s) d) s
    group by grouping sets ((bucket_start, user_id, agent_type, model_used, provider),
                            (bucket_start, agent_type, model_used, provider))
  $f$, (select string_agg(format('coalesce(sum(sign) filter (where hb = %s), 0)', i), ', ' order by i)
        from generate_series(0, 23) i), src)
$$;

create or replace function public.usage_rollup_columns()
returns text
language sql
immutable
set search_path = ''
as $$
  select 'bucket_start, user_id, agent_type, model_used, provider, calls, input_tokens, output_tokens, '
      || 'total_tokens, recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, '
      || 'uncosted_output_tokens, uncosted_tokens, duration_ms_sum, duration_calls, duration_hist'
$$;

-- The measure list once, for the daily tables' INSERT ... SELECT ... GROUP BY and upserts.
create or replace function public.usage_rollup_measures()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['calls', 'input_tokens', 'output_tokens', 'total_tokens', 'recorded_cost', 'cost_rows',
               'uncosted_calls', 'uncosted_input_tokens', 'uncosted_output_tokens', 'uncosted_tokens',
               'duration_ms_sum', 'duration_calls']
$$;

-- SQL that folds hourly-shaped rows of `src` (alias a) into the two daily tables and upserts
-- (or, with p_upsert false, plainly inserts) them. Each a CTE-able statement text.
create or replace function public.usage_rollup_daily_sql(src text, p_upsert boolean)
returns text[]
language sql
immutable
set search_path = ''
as $$
  with m as (select unnest(public.usage_rollup_measures()) as c)
  select array[
    format($f$
      insert into public.usage_rollup_daily as r (day_start, agent_type, model_used, provider, %1$s, duration_hist)
      select w.day_start, a.agent_type, a.model_used, a.provider, %2$s, public.usage_hist_sum(a.duration_hist)
      from (%3$s) a
      cross join lateral (select a.bucket_start - make_interval(hours => k) as day_start from generate_series(0, 23) k) w
      where a.user_id is null
      group by w.day_start, a.agent_type, a.model_used, a.provider
      %4$s
    $f$, (select string_agg(c, ', ') from m), (select string_agg(format('sum(a.%s)', c), ', ') from m), src,
      case when p_upsert then format('order by 1, 2, 3, 4 on conflict on constraint usage_rollup_daily_key do update set %s, duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist)',
        (select string_agg(format('%1$s = r.%1$s + excluded.%1$s', c), ', ') from m)) else '' end),
    format($f$
      insert into public.usage_rollup_user_daily as r (day_start, user_id, model_used, %1$s, duration_hist)
      select date_bin('1 day', a.bucket_start, timestamptz '2000-01-01 00:00:00+00'), a.user_id, a.model_used, %2$s,
             public.usage_hist_sum(a.duration_hist)
      from (%3$s) a
      where a.user_id is not null
      group by 1, 2, 3
      %4$s
    $f$, (select string_agg(c, ', ') from m), (select string_agg(format('sum(a.%s)', c), ', ') from m), src,
      case when p_upsert then format('order by 2, 1, 3 on conflict on constraint usage_rollup_user_daily_key do update set %s, duration_hist = public.usage_hist_add(r.duration_hist, excluded.duration_hist)',
        (select string_agg(format('%1$s = r.%1$s + excluded.%1$s', c), ', ') from m)) else '' end)
  ]
$$;

-- -----------------------------------------------------------------------------
-- Trigger: the statement's delta into the hourly rollup and both daily tables, in one
-- statement (data-modifying CTEs).
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
    delete from public.usage_rollup_hourly r
    where r.calls = 0
      and r.bucket_start in (select distinct date_bin('1 hour', o.request_timestamp, timestamptz '2000-01-01 00:00:00+00')
                             from old_rows o);
    delete from public.usage_rollup_daily r
    where r.calls = 0
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

create or replace function public.usage_rollup_truncate()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  truncate public.usage_rollup_hourly, public.usage_rollup_daily, public.usage_rollup_user_daily;
  return null;
end
$$;
revoke execute on function public.usage_rollup_apply() from public, anon, authenticated;
revoke execute on function public.usage_rollup_truncate() from public, anon, authenticated;

create function public.usage_series(
  p_from timestamptz,
  p_to timestamptz,
  p_bucket text default 'day',
  p_tz text default 'UTC',
  p_group text default 'agent_type',
  p_user uuid default null,
  p_latency boolean default true     -- false: duration_hist is NULL (top users, cost tables: cheaper)
)
returns table (
  bucket timestamptz,
  group_key text,
  calls bigint,
  input_tokens bigint,
  output_tokens bigint,
  total_tokens bigint,
  recorded_cost numeric,
  cost_calls bigint,
  estimated_cost numeric,
  estimated_calls bigint,
  unpriced_calls bigint,
  unpriced_tokens bigint,
  duration_ms_sum bigint,
  duration_calls bigint,
  duration_hist bigint[]
)
language plpgsql
stable
security invoker
set search_path = ''
set max_parallel_workers_per_gather = 0   -- a few hundred rollup rows: worker start-up costs more than it saves
-- The planner cannot see that the arrays of raw segments are usually empty and sizes its hash
-- aggregates for tens of thousands of groups of ~1 kB (the histogram columns): allocating those
-- tables cost more than the whole query (measured: 30-day dashboard series 27 -> 20 ms, totals
-- 23 -> 13 ms, top users 27 -> 16 ms). Sorting a few hundred rows is cheaper; a large raw range
-- sorts instead of hashing, still fine.
set enable_hashagg = off
as $$
declare
  v_uid uuid := auth.uid();
  v_all boolean;
  v_all_users_rows boolean;
  v_daily_table text;
  v_rollup_filter text;
  v_raw_filter text;
  v_key_r text;
  v_key_u text;
  v_buckets timestamptz[];
  v_whole_h timestamptz[];
  v_whole_b timestamptz[];
  v_win_s timestamptz[];
  v_win_b timestamptz[];
  v_part_s timestamptz[];
  v_part_e timestamptz[];
  v_part_b timestamptz[];
  v_h_sums text;
  v_h_out text;
  v_h_raw text;
  v_h_rollup text;
begin
  if p_bucket is null or p_bucket not in ('hour', 'day', 'all') then
    raise exception 'usage_series: p_bucket must be hour, day or all, not %', coalesce(p_bucket, 'NULL') using errcode = '22023';
  end if;
  if p_group is null or p_group not in ('agent_type', 'model', 'provider', 'user') then
    raise exception 'usage_series: p_group must be agent_type, model, provider or user, not %', coalesce(p_group, 'NULL')
      using errcode = '22023';
  end if;
  -- A zone name of the tz database. Checked by using it (scanning pg_timezone_names costs
  -- ~20 ms); the pattern refuses abbreviations with spaces and anything else.
  if p_tz is null or p_tz !~ '^[A-Za-z][A-Za-z0-9_/+-]*$' then
    raise exception 'usage_series: unknown time zone %', coalesce(p_tz, 'NULL') using errcode = '22023';
  end if;
  begin
    perform pg_catalog.timezone(p_tz, p_from);
  exception when invalid_parameter_value then
    raise exception 'usage_series: unknown time zone %', p_tz using errcode = '22023';
  end;
  if p_from is null or p_to is null or p_to <= p_from then
    raise exception 'usage_series: the range must have p_from < p_to' using errcode = '22023';
  end if;
  if p_to - p_from > interval '3700 days' then
    raise exception 'usage_series: the range is longer than ten years' using errcode = '22023';
  end if;

  -- Callers without a user (the service connection) see what RLS lets them see: everything.
  -- Anyone else: whatever the read rule gives for rows of no single user (the all-users rows).
  v_all := v_uid is null or coalesce(public.usage_read_rule(null, v_uid, public.is_current_user_admin()), false);
  -- Which rollup rows: the all-users rows when the caller may see all and neither groups nor
  -- filters by user; otherwise per-user rows (the explicit user filter is for the index).
  v_all_users_rows := v_all and p_user is null and p_group <> 'user';
  if v_all_users_rows then
    v_rollup_filter := 'r.user_id is null';
    v_raw_filter := 'true';
  elsif v_all and p_user is null then
    v_rollup_filter := 'r.user_id is not null';
    v_raw_filter := 'true';
  elsif v_all then
    v_rollup_filter := 'r.user_id = $6';
    v_raw_filter := 'u.user_id = $6';
  else
    v_rollup_filter := 'r.user_id = $7 and ($6 is null or r.user_id = $6)';
    v_raw_filter := 'u.user_id = $7 and ($6 is null or u.user_id = $6)';
  end if;
  -- Daily windows: all-users windows at any whole hour; per-user ones (UTC days, by model)
  -- only when the group is the model or the user.
  v_daily_table := case when p_bucket = 'hour' then null
                        when v_all_users_rows then 'usage_rollup_daily'
                        when p_group in ('model', 'user') then 'usage_rollup_user_daily' end;
  v_key_r := case p_group when 'agent_type' then 'r.agent_type::text' when 'model' then 'r.model_used::text'
                          when 'provider' then 'r.provider::text' else 'r.user_id::text' end;
  v_key_u := replace(v_key_r, 'r.', 'u.');

  -- The output buckets, then per bucket (clipped to the range): whole daily windows, whole
  -- hours around them, and the partial hours at its edges (raw). Arithmetic on a few dozen
  -- buckets, not a pass over every hour.
  select array_agg(s.b order by s.b) into v_buckets
  from (
    select p_from as b where p_bucket = 'all'
    union all
    -- hours step in absolute time (a DST night has 23 or 25 of them); days step in local dates
    select g from generate_series(date_trunc('hour', p_from, p_tz), p_to - interval '1 microsecond', interval '1 hour') g
    where p_bucket = 'hour'
    union all
    select d at time zone p_tz
    from generate_series(date_trunc('day', p_from, p_tz) at time zone p_tz, (p_to - interval '1 microsecond') at time zone p_tz,
                         interval '1 day') d
    where p_bucket = 'day'
  ) s;

  with bk as (
    select b, greatest(b, p_from) as cs, least(coalesce(lead(b) over (order by b), p_to), p_to) as ce
    from unnest(v_buckets) b
  ),
  hr as (   -- [hs, he): the whole UTC hours of the bucket (empty when hs >= he)
    select bk.*, date_bin('1 hour', cs + interval '1 hour' - interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00') as hs,
           date_bin('1 hour', ce, timestamptz '2000-01-01 00:00:00+00') as he
    from bk
  ),
  wn as (   -- [wa, wb): the windows, n of them from wa
    select hr.*, w.wa, w.n
    from hr
    cross join lateral (
      select case when v_daily_table = 'usage_rollup_daily' then hr.hs
                  else date_bin('1 day', hr.hs + interval '1 day' - interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00') end as wa
    ) a
    cross join lateral (
      select a.wa, case when v_daily_table is null or hr.he <= a.wa then 0
                        else floor(extract(epoch from hr.he - a.wa) / 86400)::int end as n
    ) w
  ),
  parts as (
    select wn.*, case when n > 0 then wa + n * interval '1 day' else he end as wb
    from wn
  )
  select
    (select array_agg(p.wa + i * interval '1 day' order by p.b, i) from parts p cross join generate_series(0, p.n - 1) i where p.n > 0),
    (select array_agg(p.b order by p.b, i) from parts p cross join generate_series(0, p.n - 1) i where p.n > 0),
    (select array_agg(h order by h) from (
       select h from parts p cross join generate_series(p.hs, (case when p.n > 0 then p.wa else p.he end) - interval '1 hour', interval '1 hour') h where p.hs < p.he
       union all
       select h from parts p cross join generate_series(p.wb, p.he - interval '1 hour', interval '1 hour') h where p.n > 0) x),
    (select array_agg(b order by h) from (
       select h, p.b from parts p cross join generate_series(p.hs, (case when p.n > 0 then p.wa else p.he end) - interval '1 hour', interval '1 hour') h where p.hs < p.he
       union all
       select h, p.b from parts p cross join generate_series(p.wb, p.he - interval '1 hour', interval '1 hour') h where p.n > 0) x),
    (select array_agg(s order by s) from (
       select p.cs as s, least(p.hs, p.ce) as e, p.b from parts p where p.cs < least(p.hs, p.ce)
       union all
       select greatest(p.he, p.hs, p.cs), p.ce, p.b from parts p where greatest(p.he, p.hs, p.cs) < p.ce) x),
    (select array_agg(e order by s) from (
       select p.cs as s, least(p.hs, p.ce) as e, p.b from parts p where p.cs < least(p.hs, p.ce)
       union all
       select greatest(p.he, p.hs, p.cs), p.ce, p.b from parts p where greatest(p.he, p.hs, p.cs) < p.ce) x),
    (select array_agg(b order by s) from (
       select p.cs as s, least(p.hs, p.ce) as e, p.b from parts p where p.cs < least(p.hs, p.ce)
       union all
       select greatest(p.he, p.hs, p.cs), p.ce, p.b from parts p where greatest(p.he, p.hs, p.cs) < p.ce) x)
  into v_win_s, v_win_b, v_whole_h, v_whole_b, v_part_s, v_part_e, v_part_b;

  -- The latency histogram as 24 summed columns (h0 .. h23), then one array; left out when
  -- p_latency is false.
  if p_latency then
    select ', ' || string_agg(format('sum(x.h%s) as h%s', i, i), ', ' order by i),
           'array[' || string_agg(format('coalesce(a.h%s, 0)::bigint', i), ', ' order by i) || ']',
           ', ' || string_agg(format('coalesce(r.duration_hist[%s], 0) as h%s', i + 1, i), ', ' order by i),
           ', ' || string_agg(format('(hb.hb is not distinct from %s)::int::bigint', i), ', ' order by i)
      into v_h_sums, v_h_out, v_h_rollup, v_h_raw
    from generate_series(0, 23) i;
  else
    v_h_sums := '';
    v_h_out := 'null::bigint[]';
    v_h_rollup := '';
    v_h_raw := '';
  end if;

  -- $1 p_from, $2 p_to, $3 p_bucket, $4 p_tz, $5 (unused), $6 p_user, $7 auth.uid(),
  -- $8 / $9 whole hours and their buckets, $10 / $11 / $12 raw segments and their buckets,
  -- $13 / $14 daily windows and their buckets, $15 the buckets
  return query execute format($q$
  with x as (
    select hours.b, %1$s as k, r.model_used as m,
           r.calls, r.input_tokens, r.output_tokens, r.total_tokens, r.recorded_cost, r.cost_rows,
           r.uncosted_calls, r.uncosted_input_tokens, r.uncosted_output_tokens, r.uncosted_tokens,
           r.duration_ms_sum, r.duration_calls %7$s
    from unnest($8::timestamptz[], $9::timestamptz[]) as hours(h, b)
    join public.usage_rollup_hourly r on r.bucket_start = hours.h
    where r.bucket_start >= date_bin('1 hour', $1, timestamptz '2000-01-01 00:00:00+00') and r.bucket_start < $2
      and %3$s
    union all
    select w.b, %1$s as k, r.model_used as m,
           r.calls, r.input_tokens, r.output_tokens, r.total_tokens, r.recorded_cost, r.cost_rows,
           r.uncosted_calls, r.uncosted_input_tokens, r.uncosted_output_tokens, r.uncosted_tokens,
           r.duration_ms_sum, r.duration_calls %7$s
    from unnest($13::timestamptz[], $14::timestamptz[]) as w(s, b)
    join public.%5$I r on r.day_start = w.s
    where %6$s
    union all
    select seg.b, %2$s as k, u.model_used as m,
           1::bigint,
           coalesce(u.input_tokens, 0)::bigint,
           coalesce(u.output_tokens, 0)::bigint,
           coalesce(u.total_tokens, 0)::bigint,
           coalesce(u.total_cost, 0)::numeric,
           (u.total_cost is not null)::int::bigint,
           (u.total_cost is null)::int::bigint,
           case when u.total_cost is null then coalesce(u.input_tokens, 0) else 0 end::bigint,
           case when u.total_cost is null then coalesce(u.output_tokens, 0) else 0 end::bigint,
           case when u.total_cost is null
                then coalesce(u.total_tokens, coalesce(u.input_tokens, 0) + coalesce(u.output_tokens, 0)) else 0 end::bigint,
           coalesce(u.duration_ms, 0)::bigint,
           (u.duration_ms is not null)::int::bigint
           %8$s
    from unnest($10::timestamptz[], $11::timestamptz[], $12::timestamptz[]) as seg(s, e, b)
    join public.usage_logs u on u.request_timestamp >= seg.s and u.request_timestamp < seg.e
    cross join lateral (select public.usage_duration_bucket(u.duration_ms) as hb) hb
    where %4$s
  ),
  per_model as (
    select x.b, x.k, x.m,
           sum(x.calls) as calls, sum(x.input_tokens) as input_tokens,
           sum(x.output_tokens) as output_tokens, sum(x.total_tokens) as total_tokens,
           sum(x.recorded_cost) as recorded_cost, sum(x.cost_rows) as cost_rows,
           sum(x.uncosted_calls) as uncosted_calls,
           sum(x.uncosted_input_tokens) as uncosted_input_tokens,
           sum(x.uncosted_output_tokens) as uncosted_output_tokens,
           sum(x.uncosted_tokens) as uncosted_tokens,
           sum(x.duration_ms_sum) as duration_ms_sum, sum(x.duration_calls) as duration_calls
           %9$s
    from x
    group by x.b, x.k, x.m
  ),
  agg as (
    select x.b, x.k,
           sum(x.calls)::bigint as calls, sum(x.input_tokens)::bigint as input_tokens,
           sum(x.output_tokens)::bigint as output_tokens, sum(x.total_tokens)::bigint as total_tokens,
           sum(x.recorded_cost) as recorded_cost, sum(x.cost_rows)::bigint as cost_calls,
           coalesce(sum((x.uncosted_input_tokens * mc.input_pricing_per_million_tokens
                          + x.uncosted_output_tokens * mc.output_pricing_per_million_tokens) / 1000000)
                      filter (where mc.has_price), 0) as estimated_cost,
           coalesce(sum(x.uncosted_calls) filter (where mc.has_price), 0)::bigint as estimated_calls,
           coalesce(sum(x.uncosted_calls) filter (where mc.has_price is not true), 0)::bigint as unpriced_calls,
           coalesce(sum(x.uncosted_tokens) filter (where mc.has_price is not true), 0)::bigint as unpriced_tokens,
           sum(x.duration_ms_sum)::bigint as duration_ms_sum, sum(x.duration_calls)::bigint as duration_calls
           %9$s
    from per_model x
    left join (select c.model_id, c.input_pricing_per_million_tokens, c.output_pricing_per_million_tokens,
                      (c.input_pricing_per_million_tokens > 0 or c.output_pricing_per_million_tokens > 0) as has_price
               from public.model_config c) mc on mc.model_id = x.m
    group by x.b, x.k
  ),
  keys as (
    select distinct agg.k from agg
    union all
    select null::text where not exists (select 1 from agg)
  )
  select s.b, keys.k,
         coalesce(a.calls, 0)::bigint, coalesce(a.input_tokens, 0)::bigint, coalesce(a.output_tokens, 0)::bigint,
         coalesce(a.total_tokens, 0)::bigint, coalesce(a.recorded_cost, 0)::numeric, coalesce(a.cost_calls, 0)::bigint,
         coalesce(a.estimated_cost, 0)::numeric, coalesce(a.estimated_calls, 0)::bigint,
         coalesce(a.unpriced_calls, 0)::bigint, coalesce(a.unpriced_tokens, 0)::bigint,
         coalesce(a.duration_ms_sum, 0)::bigint, coalesce(a.duration_calls, 0)::bigint,
         %10$s
  from unnest($15::timestamptz[]) s(b)
  cross join keys
  left join agg a on a.b = s.b and coalesce(a.k, chr(1)) = coalesce(keys.k, chr(1))   -- hashable; NULL keys match
  order by s.b, keys.k nulls last
  $q$, v_key_r, v_key_u, v_rollup_filter, v_raw_filter,
       -- no windows: the branch reads nothing, from a table that has the key column
       coalesce(v_daily_table, case when p_group in ('user', 'model') then 'usage_rollup_user_daily' else 'usage_rollup_daily' end),
       case when v_daily_table is null then 'false' when v_all_users_rows then 'true' else v_rollup_filter end,
       v_h_rollup, v_h_raw,
       v_h_sums, v_h_out)
  using p_from, p_to, p_bucket, p_tz, p_group, p_user, v_uid,
        coalesce(v_whole_h, '{}'), coalesce(v_whole_b, '{}'),
        coalesce(v_part_s, '{}'), coalesce(v_part_e, '{}'), coalesce(v_part_b, '{}'),
        coalesce(v_win_s, '{}'), coalesce(v_win_b, '{}'), v_buckets;
end
$$;
grant execute on function public.usage_series(timestamptz, timestamptz, text, text, text, uuid, boolean) to authenticated, service_role;
revoke execute on function public.usage_series(timestamptz, timestamptz, text, text, text, uuid, boolean) from public, anon;

-- The measures of a set of rows `a` that already carries them (hourly rows or blocks).
-- The block sizes, in hours.
create or replace function public.usage_block_hours()
returns integer[]
language sql
immutable
set search_path = ''
as $$
  select '{2,4,8,16,32,64,128,256,512}'::integer[]
$$;

-- SQL that folds hourly-shaped rows of `src` (bucket_start, user_id, model_used and the cost
-- measures of public.usage_rollup_measures(), as the rollup delta and usage_rollup_hourly have
-- them) into the blocks of the given sizes, and upserts (or, with p_upsert false, inserts) them.
create or replace function public.usage_block_sql(src text, p_hours integer[], p_upsert boolean)
returns text
language sql
immutable
set search_path = ''
as $$
  with m as (select unnest((public.usage_rollup_measures())[1:10]) as c)   -- no latency columns
  select format($f$
    insert into public.usage_rollup_user_block as r (block_hours, block_start, user_id, model_used, %1$s)
    select s.h, date_bin(make_interval(hours => s.h), a.bucket_start, timestamptz '2000-01-01 00:00:00+00'),
           a.user_id, a.model_used, %2$s
    from (%3$s) a
    cross join unnest(%4$L::integer[]) s(h)
    where a.user_id is not null
    group by 1, 2, 3, 4
    %5$s
  $f$, (select string_agg(c, ', ') from m), (select string_agg(format('coalesce(sum(a.%s), 0)', c), ', ') from m), src, p_hours,
    case when p_upsert then format('order by 1, 2, 3, 4 on conflict on constraint usage_rollup_user_block_key do update set %s',
      (select string_agg(format('%1$s = r.%1$s + excluded.%1$s', c), ', ') from m)) else '' end)
$$;

-- -----------------------------------------------------------------------------
-- Trigger: the statement's signed delta (the hourly rollup's, public.usage_rollup_delta_sql)
-- into every block size, in one upsert.
-- -----------------------------------------------------------------------------
create or replace function public.usage_rollup_user_block_apply()
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
begin
  execute public.usage_block_sql(public.usage_rollup_delta_sql(src), public.usage_block_hours(), true);

  if tg_op in ('UPDATE', 'DELETE') then
    -- blocks whose last row went away
    delete from public.usage_rollup_user_block r
    where r.calls = 0
      and (r.block_hours, r.block_start) in (
        select distinct s.h, date_bin(make_interval(hours => s.h), o.request_timestamp, timestamptz '2000-01-01 00:00:00+00')
        from old_rows o cross join unnest(public.usage_block_hours()) s(h));
  end if;
  return null;
end
$$;

create or replace function public.usage_rollup_user_block_truncate()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  truncate public.usage_rollup_user_block;
  return null;
end
$$;

-- -----------------------------------------------------------------------------
-- Rebuild: 2-hour blocks from the per-user hourly rows, each level from the one below.
-- -----------------------------------------------------------------------------
create or replace function public.rebuild_usage_user_blocks()
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  n bigint := 0;
  m bigint;
  h integer;
begin
  truncate public.usage_rollup_user_block;
  execute public.usage_block_sql('select * from public.usage_rollup_hourly', array[2], false);
  get diagnostics m = row_count;
  n := n + m;
  h := 4;
  while h <= 512 loop
    execute public.usage_block_sql(
      format('select block_start as bucket_start, * from public.usage_rollup_user_block where block_hours = %s', h / 2),
      array[h], false);
    get diagnostics m = row_count;
    n := n + m;
    h := h * 2;
  end loop;
  return n;
end
$$;

-- rebuild_usage_rollups(), as in 20251125001000, plus the blocks.
create or replace function public.rebuild_usage_rollups()
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  n bigint;
  daily text[] := public.usage_rollup_daily_sql('select * from public.usage_rollup_hourly', false);
begin
  lock table public.usage_logs in share mode;   -- no writes while the rollup is rebuilt
  truncate public.usage_rollup_hourly, public.usage_rollup_daily, public.usage_rollup_user_daily;
  execute format($f$
    insert into public.usage_rollup_hourly (%s)
    select bucket_start, user_id, agent_type, model_used, provider,
           calls, input_tokens, output_tokens, total_tokens, recorded_cost,
           coalesce(cost_rows, 0), coalesce(uncosted_calls, 0), coalesce(uncosted_input_tokens, 0),
           coalesce(uncosted_output_tokens, 0), coalesce(uncosted_tokens, 0),
           coalesce(duration_ms_sum, 0), coalesce(duration_calls, 0), duration_hist
    from (%s) a
  $f$, public.usage_rollup_columns(),
       public.usage_rollup_delta_sql('select 1::bigint as sign, u.* from public.usage_logs u'));
  get diagnostics n = row_count;
  execute daily[1];
  execute daily[2];
  perform public.rebuild_usage_user_blocks();
  return n;
end
$$;
revoke execute on function public.rebuild_usage_rollups() from public, anon, authenticated;
revoke execute on function public.rebuild_usage_user_blocks() from public, anon, authenticated;
revoke execute on function public.usage_rollup_user_block_apply() from public, anon, authenticated;
revoke execute on function public.usage_rollup_user_block_truncate() from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- usage_top_users(from, to, limit): per user over [p_from, p_to), the columns of
-- usage_series (cost recorded + estimated at current prices, unpriced calls and tokens; no
-- latency: duration columns are 0, duration_hist NULL), most expensive first (then tokens,
-- then user id), at most p_limit users. Rows are what RLS lets the caller see: an admin gets
-- everyone, a user themself.
-- -----------------------------------------------------------------------------
create or replace function public.usage_top_users(p_from timestamptz, p_to timestamptz, p_limit integer default 10)
returns table (
  group_key text,
  calls bigint,
  input_tokens bigint,
  output_tokens bigint,
  total_tokens bigint,
  recorded_cost numeric,
  cost_calls bigint,
  estimated_cost numeric,
  estimated_calls bigint,
  unpriced_calls bigint,
  unpriced_tokens bigint
)
language plpgsql
stable
security invoker
set search_path = ''
set max_parallel_workers_per_gather = 0
set enable_hashagg = off   -- see usage_series below
as $$
declare
  origin constant timestamptz := timestamptz '2000-01-01 00:00:00+00';
  v_hs timestamptz;
  v_he timestamptz;
  v_t timestamptz;
  v_h integer;
  v_hours timestamptz[] := '{}';
  v_block_s timestamptz[] := '{}';
  v_block_h integer[] := '{}';
  v_seg_s timestamptz[] := '{}';
  v_seg_e timestamptz[] := '{}';
begin
  if p_from is null or p_to is null or p_to <= p_from then
    raise exception 'usage_top_users: the range must have p_from < p_to' using errcode = '22023';
  end if;
  if p_to - p_from > interval '3700 days' then
    raise exception 'usage_top_users: the range is longer than ten years' using errcode = '22023';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 10000 then
    raise exception 'usage_top_users: p_limit must be between 1 and 10000' using errcode = '22023';
  end if;

  -- [v_hs, v_he): the whole UTC hours inside the range; the rest is read raw.
  v_hs := date_bin('1 hour', p_from + interval '1 hour' - interval '1 microsecond', origin);
  v_he := date_bin('1 hour', p_to, origin);
  if v_hs >= v_he then
    v_seg_s := array[p_from];
    v_seg_e := array[p_to];
  else
    if p_from < v_hs then
      v_seg_s := v_seg_s || p_from;
      v_seg_e := v_seg_e || v_hs;
    end if;
    if v_he < p_to then
      v_seg_s := v_seg_s || v_he;
      v_seg_e := v_seg_e || p_to;
    end if;
    -- greedy: at each step the largest aligned block that starts here and fits
    v_t := v_hs;
    while v_t < v_he loop
      v_h := 512;
      while v_h > 1 and (date_bin(make_interval(hours => v_h), v_t, origin) <> v_t or v_t + make_interval(hours => v_h) > v_he) loop
        v_h := v_h / 2;
      end loop;
      if v_h = 1 then
        v_hours := v_hours || v_t;
      else
        v_block_s := v_block_s || v_t;
        v_block_h := v_block_h || v_h;
      end if;
      v_t := v_t + make_interval(hours => v_h);
    end loop;
  end if;

  return query
  with x as (
    select r.user_id, r.model_used as m, r.calls, r.input_tokens, r.output_tokens, r.total_tokens, r.recorded_cost,
           r.cost_rows, r.uncosted_calls, r.uncosted_input_tokens, r.uncosted_output_tokens, r.uncosted_tokens
    from unnest(v_hours) hours(h)
    join public.usage_rollup_hourly r on r.bucket_start = hours.h and r.user_id is not null
    union all
    select r.user_id, r.model_used, r.calls, r.input_tokens, r.output_tokens, r.total_tokens, r.recorded_cost,
           r.cost_rows, r.uncosted_calls, r.uncosted_input_tokens, r.uncosted_output_tokens, r.uncosted_tokens
    from unnest(v_block_h, v_block_s) b(h, s)
    join public.usage_rollup_user_block r on r.block_hours = b.h and r.block_start = b.s
    union all
    select u.user_id, u.model_used,
           1::bigint,
           coalesce(u.input_tokens, 0)::bigint,
           coalesce(u.output_tokens, 0)::bigint,
           coalesce(u.total_tokens, 0)::bigint,
           coalesce(u.total_cost, 0)::numeric,
           (u.total_cost is not null)::int::bigint,
           (u.total_cost is null)::int::bigint,
           case when u.total_cost is null then coalesce(u.input_tokens, 0) else 0 end::bigint,
           case when u.total_cost is null then coalesce(u.output_tokens, 0) else 0 end::bigint,
           case when u.total_cost is null
                then coalesce(u.total_tokens, coalesce(u.input_tokens, 0) + coalesce(u.output_tokens, 0)) else 0 end::bigint
    from unnest(v_seg_s, v_seg_e) seg(s, e)
    join public.usage_logs u on u.request_timestamp >= seg.s and u.request_timestamp < seg.e
  ),
  by_user as (
    select x.user_id,
           sum(x.calls)::bigint as calls, sum(x.input_tokens)::bigint as input_tokens,
           sum(x.output_tokens)::bigint as output_tokens, sum(x.total_tokens)::bigint as total_tokens,
           sum(x.recorded_cost) as recorded_cost, sum(x.cost_rows)::bigint as cost_calls
    from x
    group by x.user_id
  ),
  -- Only calls without a recorded cost need a price, per model (usually a small share).
  uncosted as (
    select x.user_id, x.m, sum(x.uncosted_calls) as calls, sum(x.uncosted_input_tokens) as input_tokens,
           sum(x.uncosted_output_tokens) as output_tokens, sum(x.uncosted_tokens) as tokens
    from x
    where x.uncosted_calls <> 0
    group by x.user_id, x.m
  ),
  priced as (
    select u.user_id,
           coalesce(sum((u.input_tokens * mc.input_pricing_per_million_tokens
                          + u.output_tokens * mc.output_pricing_per_million_tokens) / 1000000)
                      filter (where mc.has_price), 0) as estimated_cost,
           coalesce(sum(u.calls) filter (where mc.has_price), 0)::bigint as estimated_calls,
           coalesce(sum(u.calls) filter (where mc.has_price is not true), 0)::bigint as unpriced_calls,
           coalesce(sum(u.tokens) filter (where mc.has_price is not true), 0)::bigint as unpriced_tokens
    from uncosted u
    left join (select c.model_id, c.input_pricing_per_million_tokens, c.output_pricing_per_million_tokens,
                      (c.input_pricing_per_million_tokens > 0 or c.output_pricing_per_million_tokens > 0) as has_price
               from public.model_config c) mc on mc.model_id = u.m
    group by u.user_id
  )
  select b.user_id::text, b.calls, b.input_tokens, b.output_tokens, b.total_tokens, b.recorded_cost, b.cost_calls,
         coalesce(p.estimated_cost, 0), coalesce(p.estimated_calls, 0)::bigint, coalesce(p.unpriced_calls, 0)::bigint,
         coalesce(p.unpriced_tokens, 0)::bigint
  from by_user b
  left join priced p on p.user_id = b.user_id
  where b.calls > 0
  order by b.recorded_cost + coalesce(p.estimated_cost, 0) desc, b.total_tokens desc, b.user_id
  limit p_limit;
end
$$;
grant execute on function public.usage_top_users(timestamptz, timestamptz, integer) to authenticated, service_role;
revoke execute on function public.usage_top_users(timestamptz, timestamptz, integer) from public, anon;

-- -----------------------------------------------------------------------------
-- get_current_user_usage_summary() reads the caller's rows through the (user_id,
-- request_timestamp) index.
--
-- Its filter is not `user_id = auth.uid()`: under RLS a query's own conditions may only run
-- before the policies when they are leakproof, and auth.uid() (current_setting and a cast to
-- uuid) is not, so Postgres could not use it as an index condition: every call would scan the
-- whole period of usage_logs for all users (130-160 ms at 1M rows for a user with 36 rows).
-- `(select auth.uid())` is an init plan, computed once and compared like a constant, so the
-- index serves it (< 1 ms).
-- -----------------------------------------------------------------------------
create or replace function public.get_current_user_usage_summary(
  p_start_date date default (current_date - 30),
  p_end_date date default current_date
)
returns table (
  total_calls bigint,
  total_input_tokens bigint,
  total_output_tokens bigint,
  total_tokens bigint,
  total_cost numeric,
  agent_breakdown jsonb
)
language sql
stable
security invoker
set search_path = ''
as $$
  with mine as (
    select agent_type, input_tokens, output_tokens, total_tokens, total_cost
    from public.usage_logs
    where user_id = (select auth.uid())
      and request_timestamp >= p_start_date
      and request_timestamp < p_end_date + 1
  ),
  per_agent as (
    select agent_type,
           count(*) as calls,
           coalesce(sum(input_tokens), 0) as input_tokens,
           coalesce(sum(output_tokens), 0) as output_tokens,
           coalesce(sum(total_tokens), 0) as total_tokens,
           coalesce(sum(total_cost), 0) as cost
    from mine
    group by agent_type
  )
  select
    (select count(*) from mine),
    (select coalesce(sum(input_tokens), 0) from mine)::bigint,
    (select coalesce(sum(output_tokens), 0) from mine)::bigint,
    (select coalesce(sum(total_tokens), 0) from mine)::bigint,
    (select coalesce(sum(total_cost), 0) from mine)::numeric,
    coalesce((select jsonb_object_agg(agent_type, jsonb_build_object(
        'calls', calls, 'input_tokens', input_tokens, 'output_tokens', output_tokens,
        'total_tokens', total_tokens, 'cost', cost)) from per_agent), '{}'::jsonb)
$$;

create index if not exists idx_usage_logs_user_id on public.usage_logs (user_id);
create index if not exists idx_usage_logs_user_timestamp on public.usage_logs (user_id, request_timestamp desc);
create index if not exists idx_usage_logs_agent_timestamp on public.usage_logs (agent_type, request_timestamp desc);
create index if not exists idx_usage_logs_date_range on public.usage_logs (request_timestamp desc);
create index if not exists idx_usage_logs_model_provider on public.usage_logs (model_used, provider);
create index if not exists idx_usage_logs_date_agent on public.usage_logs (request_timestamp, agent_type);
create index if not exists idx_usage_logs_cost_date on public.usage_logs (request_timestamp) include (total_cost);
create index if not exists idx_usage_logs_chat_id on public.usage_logs (chat_id);
create index if not exists idx_rate_limit_user_id on public.rate_limit_tracking (user_id);
create index if not exists idx_rate_limit_user_agent on public.rate_limit_tracking (user_id, agent_type);
create index if not exists idx_rate_limit_user_agent_period
  on public.rate_limit_tracking (user_id, agent_type, period_start, period_end);
create index if not exists idx_usage_rollup_hourly_user_bucket
  on public.usage_rollup_hourly (user_id, bucket_start);

-- The all-users rows, read by admin charts: an index-only scan, however many per-user rows
-- lie between them in the heap.
create index if not exists idx_usage_rollup_hourly_all_users
  on public.usage_rollup_hourly (bucket_start)
  include (agent_type, model_used, provider, calls, input_tokens, output_tokens, total_tokens, recorded_cost,
           cost_rows, uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens,
           duration_ms_sum, duration_calls, user_id)
  where user_id is null;
create index if not exists idx_rate_limit_period_start on public.rate_limit_tracking (period_start);

-- Top users read every user's rows of a few days: an index-only scan by day.
create index if not exists idx_usage_rollup_user_daily_day on public.usage_rollup_user_daily (day_start)
  include (user_id, model_used, calls, input_tokens, output_tokens, total_tokens, recorded_cost, cost_rows,
           uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens, duration_ms_sum,
           duration_calls, duration_hist);

create or replace trigger validate_usage_logs_user_id
  before insert or update of user_id on public.usage_logs
  for each row execute function public.validate_user_id();

create or replace trigger validate_rate_limit_user_id
  before insert or update of user_id on public.rate_limit_tracking
  for each row execute function public.validate_user_id();

create or replace trigger usage_logs_rollup_insert
  after insert on public.usage_logs
  referencing new table as new_rows
  for each statement execute function public.usage_rollup_apply();

create or replace trigger usage_logs_rollup_update
  after update on public.usage_logs
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.usage_rollup_apply();

create or replace trigger usage_logs_rollup_delete
  after delete on public.usage_logs
  referencing old table as old_rows
  for each statement execute function public.usage_rollup_apply();

create or replace trigger usage_logs_rollup_truncate
  after truncate on public.usage_logs
  for each statement execute function public.usage_rollup_truncate();

create or replace trigger usage_logs_user_block_insert
  after insert on public.usage_logs
  referencing new table as new_rows
  for each statement execute function public.usage_rollup_user_block_apply();

create or replace trigger usage_logs_user_block_update
  after update on public.usage_logs
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.usage_rollup_user_block_apply();

create or replace trigger usage_logs_user_block_delete
  after delete on public.usage_logs
  referencing old table as old_rows
  for each statement execute function public.usage_rollup_user_block_apply();

create or replace trigger usage_logs_user_block_truncate
  after truncate on public.usage_logs
  for each statement execute function public.usage_rollup_user_block_truncate();

alter table public.usage_logs enable row level security;
alter table public.rate_limit_tracking enable row level security;
alter table public.usage_rollup_hourly enable row level security;
revoke all on public.usage_rollup_hourly from anon;

-- Only the triggers (SECURITY DEFINER) and the service connection write it.
revoke insert, update, delete, truncate on public.usage_rollup_hourly from authenticated;
grant select on public.usage_rollup_hourly to authenticated;

do $$
declare
  t text;
begin
  foreach t in array array['usage_rollup_daily', 'usage_rollup_user_daily'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on public.%I from anon', t);
    execute format('revoke insert, update, delete, truncate on public.%I from authenticated', t);
    execute format('grant select on public.%I to authenticated', t);
    execute format('drop policy if exists "Pending accounts get nothing" on public.%I', t);
    execute format($p$create policy "Pending accounts get nothing" on public.%I as restrictive for all to authenticated
      using ((select public.get_user_role()) is distinct from 'pending')
      with check ((select public.get_user_role()) is distinct from 'pending')$p$, t);
  end loop;
end
$$;
alter table public.usage_rollup_user_block enable row level security;
revoke all on public.usage_rollup_user_block from anon;
revoke insert, update, delete, truncate on public.usage_rollup_user_block from authenticated;
grant select on public.usage_rollup_user_block to authenticated;

-- -----------------------------------------------------------------------------
-- Who may read usage (usage_logs, the rollups, rate_limit_tracking): the user it belongs to, or
-- an admin; rows of no single user (the all-users rollups) only an admin. Who may record it
-- through the API: the user it belongs to. The one definition of each rule (see
-- chat_read_rule for why they take the viewer as arguments and how the planner inlines them),
-- asked by the policies below and by usage_series().
-- -----------------------------------------------------------------------------
create or replace function public.usage_read_rule(p_user uuid, p_viewer uuid, p_viewer_is_admin boolean)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_user operator(pg_catalog.=) p_viewer or p_viewer_is_admin
$$;

create or replace function public.usage_write_rule(p_user uuid, p_viewer uuid)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_user operator(pg_catalog.=) p_viewer
$$;

-- SELECT(usage_logs): its user's rows, or an admin
drop policy if exists "Owners and admins can read usage_logs" on public.usage_logs;
create policy "Owners and admins can read usage_logs" on public.usage_logs for select to authenticated
  using (public.usage_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- INSERT(usage_logs): Users can create own usage_logs
drop policy if exists "Users can create own usage_logs" on public.usage_logs;
create policy "Users can create own usage_logs" on public.usage_logs for insert to authenticated
  with check (public.usage_write_rule(user_id, (select auth.uid())));

-- SELECT(rate_limit_tracking): its user's rows, or an admin
drop policy if exists "Owners and admins can read rate_limits" on public.rate_limit_tracking;
create policy "Owners and admins can read rate_limits" on public.rate_limit_tracking for select to authenticated
  using (public.usage_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- ALL(usage_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.usage_logs;
create policy "Pending accounts get nothing" on public.usage_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(rate_limit_tracking): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.rate_limit_tracking;
create policy "Pending accounts get nothing" on public.rate_limit_tracking as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- SELECT(usage_rollup_hourly): its user's rows, or an admin
drop policy if exists "Owners and admins can read usage rollups" on public.usage_rollup_hourly;
create policy "Owners and admins can read usage rollups" on public.usage_rollup_hourly for select to authenticated
  using (public.usage_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- ALL(usage_rollup_hourly): nothing for accounts waiting for approval (as on every table: a
-- RESTRICTIVE policy ANDed with the permissive ones)
drop policy if exists "Pending accounts get nothing" on public.usage_rollup_hourly;
create policy "Pending accounts get nothing" on public.usage_rollup_hourly as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- SELECT(usage_rollup_daily): only admins read the all-users windows (they sum every user): the
-- rule for rows of no single user
drop policy if exists "Admins can read daily usage rollups" on public.usage_rollup_daily;
create policy "Admins can read daily usage rollups" on public.usage_rollup_daily for select to authenticated
  using (public.usage_read_rule(null, (select auth.uid()), (select public.is_current_user_admin())));

-- SELECT(usage_rollup_user_daily): its user's rows, or an admin
drop policy if exists "Owners and admins can read daily usage rollups" on public.usage_rollup_user_daily;
create policy "Owners and admins can read daily usage rollups" on public.usage_rollup_user_daily for select to authenticated
  using (public.usage_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- SELECT(usage_rollup_user_block): its user's rows, or an admin
drop policy if exists "Owners and admins can read usage blocks" on public.usage_rollup_user_block;
create policy "Owners and admins can read usage blocks" on public.usage_rollup_user_block for select to authenticated
  using (public.usage_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

drop policy if exists "Pending accounts get nothing" on public.usage_rollup_user_block;
create policy "Pending accounts get nothing" on public.usage_rollup_user_block as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
