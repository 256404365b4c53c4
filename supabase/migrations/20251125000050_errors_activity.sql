-- =============================================================================
-- Error triage and activity logs (seed 001)
-- =============================================================================
-- -----------------------------------------------------------------------------
-- Error triage, activity and rate-limit reads.
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
--   6. Purge: a dry run (counts what purge_old_activity_logs() would delete now) and the pg_cron
--      schedule on Supabase (where the extension exists).
-- -----------------------------------------------------------------------------

-- -----------------------------------------------------------------------------
-- Fingerprint
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

create table if not exists public.error_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid,
  error_type varchar(50) not null,
  error_category varchar(100) not null,
  error_message text not null,
  error_details jsonb,
  request_path varchar(500),
  request_method varchar(10),
  user_agent text,
  ip_address varchar(45),
  session_id varchar(100),
  severity varchar(20) not null default 'error' check (severity in ('info', 'warning', 'error', 'critical')),
  resolved boolean not null default false,
  resolved_by uuid,
  resolved_at timestamptz,
  resolution_notes text,
  created_at timestamptz not null default now(),
  -- error_type + error_category + the normalised message: grouping never runs a regex at read time
  fingerprint text
    generated always as (md5(error_type || chr(31) || error_category || chr(31) || public.normalize_error_message(error_message))) stored
);

-- -----------------------------------------------------------------------------
-- Seed 001: activity logging tables
-- -----------------------------------------------------------------------------
create table if not exists public.user_activity_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  correlation_id uuid not null,
  activity_type varchar(50) not null,
  activity_category varchar(50) not null,
  activity_metadata jsonb not null default '{}'::jsonb,
  resource_id uuid,
  resource_type varchar(50),
  ip_address varchar(45),
  user_agent text,
  request_path varchar(500),
  request_method varchar(10),
  session_id varchar(100),
  success boolean not null default true,
  error_message text,
  created_at timestamptz not null default now()
);

create table if not exists public.agent_activity_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid,
  correlation_id uuid not null,
  agent_type varchar(50) not null,
  operation_type varchar(50) not null,
  operation_category varchar(50) not null,
  operation_metadata jsonb not null default '{}'::jsonb,
  resource_id uuid,
  resource_type varchar(50),
  duration_ms integer,
  start_time timestamptz,
  end_time timestamptz,
  model_id varchar(100),
  provider varchar(50),
  thinking_mode boolean not null default false,
  input_tokens integer,
  output_tokens integer,
  reasoning_tokens integer,
  total_tokens integer,
  input_cost numeric(10, 6),
  output_cost numeric(10, 6),
  total_cost numeric(10, 6),
  success boolean not null default true,
  error_type varchar(100),
  error_message text,
  retry_count integer not null default 0,
  created_at timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Groups: pinned note and last full resolution
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

-- -----------------------------------------------------------------------------
-- Daily counts rollup
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

-- Who may purge logs (and see what a purge would delete): the service connection or a
-- superuser (no signed-in person), or an admin. The one definition of the rule, asked by the
-- SECURITY DEFINER functions below.
create or replace function public.can_purge_logs()
returns boolean
language sql
stable
set search_path = ''
as $$
  select auth.uid() is null or coalesce(public.get_user_role(), '') = 'admin'
$$;

-- seed 001: purge logs older than their retention. Error logs go only once resolved.
-- SECURITY DEFINER (users have no DELETE on logs), so it checks its caller (can_purge_logs).
create or replace function public.purge_old_activity_logs()
returns table (user_logs_deleted bigint, agent_logs_deleted bigint, error_logs_deleted bigint)
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.get_logging_config();
  user_days int := coalesce((cfg -> 'log_retention_days' ->> 'user_activity_logs')::int, 30);
  agent_days int := coalesce((cfg -> 'log_retention_days' ->> 'agent_activity_logs')::int, 7);
  error_days int := coalesce((cfg -> 'log_retention_days' ->> 'error_logs')::int, 90);
