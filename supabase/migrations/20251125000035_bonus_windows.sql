-- =============================================================================
-- Bonus windows and Likert scores (seed 004).
--   * Every approved user reads the bonus windows (their own progress is shown against them).
--   * public.bonus_tier() and public.bonus_progress(): per-user counts in a window, the tier
--     reached and the projection at the current pace, computed in SQL as the caller (RLS).
-- Window boundaries: a record counts when startTime <= createdAt < endTime (start inclusive,
-- end exclusive), so back-to-back windows never count a record twice.
-- =============================================================================
create table if not exists public.bonus_windows (
  id uuid primary key default gen_random_uuid(),
  name text not null default 'Bonus Window',
  "startTime" timestamptz not null,
  "endTime" timestamptz not null,
  "targetTaskCount" integer not null default 0 check ("targetTaskCount" >= 0),
  "targetFeedbackCount" integer not null default 0 check ("targetFeedbackCount" >= 0),
  "targetTaskCountTier2" integer not null default 0 check ("targetTaskCountTier2" >= 0),
  "targetFeedbackCountTier2" integer not null default 0 check ("targetFeedbackCountTier2" >= 0),
  "createdBy" uuid not null,   -- kept after the admin is deleted: an audit trail, not a link
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now(),
  constraint bonus_windows_end_after_start check ("endTime" > "startTime")
);

create table if not exists public.likert_scores (
  id text primary key default gen_random_uuid()::text,
  "recordId" text not null references public.data_records (id) on delete cascade,
  "userId" text not null,   -- a profile id, or the all-zero uuid for an LLM rating (seed 004)
  "realismScore" integer not null check ("realismScore" between 1 and 7),
  "qualityScore" integer not null check ("qualityScore" between 1 and 7),
  "llmModel" text,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Bonus progress
-- -----------------------------------------------------------------------------
-- The tier reached with these counts: tier N is reached when every enabled target of tier N is
-- met (a target of 0 disables that metric, seed 004); a tier whose targets are both 0 is not
-- offered and cannot be reached. Tier 2 wins over tier 1.
create or replace function public.bonus_tier(
  p_tasks integer, p_feedback integer,
  p_task1 integer, p_feedback1 integer, p_task2 integer, p_feedback2 integer
) returns integer
language sql immutable parallel safe
set search_path = ''
as $$
  select case
    when (p_task2 > 0 or p_feedback2 > 0)
         and (p_task2 = 0 or p_tasks >= p_task2) and (p_feedback2 = 0 or p_feedback >= p_feedback2) then 2
    when (p_task1 > 0 or p_feedback1 > 0)
         and (p_task1 = 0 or p_tasks >= p_task1) and (p_feedback1 = 0 or p_feedback >= p_feedback1) then 1
    else 0
  end
$$;

-- Per person the caller may see (managers and admins: every approved account; users: their
-- own), the tasks and feedback they created in the window, the tier reached, and the counts
-- projected to the window's end at the pace so far (equal to the counts once the window has
-- ended; null before it starts). Runs as the caller: RLS decides which profiles and records
-- count. Admins are listed only when they created records in the window (seed 004: admins
-- run the windows, they do not take part).
create or replace function public.bonus_progress(p_window_id uuid, p_as_of timestamptz default now())
returns table (
  user_id uuid,
  email text,
  name text,
  role public."UserRole",
  task_count integer,
  feedback_count integer,
  tier integer,
  projected_tasks integer,
  projected_feedback integer,
  projected_tier integer
)
language sql stable security invoker
set search_path = ''
as $$
  with w as (
    select b.*,
           extract(epoch from (b."endTime" - b."startTime")) as span,
           extract(epoch from (least(p_as_of, b."endTime") - b."startTime")) as elapsed
    from public.bonus_windows b
    where b.id = p_window_id
  ),
  counts as (
    select p.id, p.email, p.name, p.role, c.tasks::integer as tasks, c.feedback::integer as feedback
    from w
    cross join public.profiles p
    cross join lateral (
      select count(*) filter (where r.type = 'TASK') as tasks,
             count(*) filter (where r.type = 'FEEDBACK') as feedback
      from public.data_records r
      where r."createdById" = p.id::text
        and r."createdAt" >= w."startTime" and r."createdAt" < w."endTime"
        and r."createdAt" <= p_as_of   -- progress as of that moment (now: every record so far)
    ) c
    where p.role <> 'PENDING'
      and (p.role <> 'ADMIN' or c.tasks + c.feedback > 0)
  ),
  projected as (
    select c.*,
           case when w.elapsed <= 0 then null
                when p_as_of >= w."endTime" then c.tasks
                else ceil(c.tasks * w.span / w.elapsed)::integer end as ptasks,
           case when w.elapsed <= 0 then null
                when p_as_of >= w."endTime" then c.feedback
                else ceil(c.feedback * w.span / w.elapsed)::integer end as pfeedback,
           w."targetTaskCount" as t1, w."targetFeedbackCount" as f1,
           w."targetTaskCountTier2" as t2, w."targetFeedbackCountTier2" as f2
    from counts c cross join w
  )
  select id, email, name, role, tasks, feedback,
         public.bonus_tier(tasks, feedback, t1, f1, t2, f2),
         ptasks, pfeedback,
         case when ptasks is null then null else public.bonus_tier(ptasks, pfeedback, t1, f1, t2, f2) end
  from projected
  order by lower(email)
