-- =============================================================================
-- Error triage, activity and rate-limit reads (issue 5).
--
--   1. error_logs.fingerprint: error_type + error_category + the normalised message (numbers,
--      uuids, quoted strings and hex replaced by placeholders), a stored generated column, so
--      grouping 1M rows never runs a regex at read time.
--   2. error_groups: per fingerprint, the pinned latest resolution note and when the group was
--      last fully resolved; an occurrence newer than that marks the group as a regression.
--   3. resolved_by / resolved_at are the server's: a trigger sets them from auth.uid() and now().
--   4. error_rollup_daily: errors per UTC day x severity x type x category x resolved, kept by
--      statement-level triggers (as usage_rollup_hourly), so the severity counts and the daily
--      chart of a 30-day range read a few thousand rollup rows instead of a million log rows.
--      Daily, not hourly: the page's ranges are whole UTC days, and hourly buckets x types x
--      categories made the rollup half as big as the table it summarises (bench:logs). The
--      hourly chart (ranges of up to two days) reads the raw rows of those days.
--   5. Indexes for keyset pages under the usual filters and full-text search of messages.
--   6. Rate-limit headroom: effective limits from admin_config for every signed-in user
--      (SECURITY DEFINER: users cannot read admin_config), usage of the calendar-aligned
--      current minute / hour / day from rate_limit_tracking (RLS: own rows, admins all).
--   7. Purge: a dry run (counts what purge_old_activity_logs() would delete now) and the pg_cron
--      schedule on Supabase (where the extension exists).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- 1. Fingerprint
-- -----------------------------------------------------------------------------
-- Numbers are replaced where they start a token ("after 120 ms", "404ms" -> "<n>ms"); digits
-- inside an identifier ("Message_v2", "zq30ba") are part of the name and stay.
create or replace function public.normalize_error_message(msg text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select left(btrim(regexp_replace(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          regexp_replace(coalesce(msg, ''),
            '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '<uuid>', 'g'),
          '''[^'']*''|"[^"]*"', '<str>', 'g'),
        '\m0x[0-9a-fA-F]+\M', '<hex>', 'g'),
      '(?<![[:alnum:]_<])[0-9]+([.][0-9]+)?', '<n>', 'g'),
    '\s+', ' ', 'g')), 500)
$$;

alter table public.error_logs
  add column if not exists fingerprint text
  generated always as (md5(error_type || chr(31) || error_category || chr(31) || public.normalize_error_message(error_message))) stored;

-- -----------------------------------------------------------------------------
-- 2. Groups: pinned note and last full resolution
-- -----------------------------------------------------------------------------
create table if not exists public.error_groups (
  fingerprint text primary key,
  error_type varchar(50) not null,
  error_category varchar(100) not null,
  normalized_message text not null,
  resolution_notes text,                 -- the latest resolution note, pinned on the group
  notes_updated_at timestamptz,
  notes_updated_by uuid,
  resolved_at timestamptz,               -- when the group last had no unresolved occurrence left
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

alter table public.error_groups enable row level security;
revoke all on public.error_groups from anon;
grant select, insert, update on public.error_groups to authenticated;

-- SELECT(error_groups): Admins can read error groups
drop policy if exists "Admins can read error groups" on public.error_groups;
create policy "Admins can read error groups" on public.error_groups for select to authenticated
  using ((select public.is_current_user_admin()));
-- INSERT(error_groups): Admins can create error groups (when resolving)
drop policy if exists "Admins can create error groups" on public.error_groups;
create policy "Admins can create error groups" on public.error_groups for insert to authenticated
  with check ((select public.is_current_user_admin()));
-- UPDATE(error_groups): Admins can update error groups (notes, resolution)
drop policy if exists "Admins can update error groups" on public.error_groups;
create policy "Admins can update error groups" on public.error_groups for update to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- ALL(error_groups): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.error_groups;
create policy "Pending accounts get nothing" on public.error_groups as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

drop trigger if exists update_error_groups_updated_at on public.error_groups;
create trigger update_error_groups_updated_at
  before update on public.error_groups
  for each row execute function public.update_updated_at();

-- Backfill from the rows (existing data, seeding, bulk loads): per group with a resolved
-- occurrence, the note of its latest resolution, and that time when nothing is left unresolved.
-- Keeps what admins already pinned (on conflict do nothing).
create or replace function public.rebuild_error_groups()
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  n bigint;
begin
  insert into public.error_groups as g
    (fingerprint, error_type, error_category, normalized_message, resolution_notes, notes_updated_at, notes_updated_by, resolved_at)
  select l.fingerprint, l.error_type, l.error_category, public.normalize_error_message(l.error_message),
         l.resolution_notes, l.resolved_at, l.resolved_by,
         case when not exists (select 1 from public.error_logs u where u.fingerprint = l.fingerprint and not u.resolved)
              then l.resolved_at end
    from (select distinct on (e.fingerprint) e.*
            from public.error_logs e
           where e.resolved and e.resolution_notes is not null
           order by e.fingerprint, e.resolved_at desc nulls last, e.id) l
   order by l.fingerprint
  on conflict (fingerprint) do nothing;
  get diagnostics n = row_count;
  return n;
end
$$;
revoke execute on function public.rebuild_error_groups() from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- 3. resolved_by / resolved_at belong to the server
-- -----------------------------------------------------------------------------
create or replace function public.error_logs_resolution_stamp()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.resolved and not old.resolved then
    new.resolved_by := coalesce(auth.uid(), new.resolved_by);
    new.resolved_at := now();
  elsif not new.resolved then
    new.resolved_by := null;
    new.resolved_at := null;
  elsif auth.uid() is not null then
    -- still resolved, edited by a person: who and when stay as they were (a user deletion may
    -- still clear resolved_by: it runs without a person)
    new.resolved_by := old.resolved_by;
    new.resolved_at := old.resolved_at;
  end if;
  return new;
end
$$;

drop trigger if exists error_logs_resolution_stamp on public.error_logs;
create trigger error_logs_resolution_stamp
  before update of resolved, resolved_by, resolved_at on public.error_logs
  for each row execute function public.error_logs_resolution_stamp();

-- -----------------------------------------------------------------------------
-- 4. Daily counts rollup
-- -----------------------------------------------------------------------------
create table if not exists public.error_rollup_daily (
  bucket_start timestamptz not null,     -- a whole UTC day
  severity varchar(20) not null,
  error_type varchar(50) not null,
  error_category varchar(100) not null,
  resolved boolean not null,
  n bigint not null default 0,
  constraint error_rollup_daily_key unique (bucket_start, severity, error_type, error_category, resolved)
);

create index if not exists idx_error_rollup_daily_bucket
  on public.error_rollup_daily (bucket_start) include (severity, error_type, error_category, resolved, n);

alter table public.error_rollup_daily enable row level security;
revoke all on public.error_rollup_daily from anon;
revoke insert, update, delete, truncate on public.error_rollup_daily from authenticated;
grant select on public.error_rollup_daily to authenticated;

-- SELECT(error_rollup_daily): Admins can read error counts (users count their own raw rows)
drop policy if exists "Admins can read error counts" on public.error_rollup_daily;
create policy "Admins can read error counts" on public.error_rollup_daily for select to authenticated
  using ((select public.is_current_user_admin()));
-- ALL(error_rollup_daily): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.error_rollup_daily;
create policy "Pending accounts get nothing" on public.error_rollup_daily as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

create or replace function public.error_counts_apply()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  src text := case tg_op
    when 'INSERT' then 'select 1::bigint as sign, n.created_at, n.severity, n.error_type, n.error_category, n.resolved from new_rows n'
    when 'DELETE' then 'select -1::bigint as sign, o.created_at, o.severity, o.error_type, o.error_category, o.resolved from old_rows o'
    else 'select 1::bigint as sign, n.created_at, n.severity, n.error_type, n.error_category, n.resolved from new_rows n
          union all
          select -1::bigint, o.created_at, o.severity, o.error_type, o.error_category, o.resolved from old_rows o'
  end;
begin
  execute format($f$
    insert into public.error_rollup_daily as r (bucket_start, severity, error_type, error_category, resolved, n)
    select b, severity, error_type, error_category, resolved, d
      from (select date_trunc('day', created_at, 'UTC') as b, severity, error_type, error_category, resolved, sum(sign) as d
              from (%s) s
             group by 1, 2, 3, 4, 5) a
     where d <> 0
     order by 1, 2, 3, 4, 5                                   -- one lock order
    on conflict on constraint error_rollup_daily_key do update set n = r.n + excluded.n
  $f$, src);
  if tg_op in ('UPDATE', 'DELETE') then
    delete from public.error_rollup_daily r
     where r.n = 0
       and r.bucket_start in (select distinct date_trunc('day', o.created_at, 'UTC') from old_rows o);
  end if;
  return null;
end
$$;

create or replace function public.error_counts_truncate()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  truncate public.error_rollup_daily;
  return null;
end
$$;

drop trigger if exists error_counts_insert on public.error_logs;
create trigger error_counts_insert after insert on public.error_logs
  referencing new table as new_rows for each statement execute function public.error_counts_apply();
drop trigger if exists error_counts_update on public.error_logs;
create trigger error_counts_update after update on public.error_logs
  referencing old table as old_rows new table as new_rows for each statement execute function public.error_counts_apply();
drop trigger if exists error_counts_delete on public.error_logs;
create trigger error_counts_delete after delete on public.error_logs
  referencing old table as old_rows for each statement execute function public.error_counts_apply();
drop trigger if exists error_counts_truncate on public.error_logs;
create trigger error_counts_truncate after truncate on public.error_logs
  for each statement execute function public.error_counts_truncate();

-- Bulk loads that skip triggers (session_replication_role = replica) call this once after.
create or replace function public.rebuild_error_counts()
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  n bigint;
begin
  delete from public.error_rollup_daily;
  insert into public.error_rollup_daily (bucket_start, severity, error_type, error_category, resolved, n)
  select date_trunc('day', created_at, 'UTC'), severity, error_type, error_category, resolved, count(*)
    from public.error_logs
   group by 1, 2, 3, 4, 5;
  get diagnostics n = row_count;
  return n;
end
$$;
revoke execute on function public.rebuild_error_counts() from public, anon, authenticated;

-- Existing rows (re-applying the migration rebuilds an equal rollup, and keeps pinned notes).
select public.rebuild_error_counts();
select public.rebuild_error_groups();

-- -----------------------------------------------------------------------------
-- 5. Indexes for the triage pages
-- -----------------------------------------------------------------------------
create index if not exists idx_error_logs_severity_created on public.error_logs (severity, created_at desc, id desc);
create index if not exists idx_error_logs_unresolved_created on public.error_logs (created_at desc, id desc) where not resolved;
create index if not exists idx_error_logs_fingerprint_created on public.error_logs (fingerprint, created_at desc);
create index if not exists idx_error_logs_session on public.error_logs (session_id) where session_id is not null;
create index if not exists idx_error_logs_message_fts on public.error_logs using gin (to_tsvector('simple', error_message));
create index if not exists idx_user_activity_session on public.user_activity_logs (session_id) where session_id is not null;

-- -----------------------------------------------------------------------------
-- 6. Rate-limit headroom
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

create index if not exists idx_rate_limit_period_start on public.rate_limit_tracking (period_start);

-- -----------------------------------------------------------------------------
-- 7. Purge: dry run and schedule
-- -----------------------------------------------------------------------------
-- What purge_old_activity_logs() would delete now, with the same rules and the same caller check.
create or replace function public.count_purgeable_logs()
returns table (user_logs bigint, agent_logs bigint, error_logs bigint,
               user_days int, agent_days int, error_days int)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.get_logging_config();
begin
  if auth.uid() is not null and coalesce(public.get_user_role(), '') <> 'admin' then
    raise exception 'Only an admin can see purge counts' using errcode = '42501';
  end if;
  user_days := coalesce((cfg -> 'log_retention_days' ->> 'user_activity_logs')::int, 30);
  agent_days := coalesce((cfg -> 'log_retention_days' ->> 'agent_activity_logs')::int, 7);
  error_days := coalesce((cfg -> 'log_retention_days' ->> 'error_logs')::int, 90);
  select count(*) into user_logs from public.user_activity_logs where created_at < now() - make_interval(days => user_days);
  select count(*) into agent_logs from public.agent_activity_logs where created_at < now() - make_interval(days => agent_days);
  select count(*) into error_logs from public.error_logs where resolved and created_at < now() - make_interval(days => error_days);
  return next;
end
$$;
revoke execute on function public.count_purgeable_logs() from public, anon;
grant execute on function public.count_purgeable_logs() to authenticated, service_role;

-- On Supabase (pg_cron enabled in the dashboard: Database > Extensions > pg_cron), the purge runs
-- daily at 03:17 UTC. Where pg_cron is absent (the embedded Postgres) the app's scheduler
-- (instrumentation.ts) runs it instead, and skips itself when this job exists.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    perform cron.unschedule(jobid) from cron.job where jobname = 'purge-old-activity-logs';
    perform cron.schedule('purge-old-activity-logs', '17 3 * * *', 'select public.purge_old_activity_logs()');
  end if;
end
$$;