begin
  if not public.can_purge_logs() then
    raise exception 'Only an admin can purge logs' using errcode = '42501';
  end if;
  delete from public.user_activity_logs where created_at < now() - make_interval(days => user_days);
  get diagnostics user_logs_deleted = row_count;
  delete from public.agent_activity_logs where created_at < now() - make_interval(days => agent_days);
  get diagnostics agent_logs_deleted = row_count;
  delete from public.error_logs where resolved and created_at < now() - make_interval(days => error_days);
  get diagnostics error_logs_deleted = row_count;
  return next;
end
$$;
revoke execute on function public.purge_old_activity_logs() from public, anon;
grant execute on function public.purge_old_activity_logs() to authenticated, service_role;

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
-- resolved_by / resolved_at belong to the server
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

-- -----------------------------------------------------------------------------
-- Purge: dry run and schedule
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
  if not public.can_purge_logs() then
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

-- -----------------------------------------------------------------------------
-- Who may read an error log: the person it happened to, or an admin. The one definition of the
-- rule, inlined into the SELECT policy (see chat_read_rule for why it takes the viewer as
-- arguments) and asked by error_log_ids_matching().
-- -----------------------------------------------------------------------------
create or replace function public.error_log_read_rule(p_user uuid, p_viewer uuid, p_viewer_is_admin boolean)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_user operator(pg_catalog.=) p_viewer or p_viewer_is_admin
$$;

