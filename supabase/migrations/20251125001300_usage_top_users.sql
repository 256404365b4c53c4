-- =============================================================================
-- Top users by cost over any range, at a cost that follows users, not rows (issue 6).
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
-- =============================================================================

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

alter table public.usage_rollup_user_block enable row level security;
revoke all on public.usage_rollup_user_block from anon;
revoke insert, update, delete, truncate on public.usage_rollup_user_block from authenticated;
grant select on public.usage_rollup_user_block to authenticated;

-- SELECT(usage_rollup_user_block): Users can read own usage blocks
drop policy if exists "Users can read own usage blocks" on public.usage_rollup_user_block;
create policy "Users can read own usage blocks" on public.usage_rollup_user_block for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(usage_rollup_user_block): Admins can read all usage blocks
drop policy if exists "Admins can read all usage blocks" on public.usage_rollup_user_block;
create policy "Admins can read all usage blocks" on public.usage_rollup_user_block for select to authenticated
  using ((select public.is_current_user_admin()));
drop policy if exists "Pending accounts get nothing" on public.usage_rollup_user_block;
create policy "Pending accounts get nothing" on public.usage_rollup_user_block as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

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

drop trigger if exists usage_logs_user_block_insert on public.usage_logs;
create trigger usage_logs_user_block_insert
  after insert on public.usage_logs
  referencing new table as new_rows
  for each statement execute function public.usage_rollup_user_block_apply();

drop trigger if exists usage_logs_user_block_update on public.usage_logs;
create trigger usage_logs_user_block_update
  after update on public.usage_logs
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.usage_rollup_user_block_apply();

drop trigger if exists usage_logs_user_block_delete on public.usage_logs;
create trigger usage_logs_user_block_delete
  after delete on public.usage_logs
  referencing old table as old_rows
  for each statement execute function public.usage_rollup_user_block_apply();

drop trigger if exists usage_logs_user_block_truncate on public.usage_logs;
create trigger usage_logs_user_block_truncate
  after truncate on public.usage_logs
  for each statement execute function public.usage_rollup_user_block_truncate();

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

-- usage_series groups a few hundred rollup rows, but the planner cannot see that the arrays of
-- raw segments are usually empty and sizes its hash aggregates for tens of thousands of groups
-- of ~1 kB (the histogram columns): allocating those tables cost more than the whole query
-- (measured: 30-day dashboard series 27 -> 20 ms, totals 23 -> 13 ms, top users 27 -> 16 ms).
-- Sorting a few hundred rows is cheaper; a large raw range sorts instead of hashing, still fine.
alter function public.usage_series(timestamptz, timestamptz, text, text, text, uuid, boolean) set enable_hashagg = off;

-- A database migrated before this file: fill the blocks once from the hourly rollup.
do $$
begin
  if exists (select 1 from public.usage_rollup_hourly where user_id is not null)
     and not exists (select 1 from public.usage_rollup_user_block) then
    perform public.rebuild_usage_user_blocks();
  end if;
end
$$;
