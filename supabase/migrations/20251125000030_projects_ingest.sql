-- =============================================================================
-- Projects, records and ingest (seed 004)
-- =============================================================================
-- -----------------------------------------------------------------------------
-- Seed 004: operations tools (snake_case plural tables, camelCase columns)
-- -----------------------------------------------------------------------------
create table if not exists public.projects (
  id text primary key default gen_random_uuid()::text,
  name text not null unique,
  "ownerId" uuid references public.profiles (id) on delete cascade,
  guidelines text,
  "guidelinesFileName" text,
  "lastTaskAnalysis" text,
  "lastFeedbackAnalysis" text,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

create table if not exists public.ingest_jobs (
  id text primary key default gen_random_uuid()::text,
  "projectId" text not null references public.projects (id) on delete cascade,
  type public."RecordType" not null,
  status text not null default 'PENDING'
    check (status in ('PENDING', 'PROCESSING', 'QUEUED_FOR_VEC', 'VECTORIZING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  "totalRecords" integer not null default 0,
  "savedCount" integer not null default 0,
  "skippedCount" integer not null default 0,
  "skippedDetails" jsonb,
  error text,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

create table if not exists public.data_records (
  id text primary key default gen_random_uuid()::text,
  "projectId" text not null references public.projects (id) on delete cascade,
  type public."RecordType" not null,
  category public."RecordCategory",
  source text not null,
  content text not null,
  metadata jsonb,
  embedding double precision[] not null default '{}',
  "alignmentAnalysis" text,
  "hasBeenReviewed" boolean not null default false,
  "isCategoryCorrect" boolean,
  "reviewedBy" text,
  "createdById" text,
  "createdByName" text,
  "createdByEmail" text,
  "ingestJobId" text references public.ingest_jobs (id) on delete set null,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

create table if not exists public.analytics_jobs (
  id text primary key default gen_random_uuid()::text,
  "projectId" text not null references public.projects (id) on delete cascade,
  status text not null default 'PENDING'
    check (status in ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  "totalRecords" integer not null default 0,
  "processedCount" integer not null default 0,
  error text,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Projects and CSV ingest (seed 004).
--   * ingest_skipped_rows: every row an ingest job skipped, with its line and reason, so the
--     admin can download them as CSV (ingest_jobs."skippedDetails" keeps the counts by reason).
--   * Indexes the pages and the ingest need: a project's records newest first (keyset), and
--     the duplicate check of the ingest (a hash index on content).
--   * Every approved user reads the records they created (their own bonus progress).
-- -----------------------------------------------------------------------------

-- -----------------------------------------------------------------------------
-- ingest_skipped_rows
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

-- -----------------------------------------------------------------------------
-- seed 004
-- -----------------------------------------------------------------------------
create index if not exists idx_project_owner on public.projects ("ownerId");
create index if not exists idx_record_project on public.data_records ("projectId");
create index if not exists idx_record_type on public.data_records (type);
create index if not exists idx_record_category on public.data_records (category);
create index if not exists idx_record_composite on public.data_records ("projectId", type, category);
create index if not exists idx_record_creator_created on public.data_records ("createdById", "createdAt");
create index if not exists idx_record_ingest_job on public.data_records ("ingestJobId");
create index if not exists idx_ingest_job_project on public.ingest_jobs ("projectId");
create index if not exists idx_ingest_job_status on public.ingest_jobs (status);
create index if not exists idx_analytics_job_project on public.analytics_jobs ("projectId");
create index if not exists idx_ingest_skipped_job_line on public.ingest_skipped_rows ("jobId", line);

-- -----------------------------------------------------------------------------
-- Indexes of the pages and the ingest
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
-- seed 004: "updatedAt" AUTO
-- -----------------------------------------------------------------------------
create or replace trigger projects_updated_at before update on public.projects
  for each row execute function public.update_updated_at_camel();

create or replace trigger data_records_updated_at before update on public.data_records
  for each row execute function public.update_updated_at_camel();

create or replace trigger ingest_jobs_updated_at before update on public.ingest_jobs
  for each row execute function public.update_updated_at_camel();

create or replace trigger analytics_jobs_updated_at before update on public.analytics_jobs
  for each row execute function public.update_updated_at_camel();

alter table public.projects enable row level security;
alter table public.data_records enable row level security;
alter table public.ingest_jobs enable row level security;
alter table public.analytics_jobs enable row level security;
alter table public.ingest_skipped_rows enable row level security;
revoke all on public.ingest_skipped_rows from anon;

-- -----------------------------------------------------------------------------
-- Who may read and write a project and what hangs off it (records, ingest jobs and their skipped
-- rows, analytics jobs, Likert scores on its records): its owner. The one definition of the rule
-- (see chat_read_rule for why it takes the viewer as an argument and how the planner inlines it).
-- Admins manage every project through their own policies; managers read records and scores.
-- -----------------------------------------------------------------------------
create or replace function public.project_rule(p_owner uuid, p_viewer uuid)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer
$$;

-- -----------------------------------------------------------------------------
-- seed 004: projects and records belong to the project owner; admins manage all;
-- managers read records (bonus-window progress counts them by creator)
-- -----------------------------------------------------------------------------
-- SELECT(projects): Users can read own projects
drop policy if exists "Users can read own projects" on public.projects;
create policy "Users can read own projects" on public.projects for select to authenticated
  using (public.project_rule("ownerId", (select auth.uid())));

-- INSERT(projects): Users can create own projects
drop policy if exists "Users can create own projects" on public.projects;
create policy "Users can create own projects" on public.projects for insert to authenticated
  with check (public.project_rule("ownerId", (select auth.uid())));

-- UPDATE(projects): Users can update own projects
drop policy if exists "Users can update own projects" on public.projects;
create policy "Users can update own projects" on public.projects for update to authenticated
  using (public.project_rule("ownerId", (select auth.uid())))
  with check (public.project_rule("ownerId", (select auth.uid())));

-- DELETE(projects): Users can delete own projects
drop policy if exists "Users can delete own projects" on public.projects;
create policy "Users can delete own projects" on public.projects for delete to authenticated
  using (public.project_rule("ownerId", (select auth.uid())));

-- ALL(projects): Admins can manage projects
drop policy if exists "Admins can manage projects" on public.projects;
create policy "Admins can manage projects" on public.projects for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- SELECT(data_records): Users can read records of own projects
drop policy if exists "Users can read records of own projects" on public.data_records;
create policy "Users can read records of own projects" on public.data_records for select to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- INSERT(data_records): Users can create records of own projects
drop policy if exists "Users can create records of own projects" on public.data_records;
create policy "Users can create records of own projects" on public.data_records for insert to authenticated
  with check (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- UPDATE(data_records): Users can update records of own projects
drop policy if exists "Users can update records of own projects" on public.data_records;
create policy "Users can update records of own projects" on public.data_records for update to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))))
  with check (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- DELETE(data_records): Users can delete records of own projects
drop policy if exists "Users can delete records of own projects" on public.data_records;
create policy "Users can delete records of own projects" on public.data_records for delete to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- ALL(data_records): Admins can manage data records
drop policy if exists "Admins can manage data records" on public.data_records;
create policy "Admins can manage data records" on public.data_records for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- SELECT(data_records): Managers can read data records
drop policy if exists "Managers can read data records" on public.data_records;
create policy "Managers can read data records" on public.data_records for select to authenticated
  using ((select public.get_user_role()) = 'manager');

-- SELECT(ingest_jobs): Users can read ingest jobs of own projects
drop policy if exists "Users can read ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can read ingest jobs of own projects" on public.ingest_jobs for select to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- INSERT(ingest_jobs): Users can create ingest jobs of own projects
drop policy if exists "Users can create ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can create ingest jobs of own projects" on public.ingest_jobs for insert to authenticated
  with check (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- UPDATE(ingest_jobs): Users can update ingest jobs of own projects
drop policy if exists "Users can update ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can update ingest jobs of own projects" on public.ingest_jobs for update to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))))
  with check (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- DELETE(ingest_jobs): Users can delete ingest jobs of own projects
drop policy if exists "Users can delete ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can delete ingest jobs of own projects" on public.ingest_jobs for delete to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- ALL(ingest_jobs): Admins can manage ingest jobs
drop policy if exists "Admins can manage ingest jobs" on public.ingest_jobs;
create policy "Admins can manage ingest jobs" on public.ingest_jobs for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- SELECT(analytics_jobs): Users can read analytics jobs of own projects
drop policy if exists "Users can read analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can read analytics jobs of own projects" on public.analytics_jobs for select to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- INSERT(analytics_jobs): Users can create analytics jobs of own projects
drop policy if exists "Users can create analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can create analytics jobs of own projects" on public.analytics_jobs for insert to authenticated
  with check (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- UPDATE(analytics_jobs): Users can update analytics jobs of own projects
drop policy if exists "Users can update analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can update analytics jobs of own projects" on public.analytics_jobs for update to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))))
  with check (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- DELETE(analytics_jobs): Users can delete analytics jobs of own projects
drop policy if exists "Users can delete analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can delete analytics jobs of own projects" on public.analytics_jobs for delete to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- ALL(analytics_jobs): Admins can manage analytics jobs
drop policy if exists "Admins can manage analytics jobs" on public.analytics_jobs;
create policy "Admins can manage analytics jobs" on public.analytics_jobs for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- ALL(projects): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.projects;
create policy "Pending accounts get nothing" on public.projects as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(data_records): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.data_records;
create policy "Pending accounts get nothing" on public.data_records as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(ingest_jobs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.ingest_jobs;
create policy "Pending accounts get nothing" on public.ingest_jobs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(analytics_jobs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.analytics_jobs;
create policy "Pending accounts get nothing" on public.analytics_jobs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- SELECT(ingest_skipped_rows): Users can read skipped rows of own projects' jobs
drop policy if exists "Users can read skipped rows of own jobs" on public.ingest_skipped_rows;
create policy "Users can read skipped rows of own jobs" on public.ingest_skipped_rows for select to authenticated
  using (exists (select 1 from public.ingest_jobs j join public.projects p on p.id = j."projectId"
                 where j.id = "jobId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- INSERT(ingest_skipped_rows): Users can record skipped rows of own projects' jobs
drop policy if exists "Users can record skipped rows of own jobs" on public.ingest_skipped_rows;
create policy "Users can record skipped rows of own jobs" on public.ingest_skipped_rows for insert to authenticated
  with check (exists (select 1 from public.ingest_jobs j join public.projects p on p.id = j."projectId"
                      where j.id = "jobId" and public.project_rule(p."ownerId", (select auth.uid()))));

-- DELETE(ingest_skipped_rows): Users can delete skipped rows of own projects' jobs
drop policy if exists "Users can delete skipped rows of own jobs" on public.ingest_skipped_rows;
create policy "Users can delete skipped rows of own jobs" on public.ingest_skipped_rows for delete to authenticated
  using (exists (select 1 from public.ingest_jobs j join public.projects p on p.id = j."projectId"
                 where j.id = "jobId" and public.project_rule(p."ownerId", (select auth.uid()))));

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

-- SELECT(data_records): Users can read records they created (own bonus progress, any project)
drop policy if exists "Users can read records they created" on public.data_records;
create policy "Users can read records they created" on public.data_records for select to authenticated
  using ("createdById" = (select auth.uid())::text);