-- -----------------------------------------------------------------------------
-- Error search that can use its index under RLS (/admin/errors at 1M rows).
--
-- The errors page searches messages with
--   to_tsvector('simple', error_message) @@ to_tsquery('simple', ...)
-- and idx_error_logs_message_fts indexes exactly that. But queries run as the viewer under
-- RLS, and Postgres may evaluate a condition before the row's policies only if its function is
-- LEAKPROOF; ts_match_vq (the @@ operator) is not, so under RLS the index is never used: every
-- search would compute to_tsvector for every row it walks. At 1M rows a search with no match took
-- 4.8 s for the list and 0.7 s each for the counts and the chart that way; as the superuser, 0.5 s.
--
-- This function runs the search itself (SECURITY DEFINER) and returns the ids of the matching
-- rows the caller may read (error_log_read_rule, as error_logs' SELECT policy), in two branches
-- that each give the planner one access path:
--   - an admin (is_current_user_admin(): never a pending account): the search goes through the
--     message index;
--   - anyone else who is not pending: the rule asked for a viewer who is not an admin, which
--     folds to `user_id = caller`, so the rows are found through user_id's index and
--     only then matched (the expression `error_message || ''` is not the indexed one, so the
--     planner cannot search the whole table first): how long a call takes depends on the
--     caller's own rows, never on how many of other people's rows match;
--   - a pending account gets nothing.
-- The page's query keeps RLS on top (`e.id in (select ...)`), so these rules are a second
-- check, not the only one. Marking ts_match_vq LEAKPROOF instead would need a superuser, which
-- a Supabase project does not give.
-- -----------------------------------------------------------------------------
create or replace function public.error_log_ids_matching(p_query tsquery)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select e.id
    from public.error_logs e
   where (select public.is_current_user_admin())
     and public.error_log_read_rule(e.user_id, (select auth.uid()), (select public.is_current_user_admin()))
     and to_tsvector('simple'::regconfig, e.error_message) @@ p_query
  union all
  select e.id
    from public.error_logs e
   where not (select public.is_current_user_admin())
     and (select public.get_user_role()) is distinct from 'pending'
     and public.error_log_read_rule(e.user_id, (select auth.uid()), false)
     and to_tsvector('simple'::regconfig, e.error_message || '') @@ p_query
$$;
comment on function public.error_log_ids_matching(tsquery) is
  'Ids of the error_logs rows whose message matches p_query that the caller may read (error_logs'' SELECT policies). Lets the admin message search use idx_error_logs_message_fts under RLS.';
revoke execute on function public.error_log_ids_matching(tsquery) from public, anon;
grant execute on function public.error_log_ids_matching(tsquery) to authenticated;

create index if not exists idx_error_logs_user_id on public.error_logs (user_id);
create index if not exists idx_error_logs_error_type on public.error_logs (error_type);
create index if not exists idx_error_logs_error_category on public.error_logs (error_category);
create index if not exists idx_error_logs_severity on public.error_logs (severity);
create index if not exists idx_error_logs_created_at on public.error_logs (created_at desc, id desc);
create index if not exists idx_error_logs_resolved on public.error_logs (resolved);
create index if not exists idx_error_logs_user_created on public.error_logs (user_id, created_at desc);
create index if not exists idx_error_logs_type_severity on public.error_logs (error_type, severity);

-- handle_auth_user_deletion clears resolved_by: without this, every deleted user scans error_logs
create index if not exists idx_error_logs_resolved_by on public.error_logs (resolved_by) where resolved_by is not null;

-- -----------------------------------------------------------------------------
-- seed 001: activity logs
-- -----------------------------------------------------------------------------
create index if not exists idx_user_activity_user_id on public.user_activity_logs (user_id);
create index if not exists idx_user_activity_correlation on public.user_activity_logs (correlation_id);
create index if not exists idx_user_activity_type on public.user_activity_logs (activity_type);
create index if not exists idx_user_activity_category on public.user_activity_logs (activity_category);
create index if not exists idx_user_activity_created on public.user_activity_logs (created_at desc, id desc);
create index if not exists idx_user_activity_user_created on public.user_activity_logs (user_id, created_at desc);
create index if not exists idx_user_activity_resource on public.user_activity_logs (resource_type, resource_id);
create index if not exists idx_user_activity_success on public.user_activity_logs (success);
create index if not exists idx_user_activity_user_type_date
  on public.user_activity_logs (user_id, activity_type, created_at desc);
create index if not exists idx_agent_activity_user_id on public.agent_activity_logs (user_id);
create index if not exists idx_agent_activity_correlation on public.agent_activity_logs (correlation_id);
create index if not exists idx_agent_activity_agent_type on public.agent_activity_logs (agent_type);
create index if not exists idx_agent_activity_operation on public.agent_activity_logs (operation_type);
create index if not exists idx_agent_activity_category on public.agent_activity_logs (operation_category);
create index if not exists idx_agent_activity_created on public.agent_activity_logs (created_at desc, id desc);
create index if not exists idx_agent_activity_model on public.agent_activity_logs (model_id);
create index if not exists idx_agent_activity_success on public.agent_activity_logs (success);
create index if not exists idx_agent_activity_resource on public.agent_activity_logs (resource_type, resource_id);
create index if not exists idx_agent_activity_duration on public.agent_activity_logs (duration_ms);
create index if not exists idx_agent_activity_cost on public.agent_activity_logs (total_cost);
create index if not exists idx_agent_activity_agent_op_date
  on public.agent_activity_logs (agent_type, operation_type, created_at desc);
create index if not exists idx_error_rollup_daily_bucket
  on public.error_rollup_daily (bucket_start) include (severity, error_type, error_category, resolved, n);

-- -----------------------------------------------------------------------------
-- Indexes for the triage pages
-- -----------------------------------------------------------------------------
create index if not exists idx_error_logs_severity_created on public.error_logs (severity, created_at desc, id desc);
create index if not exists idx_error_logs_unresolved_created on public.error_logs (created_at desc, id desc) where not resolved;
create index if not exists idx_error_logs_fingerprint_created on public.error_logs (fingerprint, created_at desc);
create index if not exists idx_error_logs_session on public.error_logs (session_id) where session_id is not null;
create index if not exists idx_error_logs_message_fts on public.error_logs using gin (to_tsvector('simple', error_message));
create index if not exists idx_user_activity_session on public.user_activity_logs (session_id) where session_id is not null;

create or replace trigger validate_user_activity_user_id
  before insert or update of user_id on public.user_activity_logs
  for each row execute function public.validate_user_id();

create or replace trigger update_error_groups_updated_at
  before update on public.error_groups
  for each row execute function public.update_updated_at();

create or replace trigger error_logs_resolution_stamp
  before update of resolved, resolved_by, resolved_at on public.error_logs
  for each row execute function public.error_logs_resolution_stamp();

create or replace trigger error_counts_insert after insert on public.error_logs
  referencing new table as new_rows for each statement execute function public.error_counts_apply();

create or replace trigger error_counts_update after update on public.error_logs
  referencing old table as old_rows new table as new_rows for each statement execute function public.error_counts_apply();

create or replace trigger error_counts_delete after delete on public.error_logs
  referencing old table as old_rows for each statement execute function public.error_counts_apply();

create or replace trigger error_counts_truncate after truncate on public.error_logs
  for each statement execute function public.error_counts_truncate();

alter table public.error_logs enable row level security;
alter table public.user_activity_logs enable row level security;
alter table public.agent_activity_logs enable row level security;
alter table public.error_groups enable row level security;
revoke all on public.error_groups from anon;
grant select, insert, update on public.error_groups to authenticated;
alter table public.error_rollup_daily enable row level security;
revoke all on public.error_rollup_daily from anon;
revoke insert, update, delete, truncate on public.error_rollup_daily from authenticated;
grant select on public.error_rollup_daily to authenticated;

-- SELECT(error_logs): the person it happened to, or an admin
drop policy if exists "Owners and admins can read error_logs" on public.error_logs;
create policy "Owners and admins can read error_logs" on public.error_logs for select to authenticated
  using (public.error_log_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- UPDATE(error_logs): Admins can update error_logs
drop policy if exists "Admins can update error_logs" on public.error_logs;
create policy "Admins can update error_logs" on public.error_logs for update to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- INSERT(error_logs): Users can report own error_logs
drop policy if exists "Users can report own error_logs" on public.error_logs;
create policy "Users can report own error_logs" on public.error_logs for insert to authenticated
  with check (user_id is null or (select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- seed 001: activity logs
-- -----------------------------------------------------------------------------
-- SELECT(user_activity_logs): Users can read own activity logs
drop policy if exists "Users can read own activity logs" on public.user_activity_logs;
create policy "Users can read own activity logs" on public.user_activity_logs for select to authenticated
  using ((select auth.uid()) = user_id);

-- SELECT(user_activity_logs): Admins can read all activity logs
drop policy if exists "Admins can read all activity logs" on public.user_activity_logs;
create policy "Admins can read all activity logs" on public.user_activity_logs for select to authenticated
  using ((select public.is_current_user_admin()));

-- INSERT(user_activity_logs): Users can create own activity logs
drop policy if exists "Users can create own activity logs" on public.user_activity_logs;
create policy "Users can create own activity logs" on public.user_activity_logs for insert to authenticated
  with check ((select auth.uid()) = user_id);

-- SELECT(agent_activity_logs): Users can read own agent logs
drop policy if exists "Users can read own agent logs" on public.agent_activity_logs;
create policy "Users can read own agent logs" on public.agent_activity_logs for select to authenticated
  using ((select auth.uid()) = user_id);

-- SELECT(agent_activity_logs): Admins can read all agent logs
drop policy if exists "Admins can read all agent logs" on public.agent_activity_logs;
create policy "Admins can read all agent logs" on public.agent_activity_logs for select to authenticated
  using ((select public.is_current_user_admin()));

-- INSERT(agent_activity_logs): Users can create own agent logs
drop policy if exists "Users can create own agent logs" on public.agent_activity_logs;
create policy "Users can create own agent logs" on public.agent_activity_logs for insert to authenticated
  with check ((select auth.uid()) = user_id);

-- ALL(error_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.error_logs;
create policy "Pending accounts get nothing" on public.error_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(user_activity_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.user_activity_logs;
create policy "Pending accounts get nothing" on public.user_activity_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(agent_activity_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.agent_activity_logs;
create policy "Pending accounts get nothing" on public.agent_activity_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

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

-- SELECT(error_rollup_daily): Admins can read error counts (users count their own raw rows)
drop policy if exists "Admins can read error counts" on public.error_rollup_daily;
create policy "Admins can read error counts" on public.error_rollup_daily for select to authenticated
  using ((select public.is_current_user_admin()));

-- ALL(error_rollup_daily): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.error_rollup_daily;
create policy "Pending accounts get nothing" on public.error_rollup_daily as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

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

revoke all on all tables in schema public from anon;
