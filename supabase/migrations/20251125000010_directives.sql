-- =============================================================================
-- Directive registry (seed 000)
-- =============================================================================
-- -----------------------------------------------------------------------------
-- seed 000: semver check, and exactly one latest version per directive.
-- -----------------------------------------------------------------------------
create or replace function public.is_valid_semver(version text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select version ~ '^[0-9]+\.[0-9]+\.[0-9]+(-[a-zA-Z0-9.-]+)?(\+[a-zA-Z0-9.-]+)?$'
$$;

-- -----------------------------------------------------------------------------
-- Seed 000: directive registry
-- -----------------------------------------------------------------------------
create table if not exists public.directives (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  category text not null,
  subcategory text,
  description text,
  author_id uuid references public.profiles (id) on delete set null,
  is_official boolean not null default false,
  download_count integer not null default 0,
  quality_score numeric not null default 0,
  tech_stack jsonb not null default '[]'::jsonb,
  dependencies jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.directive_versions (
  id uuid primary key default gen_random_uuid(),
  directive_id uuid not null references public.directives (id) on delete cascade,
  version text not null,
  content text not null,
  content_hash text not null,
  changelog text,
  is_latest boolean not null default false,
  created_at timestamptz not null default now(),
  constraint directive_versions_directive_id_version_key unique (directive_id, version)
);

create table if not exists public.runs (
  id uuid primary key default gen_random_uuid(),
  directive_name text not null,
  directive_version text,
  status text not null check (status in ('success', 'error', 'partial_success')),
  duration_sec numeric,
  cost_usd numeric,
  inputs jsonb,
  outputs jsonb,
  error text,
  user_id uuid references public.profiles (id) on delete cascade,
  project_context jsonb,
  created_at timestamptz not null default now()
);

create table if not exists public.lockfiles (
  id uuid primary key default gen_random_uuid(),
  project_hash text not null,
  user_id uuid references public.profiles (id) on delete cascade,
  locked_versions jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'directive_versions_version_semver') then
    alter table public.directive_versions
      add constraint directive_versions_version_semver check (public.is_valid_semver(version));
  end if;
end
$$;

-- A new latest version demotes the previous one; a unique partial index makes two latest
-- versions impossible even for writers that bypass this trigger.
create or replace function public.directive_versions_single_latest()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.is_latest and (tg_op = 'INSERT' or not old.is_latest) then
    update public.directive_versions
       set is_latest = false
     where directive_id = new.directive_id and is_latest and id <> new.id;
  end if;
  return new;
end
$$;

-- -----------------------------------------------------------------------------
-- seed 000
-- -----------------------------------------------------------------------------
create index if not exists idx_directives_name on public.directives (name);
create index if not exists idx_directives_category on public.directives (category);
create index if not exists idx_directives_subcategory on public.directives (subcategory);
create index if not exists idx_directives_author_id on public.directives (author_id);
create index if not exists idx_directive_versions_directive_id on public.directive_versions (directive_id);
create unique index if not exists idx_directive_versions_latest
  on public.directive_versions (directive_id) where is_latest = true;
create index if not exists idx_runs_directive_name on public.runs (directive_name);
create index if not exists idx_runs_status on public.runs (status);
create index if not exists idx_runs_user_id on public.runs (user_id);
create index if not exists idx_runs_created_at on public.runs (created_at desc);
create index if not exists idx_lockfiles_project_hash on public.lockfiles (project_hash);
create index if not exists idx_lockfiles_user_id on public.lockfiles (user_id);

-- A directive's runs, newest first (the directive page).
create index if not exists idx_runs_directive_created on public.runs (directive_name, created_at desc);

-- -----------------------------------------------------------------------------
-- seed 000
-- -----------------------------------------------------------------------------
create or replace trigger directives_updated_at
  before update on public.directives
  for each row execute function public.update_updated_at();

create or replace trigger lockfiles_updated_at
  before update on public.lockfiles
  for each row execute function public.update_updated_at();

create or replace trigger directive_versions_single_latest
  before insert or update of is_latest on public.directive_versions
  for each row execute function public.directive_versions_single_latest();

alter table public.directives enable row level security;
alter table public.directive_versions enable row level security;
alter table public.runs enable row level security;
alter table public.lockfiles enable row level security;

-- -----------------------------------------------------------------------------
-- Who may write a directive (and its versions): its author, or an admin. The one definition of
-- the rule (see chat_read_rule for why it takes the viewer as arguments and how the planner
-- inlines it). Everyone signed in reads the registry.
-- -----------------------------------------------------------------------------
create or replace function public.directive_write_rule(p_author uuid, p_viewer uuid, p_viewer_is_admin boolean)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_author operator(pg_catalog.=) p_viewer or p_viewer_is_admin
$$;

-- -----------------------------------------------------------------------------
-- seed 000: the directive registry is readable by every signed-in user
-- -----------------------------------------------------------------------------
-- SELECT(directives): Authenticated users can read directives
drop policy if exists "Authenticated users can read directives" on public.directives;
create policy "Authenticated users can read directives" on public.directives for select to authenticated
  using (true);

-- INSERT(directives): its author or an admin
drop policy if exists "Authors and admins can create directives" on public.directives;
create policy "Authors and admins can create directives" on public.directives for insert to authenticated
  with check (public.directive_write_rule(author_id, (select auth.uid()), (select public.is_current_user_admin())));

-- UPDATE(directives): its author or an admin
drop policy if exists "Authors and admins can update directives" on public.directives;
create policy "Authors and admins can update directives" on public.directives for update to authenticated
  using (public.directive_write_rule(author_id, (select auth.uid()), (select public.is_current_user_admin())))
  with check (public.directive_write_rule(author_id, (select auth.uid()), (select public.is_current_user_admin())));

-- DELETE(directives): its author or an admin
drop policy if exists "Authors and admins can delete directives" on public.directives;
create policy "Authors and admins can delete directives" on public.directives for delete to authenticated
  using (public.directive_write_rule(author_id, (select auth.uid()), (select public.is_current_user_admin())));

-- SELECT(directive_versions): Authenticated users can read directive versions
drop policy if exists "Authenticated users can read directive versions" on public.directive_versions;
create policy "Authenticated users can read directive versions" on public.directive_versions for select to authenticated
  using (true);

-- INSERT(directive_versions): whoever may write the directive
drop policy if exists "Writers of a directive can create its versions" on public.directive_versions;
create policy "Writers of a directive can create its versions" on public.directive_versions for insert to authenticated
  with check (exists (select 1 from public.directives d where d.id = directive_id
                and public.directive_write_rule(d.author_id, (select auth.uid()), (select public.is_current_user_admin()))));

-- UPDATE(directive_versions): whoever may write the directive
drop policy if exists "Writers of a directive can update its versions" on public.directive_versions;
create policy "Writers of a directive can update its versions" on public.directive_versions for update to authenticated
  using (exists (select 1 from public.directives d where d.id = directive_id
                and public.directive_write_rule(d.author_id, (select auth.uid()), (select public.is_current_user_admin()))))
  with check (exists (select 1 from public.directives d where d.id = directive_id
                and public.directive_write_rule(d.author_id, (select auth.uid()), (select public.is_current_user_admin()))));

-- DELETE(directive_versions): whoever may write the directive
drop policy if exists "Writers of a directive can delete its versions" on public.directive_versions;
create policy "Writers of a directive can delete its versions" on public.directive_versions for delete to authenticated
  using (exists (select 1 from public.directives d where d.id = directive_id
                and public.directive_write_rule(d.author_id, (select auth.uid()), (select public.is_current_user_admin()))));

-- SELECT(runs): Users can read own runs
drop policy if exists "Users can read own runs" on public.runs;
create policy "Users can read own runs" on public.runs for select to authenticated
  using ((select auth.uid()) = user_id);

-- INSERT(runs): Users can create own runs
drop policy if exists "Users can create own runs" on public.runs;
create policy "Users can create own runs" on public.runs for insert to authenticated
  with check ((select auth.uid()) = user_id);

-- UPDATE(runs): Users can update own runs
drop policy if exists "Users can update own runs" on public.runs;
create policy "Users can update own runs" on public.runs for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

-- DELETE(runs): Users can delete own runs
drop policy if exists "Users can delete own runs" on public.runs;
create policy "Users can delete own runs" on public.runs for delete to authenticated
  using ((select auth.uid()) = user_id);

-- SELECT(runs): Admins can read all runs
drop policy if exists "Admins can read all runs" on public.runs;
create policy "Admins can read all runs" on public.runs for select to authenticated
  using ((select public.is_current_user_admin()));

-- SELECT(lockfiles): Users can read own lockfiles
drop policy if exists "Users can read own lockfiles" on public.lockfiles;
create policy "Users can read own lockfiles" on public.lockfiles for select to authenticated
  using ((select auth.uid()) = user_id);

-- INSERT(lockfiles): Users can create own lockfiles
drop policy if exists "Users can create own lockfiles" on public.lockfiles;
create policy "Users can create own lockfiles" on public.lockfiles for insert to authenticated
  with check ((select auth.uid()) = user_id);

-- UPDATE(lockfiles): Users can update own lockfiles
drop policy if exists "Users can update own lockfiles" on public.lockfiles;
create policy "Users can update own lockfiles" on public.lockfiles for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

-- DELETE(lockfiles): Users can delete own lockfiles
drop policy if exists "Users can delete own lockfiles" on public.lockfiles;
create policy "Users can delete own lockfiles" on public.lockfiles for delete to authenticated
  using ((select auth.uid()) = user_id);

-- SELECT(lockfiles): Admins can read all lockfiles
drop policy if exists "Admins can read all lockfiles" on public.lockfiles;
create policy "Admins can read all lockfiles" on public.lockfiles for select to authenticated
  using ((select public.is_current_user_admin()));

-- -----------------------------------------------------------------------------
-- PENDING accounts (self sign-ups an admin has not approved) see and write nothing but
-- their own profile (docs/access-model.md#pending-accounts). A RESTRICTIVE policy is ANDed with every
-- permissive one above, so no other policy can open a table to them by accident.
-- -----------------------------------------------------------------------------
-- ALL(directives): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.directives;
create policy "Pending accounts get nothing" on public.directives as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(directive_versions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.directive_versions;
create policy "Pending accounts get nothing" on public.directive_versions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(runs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.runs;
create policy "Pending accounts get nothing" on public.runs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(lockfiles): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.lockfiles;
create policy "Pending accounts get nothing" on public.lockfiles as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
