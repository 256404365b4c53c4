-- =============================================================================
-- Indexes: every one the seeds document (with their names), plus one for every column a
-- row level security policy filters on (DESIGN.md 3.5) and for every foreign key.
-- =============================================================================

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

-- -----------------------------------------------------------------------------
-- seed 001: core
-- -----------------------------------------------------------------------------
create index if not exists idx_chat_user_id on public."Chat" (user_id);
create index if not exists idx_chat_user_created on public."Chat" (user_id, "createdAt" desc, id desc);
create index if not exists idx_message_chat on public."Message_v2" ("chatId", "createdAt");
create index if not exists idx_vote_message on public."Vote_v2" ("messageId");
create index if not exists idx_document_user_id on public."Document" (user_id);
create index if not exists idx_document_user on public."Document" (user_id, "createdAt" desc);
create index if not exists idx_document_versions on public."Document" (id, version_number desc);
create index if not exists idx_document_chat on public."Document" (chat_id);
create index if not exists idx_document_parent on public."Document" (parent_version_id);
create index if not exists idx_document_kind on public."Document" (kind);
create index if not exists idx_suggestion_user_id on public."Suggestion" (user_id);
create index if not exists idx_suggestion_document on public."Suggestion" ("documentId", "documentCreatedAt");
create index if not exists idx_stream_chat on public."Stream" ("chatId");

-- -----------------------------------------------------------------------------
-- seed 001: admin and analytics
-- -----------------------------------------------------------------------------
create index if not exists idx_admin_config_key on public.admin_config (config_key);
create index if not exists idx_admin_config_updated on public.admin_config (updated_at desc);

create index if not exists idx_model_config_model_id on public.model_config (model_id);
create index if not exists idx_model_config_provider on public.model_config (provider);
create index if not exists idx_model_config_provider_active on public.model_config (provider, is_active);
create index if not exists idx_model_config_provider_default on public.model_config (provider, is_default);
create index if not exists idx_model_config_active on public.model_config (is_active);

create index if not exists idx_usage_logs_user_id on public.usage_logs (user_id);
create index if not exists idx_usage_logs_user_timestamp on public.usage_logs (user_id, request_timestamp desc);
create index if not exists idx_usage_logs_agent_timestamp on public.usage_logs (agent_type, request_timestamp desc);
create index if not exists idx_usage_logs_date_range on public.usage_logs (request_timestamp desc);
create index if not exists idx_usage_logs_model_provider on public.usage_logs (model_used, provider);
create index if not exists idx_usage_logs_date_agent on public.usage_logs (request_timestamp, agent_type);
create index if not exists idx_usage_logs_cost_date on public.usage_logs (request_timestamp) include (total_cost);
create index if not exists idx_usage_logs_chat_id on public.usage_logs (chat_id);

create index if not exists idx_rate_limit_user_id on public.rate_limit_tracking (user_id);
create index if not exists idx_rate_limit_user_agent on public.rate_limit_tracking (user_id, agent_type);
create index if not exists idx_rate_limit_user_agent_period
  on public.rate_limit_tracking (user_id, agent_type, period_start, period_end);

create index if not exists idx_github_repos_user_id on public.github_repositories (user_id);
create index if not exists idx_github_repos_user on public.github_repositories (user_id, is_active);
create index if not exists idx_github_repos_user_active
  on public.github_repositories (user_id, last_accessed desc) where is_active = true;

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

-- -----------------------------------------------------------------------------
-- seed 002 (Prisma's index names)
-- -----------------------------------------------------------------------------
create index if not exists "Context_userId_idx" on public."Context" ("userId");
create index if not exists "Message_contextId_idx" on public."Message" ("contextId");
create index if not exists "Action_contextId_idx" on public."Action" ("contextId");
create index if not exists "Preview_contextId_idx" on public."Preview" ("contextId");

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
create index if not exists idx_likert_record on public.likert_scores ("recordId");
create index if not exists idx_likert_user on public.likert_scores ("userId");
create index if not exists idx_likert_model on public.likert_scores ("llmModel");
create unique index if not exists idx_likert_record_rater
  on public.likert_scores ("recordId", "userId", "llmModel") nulls not distinct;
create index if not exists idx_bonus_window_time on public.bonus_windows ("startTime", "endTime");