$$;
grant execute on function public.bonus_tier(integer, integer, integer, integer, integer, integer) to authenticated, service_role;
grant execute on function public.bonus_progress(uuid, timestamptz) to authenticated, service_role;

create index if not exists idx_likert_record on public.likert_scores ("recordId");
create index if not exists idx_likert_user on public.likert_scores ("userId");
create index if not exists idx_likert_model on public.likert_scores ("llmModel");
create unique index if not exists idx_likert_record_rater
  on public.likert_scores ("recordId", "userId", "llmModel") nulls not distinct;
create index if not exists idx_bonus_window_time on public.bonus_windows ("startTime", "endTime");

create or replace trigger bonus_windows_updated_at before update on public.bonus_windows
  for each row execute function public.update_updated_at_camel();

create or replace trigger likert_scores_updated_at before update on public.likert_scores
  for each row execute function public.update_updated_at_camel();

alter table public.bonus_windows enable row level security;
alter table public.likert_scores enable row level security;

-- SELECT(bonus_windows): Managers and admins can read bonus windows
drop policy if exists "Managers and admins can read bonus windows" on public.bonus_windows;
create policy "Managers and admins can read bonus windows" on public.bonus_windows for select to authenticated
  using ((select public.get_user_role()) in ('admin', 'manager'));

-- ALL(bonus_windows): Admins can manage bonus windows
drop policy if exists "Admins can manage bonus windows" on public.bonus_windows;
create policy "Admins can manage bonus windows" on public.bonus_windows for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- SELECT(likert_scores): Users can read scores on own projects' records
drop policy if exists "Users can read scores on own projects' records" on public.likert_scores;
create policy "Users can read scores on own projects' records" on public.likert_scores for select to authenticated
  using ("userId" = (select auth.uid())::text or exists (select 1 from public.data_records r join public.projects p on p.id = r."projectId" where r.id = "recordId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- INSERT(likert_scores): Users can rate records of own projects
drop policy if exists "Users can rate records of own projects" on public.likert_scores;
create policy "Users can rate records of own projects" on public.likert_scores for insert to authenticated
  with check ("userId" = (select auth.uid())::text and exists (select 1 from public.data_records r join public.projects p on p.id = r."projectId" where r.id = "recordId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- UPDATE(likert_scores): Users can update own scores
drop policy if exists "Users can update own scores" on public.likert_scores;
create policy "Users can update own scores" on public.likert_scores for update to authenticated
  using ("userId" = (select auth.uid())::text)
  with check ("userId" = (select auth.uid())::text);

-- DELETE(likert_scores): Users can delete own scores
drop policy if exists "Users can delete own scores" on public.likert_scores;
create policy "Users can delete own scores" on public.likert_scores for delete to authenticated
  using ("userId" = (select auth.uid())::text);

-- ALL(likert_scores): Admins can manage likert scores
drop policy if exists "Admins can manage likert scores" on public.likert_scores;
create policy "Admins can manage likert scores" on public.likert_scores for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- SELECT(likert_scores): Managers can read likert scores
drop policy if exists "Managers can read likert scores" on public.likert_scores;
create policy "Managers can read likert scores" on public.likert_scores for select to authenticated
  using ((select public.get_user_role()) = 'manager');

-- ALL(bonus_windows): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.bonus_windows;
create policy "Pending accounts get nothing" on public.bonus_windows as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(likert_scores): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.likert_scores;
create policy "Pending accounts get nothing" on public.likert_scores as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- -----------------------------------------------------------------------------
-- Read policies for users
-- -----------------------------------------------------------------------------
-- SELECT(bonus_windows): Users can read bonus windows (their own progress is shown against them)
drop policy if exists "Users can read bonus windows" on public.bonus_windows;
create policy "Users can read bonus windows" on public.bonus_windows for select to authenticated
  using ((select public.get_user_role()) = 'user');
