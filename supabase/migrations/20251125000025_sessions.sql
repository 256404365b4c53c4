-- =============================================================================
-- Code-generation sessions (seed 003)
-- =============================================================================
-- -----------------------------------------------------------------------------
-- Seed 003: code-generation sessions
-- -----------------------------------------------------------------------------
create table if not exists public.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  status text not null default 'active' check (status in ('active', 'paused', 'finalized', 'error')),
  source text not null default 'prompt' check (source in ('prompt', 'code')),
  original_input text not null check (length(original_input) > 0),
  current_ir jsonb,
  current_code text,
  revision_count integer not null default 0,
  draft_count integer not null default 0,
  hole_count integer not null default 0,
  metadata jsonb default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finalized_at timestamptz
);

create table if not exists public.session_revisions (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  revision_number integer not null check (revision_number > 0),
  source text not null check (source in ('initial', 'refinement', 'repair', 'user_edit')),
  ir_content jsonb not null,
  validation_result jsonb,
  changed_fields text[] default array[]::text[],
  change_summary text,
  metadata jsonb default '{}'::jsonb,
  created_at timestamptz not null default now(),
  constraint session_revisions_session_id_revision_number_key unique (session_id, revision_number)
);

create table if not exists public.session_drafts (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  ir_revision_id uuid references public.session_revisions (id) on delete set null,
  draft_number integer not null check (draft_number > 0),
  source text not null check (source in ('initial_generation', 'ast_repair', 'llm_regeneration', 'user_edit')),
  code_content text not null check (length(code_content) > 0),
  language text not null default 'python',
  syntax_valid boolean not null default false,
  ast_valid boolean not null default false,
  validation_errors jsonb default '[]'::jsonb,
  generation_time_ms integer,
  validation_time_ms integer,
  llm_tokens_used integer,
  llm_cost_usd numeric(10, 6),
  metadata jsonb default '{}'::jsonb,
  created_at timestamptz not null default now(),
  constraint session_drafts_session_id_draft_number_key unique (session_id, draft_number)
);

create table if not exists public.hole_resolutions (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  ir_revision_id uuid references public.session_revisions (id) on delete set null,
  hole_id text not null,
  hole_type text not null check (hole_type in ('type', 'parameter', 'return_value', 'validation', 'entity', 'constraint', 'other')),
  resolution_method text not null check (resolution_method in ('user_selection', 'ai_suggestion', 'inference', 'default')),
  resolved_value jsonb not null,
  confidence_score numeric(3, 2) check (confidence_score between 0 and 1),
  original_hole_data jsonb,
  suggestions_provided jsonb default '[]'::jsonb,
  user_feedback text,
  metadata jsonb default '{}'::jsonb,
  created_at timestamptz not null default now(),
  constraint hole_resolutions_session_revision_hole_key unique (session_id, ir_revision_id, hole_id)
);

-- -----------------------------------------------------------------------------
-- seed 003: denormalised counters on sessions.
-- -----------------------------------------------------------------------------
create or replace function public.update_session_revision_count()
returns trigger language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    update public.sessions set revision_count = revision_count + 1 where id = new.session_id;
    return new;
  end if;
  update public.sessions set revision_count = greatest(revision_count - 1, 0) where id = old.session_id;
  return old;
end
$$;

create or replace function public.update_session_draft_count()
returns trigger language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    update public.sessions set draft_count = draft_count + 1 where id = new.session_id;
    return new;
  end if;
  update public.sessions set draft_count = greatest(draft_count - 1, 0) where id = old.session_id;
  return old;
end
$$;

create or replace function public.update_session_hole_count()
returns trigger language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    update public.sessions set hole_count = hole_count + 1 where id = new.session_id;
    return new;
  end if;
  update public.sessions set hole_count = greatest(hole_count - 1, 0) where id = old.session_id;
  return old;
end
$$;

