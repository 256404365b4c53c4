-- =============================================================================
-- Tables of the five seed systems, unified (DESIGN.md section 3).
--   seed 000 directive registry   directives, directive_versions, runs, lockfiles
--   seed 001 AI chat app + admin  "Chat", "Message_v2", "Vote_v2", "Document", "Suggestion",
--                                 "Stream", admin_config, model_config, usage_logs,
--                                 rate_limit_tracking, github_repositories, error_logs,
--                                 user_activity_logs, agent_activity_logs
--   seed 002 context builder      "Context", "Message", "Action", "Preview"
--   seed 003 code generation      sessions, session_revisions, session_drafts, hole_resolutions
--   seed 004 operations tools     profiles, projects, data_records, ingest_jobs, analytics_jobs,
--                                 system_settings, bonus_windows, likert_scores
-- Names are kept exactly as documented. Timestamps are timestamptz everywhere (the seeds say
-- TIMESTAMP in places): usage charts bucket days in a stated time zone, which needs instants.
-- Idempotent: every statement can run again on a database that already has it.
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

-- -----------------------------------------------------------------------------
-- Seed 001: chat app core tables. user_id columns are validated by trigger against
-- auth.users (validate_user_id) and cleaned up by handle_auth_user_deletion, as documented.
-- -----------------------------------------------------------------------------
create table if not exists public."Chat" (
  id uuid primary key default gen_random_uuid(),
  "createdAt" timestamptz not null default now(),
  title text not null,
  user_id uuid not null,
  visibility varchar(10) not null default 'private' check (visibility in ('public', 'private')),
  "lastContext" jsonb,
  total_input_tokens integer not null default 0,
  total_output_tokens integer not null default 0,
  total_cost numeric(10, 6) not null default 0,
  updated_at timestamptz not null default now()
);

create table if not exists public."Message_v2" (
  id uuid primary key default gen_random_uuid(),
  "chatId" uuid not null references public."Chat" (id) on delete cascade,
  role varchar(20) not null check (role in ('user', 'assistant', 'system')),
  parts json not null,
  attachments json not null default '[]'::json,
  "createdAt" timestamptz not null default now(),
  model_used varchar(100),
  input_tokens integer,
  output_tokens integer,
  cost numeric(10, 6)
);

create table if not exists public."Vote_v2" (
  "chatId" uuid not null references public."Chat" (id) on delete cascade,
  "messageId" uuid not null references public."Message_v2" (id) on delete cascade,
  "isUpvoted" boolean not null,
  primary key ("chatId", "messageId")
);

-- Versions of one document share `id`; the primary key is (id, "createdAt") as documented.
-- `version_id` (not in the seed) names one version, so that `parent_version_id` can be a real
-- foreign key and the version tree survives restores and branches.
create table if not exists public."Document" (
  id uuid not null default gen_random_uuid(),
  "createdAt" timestamptz not null default now(),
  title text not null,
  content text,
  kind varchar(20) not null default 'text' check (kind in ('text', 'python code', 'mermaid code', 'sheet')),
  user_id uuid not null,
  chat_id uuid references public."Chat" (id) on delete cascade,
  version_id uuid not null default gen_random_uuid() unique,
  parent_version_id uuid references public."Document" (version_id) on delete set null,
  version_number integer not null default 1 check (version_number > 0),
  metadata jsonb not null default '{}'::jsonb,
  primary key (id, "createdAt"),
  constraint "Document_id_version_number_key" unique (id, version_number)
);

create table if not exists public."Suggestion" (
  id uuid primary key default gen_random_uuid(),
  "documentId" uuid not null,
  "documentCreatedAt" timestamptz not null,
  "originalText" text not null,
  "suggestedText" text not null,
  description text,
  "isResolved" boolean not null default false,
  user_id uuid not null,
  "createdAt" timestamptz not null default now(),
  foreign key ("documentId", "documentCreatedAt") references public."Document" (id, "createdAt") on delete cascade
);

create table if not exists public."Stream" (
  id uuid primary key default gen_random_uuid(),
  "chatId" uuid not null references public."Chat" (id) on delete cascade,
  "createdAt" timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Seed 001: admin and analytics tables
-- -----------------------------------------------------------------------------
create table if not exists public.admin_config (
  id uuid primary key default gen_random_uuid(),
  config_key varchar(100) not null unique,
  config_data jsonb not null,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);

create table if not exists public.model_config (
  id uuid primary key default gen_random_uuid(),
  model_id varchar(100) not null unique,
  name varchar(200) not null,
  description text,
  provider varchar(50) not null,
  is_active boolean not null default true,
  is_default boolean not null default false,
  thinking_enabled boolean not null default true,
  input_pricing_per_million_tokens numeric(10, 4) not null check (input_pricing_per_million_tokens >= 0),
  output_pricing_per_million_tokens numeric(10, 4) not null check (output_pricing_per_million_tokens >= 0),
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table if not exists public.usage_logs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  chat_id uuid references public."Chat" (id) on delete set null,
  agent_type varchar(50) not null,
  model_used varchar(100),
  provider varchar(50),
  input_tokens integer,
  output_tokens integer,
  total_tokens integer,
  input_cost numeric(10, 6),
  output_cost numeric(10, 6),
  total_cost numeric(10, 6),
  request_timestamp timestamptz not null default now(),
  response_timestamp timestamptz,
  duration_ms integer,
  metadata jsonb
);

create table if not exists public.rate_limit_tracking (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  agent_type varchar(50) not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  request_count integer not null default 0,
  limit_type varchar(20) not null,
  limit_value integer not null,
  created_at timestamptz not null default now()
);

create table if not exists public.github_repositories (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  repo_owner varchar(100) not null,
  repo_name varchar(100) not null,
  repo_url text,
  default_branch varchar(100) default 'main',
  is_active boolean not null default true,
  last_accessed timestamptz,
  created_at timestamptz not null default now()
);

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
  created_at timestamptz not null default now()
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
-- Seed 002: context builder (Prisma models; ids are text, "userId" is the profile id)
-- -----------------------------------------------------------------------------
create table if not exists public."Context" (
  id text primary key default gen_random_uuid()::text,
  "userId" uuid not null references public.profiles (id) on delete cascade,
  status text not null check (status in ('setup', 'active', 'completed')),
  flow jsonb not null,
  config jsonb not null,
  metadata jsonb,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

create table if not exists public."Message" (
  id text primary key default gen_random_uuid()::text,
  "contextId" text not null references public."Context" (id) on delete cascade,
  role text not null check (role in ('user', 'assistant', 'system')),
  content text not null,
  metadata jsonb,
  "createdAt" timestamptz not null default now()
);

create table if not exists public."Action" (
  id text primary key default gen_random_uuid()::text,
  "contextId" text not null references public."Context" (id) on delete cascade,
  type text not null,
  payload jsonb not null,
  status text not null check (status in ('pending', 'running', 'completed', 'failed')),
  result jsonb,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

create table if not exists public."Preview" (
  id text primary key default gen_random_uuid()::text,
  "contextId" text not null references public."Context" (id) on delete cascade,
  url text,
  "deploymentId" text,
  status text not null check (status in ('generating', 'live', 'error')),
  metadata jsonb,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

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

create table if not exists public.system_settings (
  key text primary key,
  value text not null,
  description text,
  "updatedAt" timestamptz not null default now()
);

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
