-- =============================================================================
-- Issue 8: projects, CSV ingest, Likert scores and bonus progress (seed 004).
--
--   1. ingest_skipped_rows: every row an ingest job skipped, with its line and reason, so the
--      admin can download them as CSV (ingest_jobs."skippedDetails" keeps the counts by reason).
--   2. Indexes the pages and the ingest need: a project's records newest first (keyset), and
--      the duplicate check of the ingest (a hash index on content).
--   3. Read policies the pages need: every approved user reads the bonus windows and the
--      records they created (their own bonus progress), and the four non-secret AI settings
--      (ai_provider, ai_host, llm_model, embedding_model; openrouter_key stays admin-only).
--   4. public.bonus_tier() and public.bonus_progress(): per-user counts in a window, the tier
--      reached and the projection at the current pace, computed in SQL as the caller (RLS).
--
-- Window boundaries: a record counts when startTime <= createdAt < endTime (start inclusive,
-- end exclusive), so back-to-back windows never count a record twice.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- 1. ingest_skipped_rows
-- -----------------------------------------------------------------------------
create table if not exists public.ingest_skipped_rows (
  id text primary key default gen_random_uuid()::text,
  "jobId" text not null references public.ingest_jobs (id) on delete cascade,
  line integer not null,                 -- 1-based line of the CSV file (the header is line 1)
  reason text not null,                  -- the key counted in ingest_jobs."skippedDetails"
  message text,                          -- what was wrong, for people
  "row" jsonb,                           -- the row's fields as read (header -> value)
  "createdAt" timestamptz not null default now()
);
create index if not exists idx_ingest_skipped_job_line on public.ingest_skipped_rows ("jobId", line);

alter table public.ingest_skipped_rows enable row level security;
revoke all on public.ingest_skipped_rows from anon;

-- SELECT(ingest_skipped_rows): Users can read skipped rows of own projects' jobs
drop policy if exists "Users can read skipped rows of own jobs" on public.ingest_skipped_rows;
create policy "Users can read skipped rows of own jobs" on public.ingest_skipped_rows for select to authenticated
  using (exists (select 1 from public.ingest_jobs j join public.projects p on p.id = j."projectId"
                 where j.id = "jobId" and p."ownerId" = (select auth.uid())));
-- INSERT(ingest_skipped_rows): Users can record skipped rows of own projects' jobs
drop policy if exists "Users can record skipped rows of own jobs" on public.ingest_skipped_rows;
create policy "Users can record skipped rows of own jobs" on public.ingest_skipped_rows for insert to authenticated
  with check (exists (select 1 from public.ingest_jobs j join public.projects p on p.id = j."projectId"
                      where j.id = "jobId" and p."ownerId" = (select auth.uid())));
-- DELETE(ingest_skipped_rows): Users can delete skipped rows of own projects' jobs
drop policy if exists "Users can delete skipped rows of own jobs" on public.ingest_skipped_rows;
create policy "Users can delete skipped rows of own jobs" on public.ingest_skipped_rows for delete to authenticated
  using (exists (select 1 from public.ingest_jobs j join public.projects p on p.id = j."projectId"
                 where j.id = "jobId" and p."ownerId" = (select auth.uid())));
-- ALL(ingest_skipped_rows): Admins can manage skipped rows
drop policy if exists "Admins can manage skipped rows" on public.ingest_skipped_rows;
create policy "Admins can manage skipped rows" on public.ingest_skipped_rows for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- ALL(ingest_skipped_rows): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.ingest_skipped_rows;
create policy "Pending accounts get nothing" on public.ingest_skipped_rows as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- -----------------------------------------------------------------------------
-- 2. indexes
-- -----------------------------------------------------------------------------
-- A project's records, newest first, paged by keyset on ("createdAt", id).
create index if not exists idx_record_project_created on public.data_records ("projectId", "createdAt" desc, id desc);
-- The ingest's duplicate check: same project, same type, same content. A hash index on the
-- content itself (any length; it stores hash codes): the check runs under RLS, where only
-- leakproof operators such as text = text may drive an index scan (an md5(content) expression
-- index would not be used, and every row would scan the project).
create index if not exists idx_record_content_hash on public.data_records using hash (content);
-- The ingest's per-job cursor for vectorisation and the "vectorization pending" check.
create index if not exists idx_ingest_job_project_created on public.ingest_jobs ("projectId", "createdAt" desc);

-- -----------------------------------------------------------------------------
-- 3. read policies for users
-- -----------------------------------------------------------------------------
-- SELECT(bonus_windows): Users can read bonus windows (their own progress is shown against them)
drop policy if exists "Users can read bonus windows" on public.bonus_windows;
create policy "Users can read bonus windows" on public.bonus_windows for select to authenticated
  using ((select public.get_user_role()) = 'user');
-- SELECT(data_records): Users can read records they created (own bonus progress, any project)
drop policy if exists "Users can read records they created" on public.data_records;
create policy "Users can read records they created" on public.data_records for select to authenticated
  using ("createdById" = (select auth.uid())::text);
-- SELECT(system_settings): Users can read the AI settings shown on project pages (never the key)
drop policy if exists "Users can read AI settings" on public.system_settings;
create policy "Users can read AI settings" on public.system_settings for select to authenticated
  using (key in ('ai_provider', 'ai_host', 'llm_model', 'embedding_model'));

-- -----------------------------------------------------------------------------
-- 4. bonus progress
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