-- -----------------------------------------------------------------------------
-- seed 003
-- -----------------------------------------------------------------------------
create index if not exists idx_sessions_user_id on public.sessions (user_id);
create index if not exists idx_sessions_status on public.sessions (status);
create index if not exists idx_sessions_created_at on public.sessions (created_at desc);
create index if not exists idx_sessions_user_status on public.sessions (user_id, status);
create index if not exists idx_sessions_current_ir on public.sessions using gin (current_ir);
create index if not exists idx_sessions_metadata on public.sessions using gin (metadata);
create index if not exists idx_revisions_session_id on public.session_revisions (session_id);
create index if not exists idx_revisions_session_revision on public.session_revisions (session_id, revision_number desc);
create index if not exists idx_revisions_created_at on public.session_revisions (created_at desc);
create index if not exists idx_revisions_source on public.session_revisions (source);
create index if not exists idx_revisions_ir_content on public.session_revisions using gin (ir_content);
create index if not exists idx_revisions_metadata on public.session_revisions using gin (metadata);
create index if not exists idx_revisions_changed_fields on public.session_revisions using gin (changed_fields);
create index if not exists idx_drafts_session_id on public.session_drafts (session_id);
create index if not exists idx_drafts_session_draft on public.session_drafts (session_id, draft_number desc);
create index if not exists idx_drafts_ir_revision_id on public.session_drafts (ir_revision_id);
create index if not exists idx_drafts_created_at on public.session_drafts (created_at desc);
create index if not exists idx_drafts_source on public.session_drafts (source);
create index if not exists idx_drafts_valid on public.session_drafts (syntax_valid, ast_valid);
create index if not exists idx_drafts_validation_errors on public.session_drafts using gin (validation_errors);
create index if not exists idx_drafts_metadata on public.session_drafts using gin (metadata);
create index if not exists idx_resolutions_session_id on public.hole_resolutions (session_id);
create index if not exists idx_resolutions_ir_revision_id on public.hole_resolutions (ir_revision_id);
create index if not exists idx_resolutions_hole_type on public.hole_resolutions (hole_type);
create index if not exists idx_resolutions_resolution_method on public.hole_resolutions (resolution_method);
create index if not exists idx_resolutions_created_at on public.hole_resolutions (created_at desc);
create index if not exists idx_resolutions_resolved_value on public.hole_resolutions using gin (resolved_value);
create index if not exists idx_resolutions_original_data on public.hole_resolutions using gin (original_hole_data);
create index if not exists idx_resolutions_suggestions on public.hole_resolutions using gin (suggestions_provided);
create index if not exists idx_resolutions_metadata on public.hole_resolutions using gin (metadata);

-- Session pages: the viewer's sessions newest first, keyset on (created_at, id).
create index if not exists idx_sessions_user_created on public.sessions (user_id, created_at desc, id desc);

-- -----------------------------------------------------------------------------
-- seed 003
-- -----------------------------------------------------------------------------
create or replace trigger trigger_sessions_updated_at
  before update on public.sessions
  for each row execute function public.update_updated_at_column();

create or replace trigger trigger_revisions_count_insert
  after insert on public.session_revisions
  for each row execute function public.update_session_revision_count();

create or replace trigger trigger_revisions_count_delete
  after delete on public.session_revisions
  for each row execute function public.update_session_revision_count();

create or replace trigger trigger_drafts_count_insert
  after insert on public.session_drafts
  for each row execute function public.update_session_draft_count();

create or replace trigger trigger_drafts_count_delete
  after delete on public.session_drafts
  for each row execute function public.update_session_draft_count();

create or replace trigger trigger_resolutions_count_insert
  after insert on public.hole_resolutions
  for each row execute function public.update_session_hole_count();

create or replace trigger trigger_resolutions_count_delete
  after delete on public.hole_resolutions
  for each row execute function public.update_session_hole_count();

create or replace view public.session_summary
with (security_invoker = true)
as
select
  s.id,
  s.user_id,
  s.status,
  s.source,
  s.original_input,
  s.current_ir,
  s.current_code,
  s.revision_count,
  s.draft_count,
  s.hole_count,
  s.metadata,
  s.created_at,
  s.updated_at,
  s.finalized_at,
  r.latest_revision_number,
  d.latest_draft_number,
  ld.latest_draft_valid,
  coalesce(d.total_generation_time_ms, 0)::bigint as total_generation_time_ms,
  coalesce(d.total_llm_cost_usd, 0)::numeric(12, 6) as total_llm_cost_usd,
  coalesce(d.total_llm_tokens_used, 0)::bigint as total_llm_tokens_used,
  extract(epoch from (s.updated_at - s.created_at))::numeric as session_duration_seconds,
  extract(epoch from (s.finalized_at - s.created_at))::numeric as time_to_finalization_seconds
from public.sessions s
left join lateral (
  select max(sr.revision_number) as latest_revision_number
  from public.session_revisions sr where sr.session_id = s.id
) r on true
left join lateral (
  select max(sd.draft_number) as latest_draft_number,
         sum(sd.generation_time_ms) as total_generation_time_ms,
         sum(sd.llm_cost_usd) as total_llm_cost_usd,
         sum(sd.llm_tokens_used) as total_llm_tokens_used
  from public.session_drafts sd where sd.session_id = s.id
) d on true
left join lateral (
  select sd.syntax_valid and sd.ast_valid as latest_draft_valid
  from public.session_drafts sd where sd.session_id = s.id
  order by sd.draft_number desc limit 1
) ld on true;

