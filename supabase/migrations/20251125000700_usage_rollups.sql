-- =============================================================================
-- Usage rollups (issue 6, items 4 and 5): chart queries read buckets, not raw rows.
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
-- Cost (item 5): recorded_cost sums total_cost where it is not null. Rows without a recorded
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
-- =============================================================================

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
  constraint usage_rollup_hourly_key
    unique nulls not distinct (bucket_start, user_id, agent_type, model_used, provider)
);

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

alter table public.usage_rollup_hourly enable row level security;
revoke all on public.usage_rollup_hourly from anon;
-- Only the triggers (SECURITY DEFINER) and the service connection write it.
revoke insert, update, delete, truncate on public.usage_rollup_hourly from authenticated;
grant select on public.usage_rollup_hourly to authenticated;

-- SELECT(usage_rollup_hourly): Users can read own usage rollups
drop policy if exists "Users can read own usage rollups" on public.usage_rollup_hourly;
create policy "Users can read own usage rollups" on public.usage_rollup_hourly for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(usage_rollup_hourly): Admins can read all usage rollups
drop policy if exists "Admins can read all usage rollups" on public.usage_rollup_hourly;
create policy "Admins can read all usage rollups" on public.usage_rollup_hourly for select to authenticated
  using ((select public.is_current_user_admin()));
-- ALL(usage_rollup_hourly): nothing for accounts waiting for approval (as every table in the
-- RLS migration: a RESTRICTIVE policy ANDed with the permissive ones)
drop policy if exists "Pending accounts get nothing" on public.usage_rollup_hourly;
create policy "Pending accounts get nothing" on public.usage_rollup_hourly as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- -----------------------------------------------------------------------------
-- The aggregate of a set of signed usage_logs rows, per hour and key, with the all-users
-- rows. `src` yields (sign, usage_logs.*). Shared by the trigger and the rebuild.
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
           sum(sign) filter (where duration_ms is not null) as duration_calls
    from (select date_bin('1 hour', d.request_timestamp, timestamptz '2000-01-01 00:00:00+00') as bucket_start, d.*
          from (%s) d) s
    group by grouping sets ((bucket_start, user_id, agent_type, model_used, provider),
                            (bucket_start, agent_type, model_used, provider))
  $f$, src)
$$;

create or replace function public.usage_rollup_columns()
returns text
language sql
immutable
set search_path = ''
as $$
  select 'bucket_start, user_id, agent_type, model_used, provider, calls, input_tokens, output_tokens, '
      || 'total_tokens, recorded_cost, cost_rows, uncosted_calls, uncosted_input_tokens, '
      || 'uncosted_output_tokens, uncosted_tokens, duration_ms_sum, duration_calls'
$$;

