-- =============================================================================
-- Usage dashboard speed (issue 6, item 4): the 30-day dashboard reads days, not hours.
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
-- public.usage_series() gains p_bucket 'all' (one bucket for the whole range: totals, cost by
-- model, top users) and a duration_hist column; it reads daily windows where they fit
-- wholly inside the range and inside one output bucket, whole hours from the hourly rollup,
-- and only the partial edge hours raw.
-- =============================================================================

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

alter table public.usage_rollup_hourly add column if not exists duration_hist bigint[];

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
-- Top users read every user's rows of a few days: an index-only scan by day.
create index if not exists idx_usage_rollup_user_daily_day on public.usage_rollup_user_daily (day_start)
  include (user_id, model_used, calls, input_tokens, output_tokens, total_tokens, recorded_cost, cost_rows,
           uncosted_calls, uncosted_input_tokens, uncosted_output_tokens, uncosted_tokens, duration_ms_sum,
           duration_calls, duration_hist);

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

-- SELECT(usage_rollup_daily): only admins read the all-users windows (they sum every user)
drop policy if exists "Admins can read daily usage rollups" on public.usage_rollup_daily;
create policy "Admins can read daily usage rollups" on public.usage_rollup_daily for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(usage_rollup_user_daily): Users can read own daily usage rollups
drop policy if exists "Users can read own daily usage rollups" on public.usage_rollup_user_daily;
create policy "Users can read own daily usage rollups" on public.usage_rollup_user_daily for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(usage_rollup_user_daily): Admins can read all daily usage rollups
drop policy if exists "Admins can read all daily usage rollups" on public.usage_rollup_user_daily;
create policy "Admins can read all daily usage rollups" on public.usage_rollup_user_daily for select to authenticated
  using ((select public.is_current_user_admin()));

-- -----------------------------------------------------------------------------
-- The delta of a set of signed rows: as before, plus the histogram.
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

-- -----------------------------------------------------------------------------
-- Rebuild: the hourly rollup from the raw rows, the daily tables from the hourly one.
-- -----------------------------------------------------------------------------
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
  return n;
end
$$;

revoke execute on function public.rebuild_usage_rollups() from public, anon, authenticated;
revoke execute on function public.usage_rollup_apply() from public, anon, authenticated;
revoke execute on function public.usage_rollup_truncate() from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- usage_series, second version: as in 20251125000700 (same parameters and meaning), plus
--   p_bucket 'all'   one bucket (= p_from) for the whole range: totals, cost by model, top users
--   duration_hist    the latency histogram of each bucket and key (24 counts, see above)
-- and the daily windows: a 24-hour window is read from usage_rollup_daily (all-users rows)
-- or usage_rollup_user_daily (per user and model; UTC days; only when grouping by model or
-- user) when it lies wholly inside the range and inside one output bucket.
-- -----------------------------------------------------------------------------
drop function if exists public.usage_series(timestamptz, timestamptz, text, text, text, uuid);
drop function if exists public.usage_series(timestamptz, timestamptz, text, text, text, uuid, boolean);
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
  v_all := v_uid is null or coalesce(public.is_current_user_admin(), false);
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

-- -----------------------------------------------------------------------------
-- Existing rows (a database migrated before this file): fill the histogram and the daily
-- tables once. Re-applying the file finds them filled and does nothing.
-- -----------------------------------------------------------------------------
do $$
begin
  if exists (select 1 from public.usage_rollup_hourly where duration_hist is null)
     or (exists (select 1 from public.usage_rollup_hourly) and not exists (select 1 from public.usage_rollup_daily)) then
    perform public.rebuild_usage_rollups();
  end if;
end
$$;