create or replace view public.user_analytics
with (security_invoker = true)
as
select
  s.user_id,
  count(*)::bigint as total_sessions,
  count(*) filter (where s.status = 'finalized')::bigint as finalized_sessions,
  count(*) filter (where s.status = 'active')::bigint as active_sessions,
  count(*) filter (where s.status = 'error')::bigint as error_sessions,
  coalesce(sum(s.revision_count), 0)::bigint as total_revisions,
  coalesce(sum(s.draft_count), 0)::bigint as total_drafts,
  round(avg(s.revision_count), 2) as avg_revisions_per_session,
  round(avg(s.draft_count), 2) as avg_drafts_per_session,
  min(s.created_at) as first_session_at,
  max(s.created_at) as last_session_at,
  coalesce(sum(dc.cost), 0)::numeric(12, 6) as total_llm_cost_usd,
  coalesce(sum(dc.tokens), 0)::bigint as total_llm_tokens_used,
  round(avg(extract(epoch from (s.finalized_at - s.created_at))) filter (where s.finalized_at is not null), 2)
    as avg_time_to_finalization_seconds
from public.sessions s
left join lateral (
  select sum(sd.llm_cost_usd) as cost, sum(sd.llm_tokens_used) as tokens
  from public.session_drafts sd where sd.session_id = s.id
) dc on true
group by s.user_id;

create or replace view public.recent_activity
with (security_invoker = true)
as
select 'session_created'::text as event_type, s.id as session_id, s.user_id,
       null::uuid as revision_id, null::uuid as draft_id, null::uuid as resolution_id,
       s.created_at as event_time,
       jsonb_build_object('status', s.status, 'source', s.source,
                          'original_input', left(s.original_input, 200)) as event_data
from public.sessions s
union all
select 'revision_created', r.session_id, s.user_id, r.id, null, null, r.created_at,
       jsonb_build_object('revision_number', r.revision_number, 'source', r.source,
                          'changed_fields', to_jsonb(r.changed_fields), 'change_summary', r.change_summary)
from public.session_revisions r
join public.sessions s on s.id = r.session_id
union all
select 'draft_created', d.session_id, s.user_id, d.ir_revision_id, d.id, null, d.created_at,
       jsonb_build_object('draft_number', d.draft_number, 'source', d.source, 'language', d.language,
                          'syntax_valid', d.syntax_valid, 'ast_valid', d.ast_valid,
                          'generation_time_ms', d.generation_time_ms, 'llm_cost_usd', d.llm_cost_usd)
from public.session_drafts d
join public.sessions s on s.id = d.session_id
union all
select 'hole_resolved', h.session_id, s.user_id, h.ir_revision_id, null, h.id, h.created_at,
       jsonb_build_object('hole_id', h.hole_id, 'hole_type', h.hole_type,
                          'resolution_method', h.resolution_method, 'confidence_score', h.confidence_score)
from public.hole_resolutions h
join public.sessions s on s.id = h.session_id;

create or replace view public.draft_validation_stats
with (security_invoker = true)
as
select
  d.session_id,
  s.user_id,
  count(*)::bigint as total_drafts,
  count(*) filter (where d.syntax_valid)::bigint as syntax_valid_count,
  count(*) filter (where d.ast_valid)::bigint as ast_valid_count,
  count(*) filter (where d.syntax_valid and d.ast_valid)::bigint as fully_valid_count,
  round(100.0 * count(*) filter (where d.syntax_valid) / count(*), 2) as syntax_valid_percent,
  round(100.0 * count(*) filter (where d.ast_valid) / count(*), 2) as ast_valid_percent,
  round(100.0 * count(*) filter (where d.syntax_valid and d.ast_valid) / count(*), 2) as fully_valid_percent,
  round(avg(d.generation_time_ms), 2) as avg_generation_time_ms,
  round(avg(d.validation_time_ms), 2) as avg_validation_time_ms,
  coalesce(sum(d.llm_cost_usd), 0)::numeric(12, 6) as total_llm_cost_usd
from public.session_drafts d
join public.sessions s on s.id = d.session_id
group by d.session_id, s.user_id;

alter table public.sessions enable row level security;
alter table public.session_revisions enable row level security;
alter table public.session_drafts enable row level security;
alter table public.hole_resolutions enable row level security;

-- -----------------------------------------------------------------------------
-- Who may read and who may write a session (and its revisions, drafts and hole resolutions):
-- the one definition of each rule (see chat_read_rule for why they take the viewer as arguments
-- and how the planner inlines them).
--   read:  its owner, or an admin
--   write: its owner
-- -----------------------------------------------------------------------------
create or replace function public.session_read_rule(p_owner uuid, p_viewer uuid, p_viewer_is_admin boolean)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer or p_viewer_is_admin
$$;

create or replace function public.session_write_rule(p_owner uuid, p_viewer uuid)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer
$$;

