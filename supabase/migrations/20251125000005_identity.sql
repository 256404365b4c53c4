-- =============================================================================
-- Baseline schema: the five seed systems as one schema, one file per domain, applied in
-- file-name order. This file: types, identity (profiles, roles), the auth.users triggers and
-- the session guard.
--
-- Conventions of every baseline file:
--   * Names are kept exactly as the seeds document them (tables, columns, indexes, triggers,
--     policies). Timestamps are timestamptz everywhere (the seeds say TIMESTAMP in places):
--     usage charts bucket days in a stated time zone, which needs instants.
--   * Every function pins `search_path = ''` (or is an inlinable rule with qualified names)
--     and qualifies what it names. SECURITY DEFINER only where a caller must not need the
--     underlying grant (reading a role, checking auth.users, purging logs), each with its own
--     guard.
--   * Indexes: every one the seeds document, plus one for every column a row level security
--     policy filters on and for every foreign key.
--   * Row level security on every table. Policies are TO authenticated; anon reaches nothing.
--     Per-statement functions are wrapped in a sub-select so Postgres evaluates them once per
--     query, not once per row. Seed 001's admin rule `get_user_role() = 'admin'` is written
--     as the boolean `(select public.is_current_user_admin())`: the same test, but the
--     planner then estimates an admin's scan as "many rows" instead of 0.5 %, and picks hash
--     aggregates over sorts for admin dashboards (bench:rls measures it). Seed 001's "System
--     can insert/manage" (`true`) policies would let any user write rows in another user's
--     name, so user writes must carry their own id; system writers use the service
--     connection, which bypasses RLS. A pending account reaches nothing but its own profile:
--     a RESTRICTIVE policy on every table.
--   * One access rule per resource where the rule is needed beyond one table's own policies:
--     `<resource>_read_rule` / `<resource>_write_rule` (inlinable SQL over the row's owner and
--     the viewer, used by the resource's policies) and `can_read_<resource>(id)` /
--     `can_write_<resource>(id)` (SECURITY DEFINER, the same rule for a row id, used by the
--     policies of the tables that hang off it and by SECURITY DEFINER functions). Chats,
--     documents, sessions, contexts, directives, projects, usage and error logs have them
--     (see chat_read_rule), and can_purge_logs() is the purge's. Tables whose rule is asked
--     nowhere but in their own policies (runs, lockfiles, suggestions, GitHub repositories,
--     activity logs, configuration) state it there once.
--   * Views (seed 003) are security_invoker, so they obey the caller's RLS.
--   * Re-runnable: tables and indexes `if not exists`, functions, views and triggers
--     `create or replace` (a trigger on auth.users needs only the TRIGGER privilege then, not
--     ownership, which hosted Supabase's `postgres` does not have), policies dropped and
--     created.
-- =============================================================================
create extension if not exists pg_trgm with schema extensions;

-- -----------------------------------------------------------------------------
-- Enums (seed 004)
-- -----------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_type where typname = 'UserRole' and typnamespace = 'public'::regnamespace) then
    create type public."UserRole" as enum ('PENDING', 'USER', 'MANAGER', 'ADMIN');
  end if;
  if not exists (select 1 from pg_type where typname = 'RecordType' and typnamespace = 'public'::regnamespace) then
    create type public."RecordType" as enum ('TASK', 'FEEDBACK');
  end if;
  if not exists (select 1 from pg_type where typname = 'RecordCategory' and typnamespace = 'public'::regnamespace) then
    create type public."RecordCategory" as enum ('TOP_10', 'BOTTOM_10');
  end if;
end
$$;

-- -----------------------------------------------------------------------------
-- One identity: profiles (seed 004 Profile + seed 000 users + seed 002 User)
-- id = auth.users.id; created by trigger when the auth user is created.
-- -----------------------------------------------------------------------------
create table if not exists public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null unique,
  username text not null unique,                       -- seed 000
  trust_score integer not null default 0,              -- seed 000
  name text,                                           -- seed 002
  preferences jsonb,                                   -- seed 002
  role public."UserRole" not null default 'PENDING',   -- seed 004
  "mustResetPassword" boolean not null default false,  -- seed 004
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Roles (docs/access-model.md#roles): the role lives in profiles.role, never in user_metadata.
-- Lower-case text so seed 001's policies ('admin', 'user') keep their meaning.
-- -----------------------------------------------------------------------------
create or replace function public.get_user_role()
returns text
language sql
stable
security definer
parallel safe
set search_path = ''
as $$
  select lower(p.role::text) from public.profiles p where p.id = auth.uid()
$$;

-- seed 001: SECURITY INVOKER; true only for an admin profile.
create or replace function public.is_current_user_admin()
returns boolean
language sql
stable
parallel safe
set search_path = ''
as $$
  select coalesce(public.get_user_role() = 'admin', false)
$$;

-- -----------------------------------------------------------------------------
-- Timestamps: one function per column naming the seeds use.
-- -----------------------------------------------------------------------------
-- seed 000 (directives, lockfiles)
create or replace function public.update_updated_at()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- seed 003 (sessions)
create or replace function public.update_updated_at_column()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- seed 004 and 002 ("updatedAt" columns)
create or replace function public.update_updated_at_camel()
returns trigger language plpgsql set search_path = '' as $$
begin
  new."updatedAt" := now();
  return new;
end
$$;

-- -----------------------------------------------------------------------------
-- Identity: a profile for every auth user, kept in step with its email.
-- -----------------------------------------------------------------------------
create or replace function public.handle_new_auth_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  base text := coalesce(nullif(new.raw_user_meta_data ->> 'username', ''), split_part(coalesce(new.email, ''), '@', 1));
  uname text;
begin
  if base is null or base = '' then
    base := 'user';
  end if;
  uname := base;
  if exists (select 1 from public.profiles where username = uname) then
    uname := base || '-' || left(replace(new.id::text, '-', ''), 8);
  end if;
  -- New accounts wait for an admin (seed 004: role defaults to PENDING). Whatever the sign-up
  -- form put in user_metadata is ignored here: it is writable by the user.
  insert into public.profiles (id, email, username, name)
  values (new.id, lower(coalesce(new.email, new.id::text || '@invalid')), uname,
          nullif(new.raw_user_meta_data ->> 'name', ''))
  on conflict (id) do nothing;
  return new;
end
$$;

create or replace function public.handle_auth_user_email_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles set email = lower(new.email) where id = new.id;
  return new;
end
$$;

-- A user edits their own profile but not its role, trust score, email or the forced password
-- reset flag (docs/access-model.md#roles);
-- admins and the service connection may. RLS decides whose row; this decides which columns.
create or replace function public.protect_profile_columns()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon')
     and (new.role is distinct from old.role
          or new.trust_score is distinct from old.trust_score
          or new.email is distinct from old.email
          or new."mustResetPassword" is distinct from old."mustResetPassword"
          or new.id is distinct from old.id)
     and coalesce(public.get_user_role(), '') <> 'admin' then
    raise exception 'Only an admin can change role, trust_score, email or mustResetPassword of a profile'
      using errcode = '42501';
  end if;
  return new;
end
$$;

-- -----------------------------------------------------------------------------
-- seed 001: validate_user_id. Cross-schema foreign keys are simulated by this trigger.
-- SECURITY DEFINER: the API roles cannot read auth.users.
-- -----------------------------------------------------------------------------
create or replace function public.validate_user_id()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.user_id is null then
    return new;  -- nullable user_id columns (error_logs, agent_activity_logs) stay nullable
  end if;
  if not exists (select 1 from auth.users where id = new.user_id) then
    raise exception 'user_id % does not exist in auth.users', new.user_id
      using errcode = '23503';
  end if;
  return new;
end
$$;

-- seed 001: cascade a deleted auth user's data. Tables that reference profiles cascade by
-- foreign key; these are the ones seed 001 links by trigger only.
create or replace function public.handle_auth_user_deletion()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public."Chat" where user_id = old.id;          -- messages, votes, streams, documents
  delete from public."Document" where user_id = old.id;      -- suggestions
  delete from public."Suggestion" where user_id = old.id;
  delete from public.usage_logs where user_id = old.id;
  delete from public.rate_limit_tracking where user_id = old.id;
  delete from public.github_repositories where user_id = old.id;
  delete from public.user_activity_logs where user_id = old.id;
  update public.agent_activity_logs set user_id = null where user_id = old.id;
  update public.error_logs set user_id = null where user_id = old.id;
  update public.error_logs set resolved_by = null where resolved_by = old.id;
  update public.admin_config set updated_by = null where updated_by = old.id;
  return old;
end
$$;

-- -----------------------------------------------------------------------------
-- Sign-in details for the admin users table (/admin/users).
--
-- Asking the Auth admin API for each row's last sign-in and ban (GET /admin/users/{id}) costs
-- 25 to 100 HTTP round trips per page view, each a full Auth request. Supabase Auth keeps both
-- facts in auth.users; this function reads them for one page of ids in the page's own
-- transaction.
--
-- SECURITY DEFINER (auth.users is not readable by `authenticated`), so it checks the caller
-- itself: an admin (profiles.role, via is_current_user_admin()) gets the rows, anyone else
-- none. Only the two columns the table shows leave auth.users, and at most 500 ids per call
-- (the first 500 elements, whatever the array's shape). An infinite ban reads as 9999-12-31.
-- -----------------------------------------------------------------------------
create or replace function public.admin_auth_user_details(p_ids uuid[])
returns table (id uuid, last_sign_in_at timestamptz, banned_until timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select u.id,
         case when isfinite(u.last_sign_in_at) then u.last_sign_in_at end,
         case when isfinite(u.banned_until) then u.banned_until
              when u.banned_until is not null then '9999-12-31 00:00:00+00'::timestamptz end
  from auth.users u
  where u.id in (select i from unnest(p_ids) as i limit 500)
    and (select public.is_current_user_admin())
$$;
revoke execute on function public.admin_auth_user_details(uuid[]) from public, anon;
grant execute on function public.admin_auth_user_details(uuid[]) to authenticated;

-- -----------------------------------------------------------------------------
-- A signed-out session writes nothing.
--
-- Access tokens are verified locally (signature and expiry) and stay valid until they expire,
-- while signing out, an admin's password reset, a ban or a deletion end the session in Auth at
-- once (auth.sessions rows deleted, auth.users.banned_until / deleted_at set). So every
-- transaction the app runs for a person (lib/db/run-as.ts, through withViewer) calls this
-- function in the same statement that sets the person's claims: one primary-key lookup of the
-- token's session_id in auth.sessions and one of its user in auth.users. A session that no
-- longer exists, has passed its not_after, or whose user is banned or deleted aborts the
-- transaction with SQLSTATE 28000 (invalid_authorization_specification), before any of the
-- request's queries run; the app reads that as "signed out".
--
-- The session's owner is `p_user`: the signed-in person, also while an admin views the console
-- as another user (then the claims' sub is the other user and the session is the admin's).
--
-- SECURITY DEFINER, because auth.sessions is not readable by the API roles (on Supabase too:
-- the function is owned by the migrations' role, which reads the auth tables there). EXECUTE
-- only for `authenticator`, the app's login: Postgres checks a function's EXECUTE privilege
-- when the statement starts, before set_config() switches to `authenticated` in the same
-- statement, so the app can call it while `anon` and `authenticated` (PostgREST's roles) cannot
-- use it to ask whether some session id exists.
-- -----------------------------------------------------------------------------
create or replace function public.assert_session_active(p_session_id uuid, p_user uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_session_id is null or p_user is null or not exists (
    select 1
    from auth.sessions s
    join auth.users u on u.id = s.user_id
    where s.id = p_session_id
      and s.user_id = p_user
      and (s.not_after is null or s.not_after > now())
      and (u.banned_until is null or u.banned_until <= now())
      and u.deleted_at is null
  ) then
    raise exception using
      errcode = '28000',
      message = 'session ended',
      detail = 'The access token''s session was signed out, expired or its user was banned or deleted.';
  end if;
  return true;
end;
$$;
revoke execute on function public.assert_session_active(uuid, uuid) from public, anon, authenticated;
grant execute on function public.assert_session_active(uuid, uuid) to authenticator;

-- -----------------------------------------------------------------------------
-- profiles (seed 004, seed 000)
-- -----------------------------------------------------------------------------
create index if not exists idx_profile_email on public.profiles (email);
create index if not exists idx_profiles_role on public.profiles (role);
create index if not exists idx_profiles_created on public.profiles ("createdAt" desc, id desc);

-- keyset pages of /admin/users sorted by name or role cost what page 1 costs
create index if not exists idx_profiles_name_sort on public.profiles ((coalesce(name, '')), id);
create index if not exists idx_profiles_role_sort on public.profiles (role, id);

-- -----------------------------------------------------------------------------
-- auth.users: profiles follow the identity; deletion cleans up (seed 001)
-- -----------------------------------------------------------------------------
create or replace trigger on_auth_user_created
  after insert on auth.users
  for each row execute function public.handle_new_auth_user();

create or replace trigger on_auth_user_email_changed
  after update of email on auth.users
  for each row when (new.email is distinct from old.email)
  execute function public.handle_auth_user_email_change();

create or replace trigger on_auth_user_deleted
  before delete on auth.users
  for each row execute function public.handle_auth_user_deletion();

-- -----------------------------------------------------------------------------
-- profiles
-- -----------------------------------------------------------------------------
create or replace trigger profiles_updated_at
  before update on public.profiles
  for each row execute function public.update_updated_at_camel();

create or replace trigger protect_profile_columns
  before update on public.profiles
  for each row execute function public.protect_profile_columns();

-- -----------------------------------------------------------------------------
-- enable RLS everywhere; anon gets no table privileges at all
-- -----------------------------------------------------------------------------
alter table public.profiles enable row level security;

-- -----------------------------------------------------------------------------
-- profiles (seed 004): own row; managers and admins read all (team progress);
-- admins update any. Role, trust_score and email are guarded by protect_profile_columns.
-- -----------------------------------------------------------------------------
-- SELECT(profiles): Users can read own profile
drop policy if exists "Users can read own profile" on public.profiles;
create policy "Users can read own profile" on public.profiles for select to authenticated
  using ((select auth.uid()) = id);

-- SELECT(profiles): Managers and admins can read all profiles
drop policy if exists "Managers and admins can read all profiles" on public.profiles;
create policy "Managers and admins can read all profiles" on public.profiles for select to authenticated
  using ((select public.get_user_role()) in ('admin', 'manager'));

-- UPDATE(profiles): Users can update own profile
drop policy if exists "Users can update own profile" on public.profiles;
create policy "Users can update own profile" on public.profiles for update to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);

-- UPDATE(profiles): Admins can update all profiles
drop policy if exists "Admins can update all profiles" on public.profiles;
create policy "Admins can update all profiles" on public.profiles for update to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