-- -----------------------------------------------------------------------------
-- Trigger: apply the statement's delta. SECURITY DEFINER: a user inserting their own
-- usage_logs row (allowed by RLS) must move the rollup, which users cannot write.
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
begin
  execute format($f$
    insert into public.usage_rollup_hourly as r (%s)
    select bucket_start, user_id, agent_type, model_used, provider,
           calls, input_tokens, output_tokens, total_tokens, recorded_cost,
           coalesce(cost_rows, 0), coalesce(uncosted_calls, 0), coalesce(uncosted_input_tokens, 0),
           coalesce(uncosted_output_tokens, 0), coalesce(uncosted_tokens, 0),
           coalesce(duration_ms_sum, 0), coalesce(duration_calls, 0)
    from (%s) a
    where calls <> 0 or input_tokens <> 0 or output_tokens <> 0 or total_tokens <> 0 or recorded_cost <> 0
       or coalesce(cost_rows, 0) <> 0 or coalesce(uncosted_calls, 0) <> 0 or coalesce(uncosted_tokens, 0) <> 0
       or coalesce(uncosted_input_tokens, 0) <> 0 or coalesce(uncosted_output_tokens, 0) <> 0
       or coalesce(duration_ms_sum, 0) <> 0 or coalesce(duration_calls, 0) <> 0
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
      duration_calls = r.duration_calls + excluded.duration_calls
  $f$, public.usage_rollup_columns(), public.usage_rollup_delta_sql(src));

  if tg_op in ('UPDATE', 'DELETE') then
    -- keys whose last row went away
    delete from public.usage_rollup_hourly r
    where r.calls = 0
      and r.bucket_start in (select distinct date_bin('1 hour', o.request_timestamp, timestamptz '2000-01-01 00:00:00+00')
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
  truncate public.usage_rollup_hourly;
  return null;
end
$$;

drop trigger if exists usage_logs_rollup_insert on public.usage_logs;
create trigger usage_logs_rollup_insert
  after insert on public.usage_logs
  referencing new table as new_rows
  for each statement execute function public.usage_rollup_apply();

drop trigger if exists usage_logs_rollup_update on public.usage_logs;
create trigger usage_logs_rollup_update
  after update on public.usage_logs
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.usage_rollup_apply();

drop trigger if exists usage_logs_rollup_delete on public.usage_logs;
create trigger usage_logs_rollup_delete
  after delete on public.usage_logs
  referencing old table as old_rows
  for each statement execute function public.usage_rollup_apply();

drop trigger if exists usage_logs_rollup_truncate on public.usage_logs;
create trigger usage_logs_rollup_truncate
  after truncate on public.usage_logs
  for each statement execute function public.usage_rollup_truncate();

-- -----------------------------------------------------------------------------
-- Rebuild from scratch, in one INSERT ... SELECT ... GROUP BY: for seeding and bulk loads
-- that ran with the triggers off. Not for the API roles.
-- -----------------------------------------------------------------------------
create or replace function public.rebuild_usage_rollups()
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  n bigint;
begin
  lock table public.usage_logs in share mode;   -- no writes while the rollup is rebuilt
  truncate public.usage_rollup_hourly;
  execute format($f$
    insert into public.usage_rollup_hourly (%s)
    select bucket_start, user_id, agent_type, model_used, provider,
           calls, input_tokens, output_tokens, total_tokens, recorded_cost,
           coalesce(cost_rows, 0), coalesce(uncosted_calls, 0), coalesce(uncosted_input_tokens, 0),
           coalesce(uncosted_output_tokens, 0), coalesce(uncosted_tokens, 0),
           coalesce(duration_ms_sum, 0), coalesce(duration_calls, 0)
    from (%s) a
  $f$, public.usage_rollup_columns(),
       public.usage_rollup_delta_sql('select 1::bigint as sign, u.* from public.usage_logs u'));
  get diagnostics n = row_count;
  return n;
end
$$;

revoke execute on function public.rebuild_usage_rollups() from public, anon, authenticated;
revoke execute on function public.usage_rollup_apply() from public, anon, authenticated;
revoke execute on function public.usage_rollup_truncate() from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- usage_series: what the usage charts read. SECURITY INVOKER: RLS decides whose rows.
--   p_from, p_to  the range [p_from, p_to), any instants (mid-hour is fine)
--   p_bucket      'hour' | 'day', in time zone p_tz (a name from pg_timezone_names)
--   p_group       'agent_type' | 'model' | 'provider' | 'user'
--   p_user        optional user filter (admins; for a user RLS leaves only their own rows)
-- Every bucket of the range is returned for every group key seen in it (zeros, not gaps);
-- with no usage at all, one row per bucket with group_key NULL. A NULL model or provider
-- is group_key NULL. estimated_cost prices rows without a recorded cost with the current
-- model_config prices; unpriced_* are rows without recorded cost and without a price.
-- -----------------------------------------------------------------------------
create or replace function public.usage_series(
  p_from timestamptz,
  p_to timestamptz,
  p_bucket text default 'day',
  p_tz text default 'UTC',
  p_group text default 'agent_type',
  p_user uuid default null
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
  duration_calls bigint
)
language plpgsql
stable
security invoker
set search_path = ''
set max_parallel_workers_per_gather = 0   -- a few thousand rollup rows: worker start-up costs more than it saves
as $$
declare
  v_uid uuid := auth.uid();
  v_all boolean;
  v_rollup_filter text;
  v_raw_filter text;
  v_key_r text;
  v_key_u text;
  v_whole_h timestamptz[];
  v_whole_b timestamptz[];
  v_part_s timestamptz[];
  v_part_e timestamptz[];
begin
  if p_bucket is null or p_bucket not in ('hour', 'day') then
    raise exception 'usage_series: p_bucket must be hour or day, not %', coalesce(p_bucket, 'NULL') using errcode = '22023';
  end if;
  if p_group is null or p_group not in ('agent_type', 'model', 'provider', 'user') then
    raise exception 'usage_series: p_group must be agent_type, model, provider or user, not %', coalesce(p_group, 'NULL')
      using errcode = '22023';
  end if;
  -- A zone name of the tz database (what pg_timezone_names lists). Checked by using it, not by
  -- scanning pg_timezone_names, which reads the zone files and costs ~20 ms per call; the
  -- pattern refuses abbreviations with spaces, POSIX offsets like 'UTC+3' and anything else.
  if p_tz is null or p_tz !~ '^[A-Za-z][A-Za-z0-9_/-]*$' then
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
  -- filters by user; otherwise per-user rows. The explicit user filter is there for the
  -- index (RLS would leave the same rows).
  if v_all and p_user is null and p_group <> 'user' then
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
  v_key_r := case p_group when 'agent_type' then 'r.agent_type::text' when 'model' then 'r.model_used::text'
                          when 'provider' then 'r.provider::text' else 'r.user_id::text' end;
  v_key_u := case p_group when 'agent_type' then 'u.agent_type::text' when 'model' then 'u.model_used::text'
                          when 'provider' then 'u.provider::text' else 'u.user_id::text' end;

  -- The UTC hours of the range: whole ones (inside the range and inside one output bucket)
  -- are read from the rollup, with their output bucket; the rest, clipped to the range, raw.
  -- Passed to the query as arrays, so the planner sees their real number.
  select array_agg(x.h order by x.h) filter (where x.whole), array_agg(x.b order by x.h) filter (where x.whole),
         array_agg(greatest(x.h, p_from) order by x.h) filter (where not x.whole),
         array_agg(least(x.h + interval '1 hour', p_to) order by x.h) filter (where not x.whole)
    into v_whole_h, v_whole_b, v_part_s, v_part_e
  from (
    select h, date_trunc(p_bucket, h, p_tz) as b,
           (h >= p_from and h + interval '1 hour' <= p_to
            and date_trunc(p_bucket, h, p_tz) = date_trunc(p_bucket, h + interval '1 hour' - interval '1 microsecond', p_tz)) as whole
    from generate_series(date_bin('1 hour', p_from, timestamptz '2000-01-01 00:00:00+00'), p_to - interval '1 microsecond',
                         interval '1 hour') h
  ) x;

  -- $1 p_from, $2 p_to, $3 p_bucket, $4 p_tz, $5 (unused), $6 p_user, $7 auth.uid(),
  -- $8 / $9 whole hours and their buckets, $10 / $11 starts and ends of the raw segments
  return query execute format($q$
  with rolled as (
    select hours.b, %1$s as k, r.model_used as m,
           r.calls, r.input_tokens, r.output_tokens, r.total_tokens, r.recorded_cost, r.cost_rows,
           r.uncosted_calls, r.uncosted_input_tokens, r.uncosted_output_tokens, r.uncosted_tokens,
           r.duration_ms_sum, r.duration_calls
    from unnest($8::timestamptz[], $9::timestamptz[]) as hours(h, b)
    join public.usage_rollup_hourly r on r.bucket_start = hours.h
    where r.bucket_start >= date_bin('1 hour', $1, timestamptz '2000-01-01 00:00:00+00') and r.bucket_start < $2
      and %3$s
  ),
  raw as (
    select date_trunc($3, u.request_timestamp, $4) as b, %2$s as k, u.model_used as m,
           1::bigint as calls,
           coalesce(u.input_tokens, 0)::bigint as input_tokens,
           coalesce(u.output_tokens, 0)::bigint as output_tokens,
           coalesce(u.total_tokens, 0)::bigint as total_tokens,
           coalesce(u.total_cost, 0)::numeric as recorded_cost,
           (u.total_cost is not null)::int::bigint as cost_rows,
           (u.total_cost is null)::int::bigint as uncosted_calls,
           case when u.total_cost is null then coalesce(u.input_tokens, 0) else 0 end::bigint as uncosted_input_tokens,
           case when u.total_cost is null then coalesce(u.output_tokens, 0) else 0 end::bigint as uncosted_output_tokens,
           case when u.total_cost is null
                then coalesce(u.total_tokens, coalesce(u.input_tokens, 0) + coalesce(u.output_tokens, 0)) else 0 end::bigint
             as uncosted_tokens,
           coalesce(u.duration_ms, 0)::bigint as duration_ms_sum,
           (u.duration_ms is not null)::int::bigint as duration_calls
    from unnest($10::timestamptz[], $11::timestamptz[]) as seg(s, e)
    join public.usage_logs u on u.request_timestamp >= seg.s and u.request_timestamp < seg.e
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
    from (select * from rolled union all select * from raw) x
    group by x.b, x.k, x.m
  ),
  priced as (
    select p.*,
           (mc.model_id is not null
            and (mc.input_pricing_per_million_tokens > 0 or mc.output_pricing_per_million_tokens > 0)) as has_price,
           mc.input_pricing_per_million_tokens as in_price,
           mc.output_pricing_per_million_tokens as out_price
    from per_model p
    left join public.model_config mc on mc.model_id = p.m
  ),
  agg as (
    select q.b, q.k,
           sum(q.calls)::bigint as calls, sum(q.input_tokens)::bigint as input_tokens,
           sum(q.output_tokens)::bigint as output_tokens, sum(q.total_tokens)::bigint as total_tokens,
           sum(q.recorded_cost) as recorded_cost, sum(q.cost_rows)::bigint as cost_calls,
           coalesce(sum((q.uncosted_input_tokens * q.in_price + q.uncosted_output_tokens * q.out_price) / 1000000)
                      filter (where q.has_price), 0) as estimated_cost,
           coalesce(sum(q.uncosted_calls) filter (where q.has_price), 0)::bigint as estimated_calls,
           coalesce(sum(q.uncosted_calls) filter (where not q.has_price), 0)::bigint as unpriced_calls,
           coalesce(sum(q.uncosted_tokens) filter (where not q.has_price), 0)::bigint as unpriced_tokens,
           sum(q.duration_ms_sum)::bigint as duration_ms_sum, sum(q.duration_calls)::bigint as duration_calls
    from priced q
    group by q.b, q.k
  ),
  series as (
    -- hours step in absolute time (a DST night has 23 or 25 of them); days step in local dates
    select g as b
    from generate_series(date_trunc('hour', $1, $4), $2 - interval '1 microsecond', interval '1 hour') g
    where $3 = 'hour'
    union all
    select d at time zone $4
    from generate_series(date_trunc('day', $1, $4) at time zone $4, ($2 - interval '1 microsecond') at time zone $4,
                         interval '1 day') d
    where $3 = 'day'
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
         coalesce(a.duration_ms_sum, 0)::bigint, coalesce(a.duration_calls, 0)::bigint
  from series s
  cross join keys
  left join agg a on a.b = s.b and coalesce(a.k, chr(1)) = coalesce(keys.k, chr(1))   -- hashable; NULL keys match
  order by s.b, keys.k nulls last
  $q$, v_key_r, v_key_u, v_rollup_filter, v_raw_filter)
  using p_from, p_to, p_bucket, p_tz, p_group, p_user, v_uid,
        coalesce(v_whole_h, '{}'), coalesce(v_whole_b, '{}'), coalesce(v_part_s, '{}'), coalesce(v_part_e, '{}');
end
$$;

grant execute on function public.usage_series(timestamptz, timestamptz, text, text, text, uuid) to authenticated, service_role;
revoke execute on function public.usage_series(timestamptz, timestamptz, text, text, text, uuid) from anon;