-- -----------------------------------------------------------------------------
-- seed 003: sessions; child rows through the parent session (as documented)
-- -----------------------------------------------------------------------------
-- SELECT(sessions): its owner or an admin
drop policy if exists "Owners and admins can read sessions" on public.sessions;
create policy "Owners and admins can read sessions" on public.sessions for select to authenticated
  using (public.session_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- INSERT(sessions): Users can create own sessions
drop policy if exists "Users can create own sessions" on public.sessions;
create policy "Users can create own sessions" on public.sessions for insert to authenticated
  with check (public.session_write_rule(user_id, (select auth.uid())));

-- UPDATE(sessions): Users can update own sessions
drop policy if exists "Users can update own sessions" on public.sessions;
create policy "Users can update own sessions" on public.sessions for update to authenticated
  using (public.session_write_rule(user_id, (select auth.uid())))
  with check (public.session_write_rule(user_id, (select auth.uid())));

-- DELETE(sessions): Users can delete own sessions
drop policy if exists "Users can delete own sessions" on public.sessions;
create policy "Users can delete own sessions" on public.sessions for delete to authenticated
  using (public.session_write_rule(user_id, (select auth.uid())));

-- SELECT(session_revisions): whoever may read the session
drop policy if exists "Readers of a session can read its revisions" on public.session_revisions;
create policy "Readers of a session can read its revisions" on public.session_revisions for select to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_read_rule(s.user_id, (select auth.uid()), (select public.is_current_user_admin()))));

-- INSERT(session_revisions): Users can create revisions of own sessions
drop policy if exists "Users can create revisions of own sessions" on public.session_revisions;
create policy "Users can create revisions of own sessions" on public.session_revisions for insert to authenticated
  with check (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- UPDATE(session_revisions): Users can update revisions of own sessions
drop policy if exists "Users can update revisions of own sessions" on public.session_revisions;
create policy "Users can update revisions of own sessions" on public.session_revisions for update to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))))
  with check (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- DELETE(session_revisions): Users can delete revisions of own sessions
drop policy if exists "Users can delete revisions of own sessions" on public.session_revisions;
create policy "Users can delete revisions of own sessions" on public.session_revisions for delete to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- SELECT(session_drafts): whoever may read the session
drop policy if exists "Readers of a session can read its drafts" on public.session_drafts;
create policy "Readers of a session can read its drafts" on public.session_drafts for select to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_read_rule(s.user_id, (select auth.uid()), (select public.is_current_user_admin()))));

-- INSERT(session_drafts): Users can create drafts of own sessions
drop policy if exists "Users can create drafts of own sessions" on public.session_drafts;
create policy "Users can create drafts of own sessions" on public.session_drafts for insert to authenticated
  with check (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- UPDATE(session_drafts): Users can update drafts of own sessions
drop policy if exists "Users can update drafts of own sessions" on public.session_drafts;
create policy "Users can update drafts of own sessions" on public.session_drafts for update to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))))
  with check (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- DELETE(session_drafts): Users can delete drafts of own sessions
drop policy if exists "Users can delete drafts of own sessions" on public.session_drafts;
create policy "Users can delete drafts of own sessions" on public.session_drafts for delete to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- SELECT(hole_resolutions): whoever may read the session
drop policy if exists "Readers of a session can read its hole resolutions" on public.hole_resolutions;
create policy "Readers of a session can read its hole resolutions" on public.hole_resolutions for select to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_read_rule(s.user_id, (select auth.uid()), (select public.is_current_user_admin()))));

-- INSERT(hole_resolutions): Users can create hole resolutions of own sessions
drop policy if exists "Users can create hole resolutions of own sessions" on public.hole_resolutions;
create policy "Users can create hole resolutions of own sessions" on public.hole_resolutions for insert to authenticated
  with check (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- UPDATE(hole_resolutions): Users can update hole resolutions of own sessions
drop policy if exists "Users can update hole resolutions of own sessions" on public.hole_resolutions;
create policy "Users can update hole resolutions of own sessions" on public.hole_resolutions for update to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))))
  with check (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- DELETE(hole_resolutions): Users can delete hole resolutions of own sessions
drop policy if exists "Users can delete hole resolutions of own sessions" on public.hole_resolutions;
create policy "Users can delete hole resolutions of own sessions" on public.hole_resolutions for delete to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and public.session_write_rule(s.user_id, (select auth.uid()))));

-- ALL(sessions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.sessions;
create policy "Pending accounts get nothing" on public.sessions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(session_revisions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.session_revisions;
create policy "Pending accounts get nothing" on public.session_revisions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(session_drafts): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.session_drafts;
create policy "Pending accounts get nothing" on public.session_drafts as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(hole_resolutions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.hole_resolutions;
create policy "Pending accounts get nothing" on public.hole_resolutions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
