-- =============================================================================
-- Triggers, named as the seeds name them. Drop-and-create keeps this file idempotent.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- auth.users: profiles follow the identity; deletion cleans up (seed 001)
-- -----------------------------------------------------------------------------
drop trigger if exists on_auth_user_created on auth.users;
create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function public.handle_new_auth_user();

drop trigger if exists on_auth_user_email_changed on auth.users;
create trigger on_auth_user_email_changed
  after update of email on auth.users
  for each row when (new.email is distinct from old.email)
  execute function public.handle_auth_user_email_change();

drop trigger if exists on_auth_user_deleted on auth.users;
create trigger on_auth_user_deleted
  before delete on auth.users
  for each row execute function public.handle_auth_user_deletion();

-- -----------------------------------------------------------------------------
-- profiles
-- -----------------------------------------------------------------------------
drop trigger if exists profiles_updated_at on public.profiles;
create trigger profiles_updated_at
  before update on public.profiles
  for each row execute function public.update_updated_at_camel();

drop trigger if exists protect_profile_columns on public.profiles;
create trigger protect_profile_columns
  before update on public.profiles
  for each row execute function public.protect_profile_columns();

-- -----------------------------------------------------------------------------
-- seed 000
-- -----------------------------------------------------------------------------
drop trigger if exists directives_updated_at on public.directives;
create trigger directives_updated_at
  before update on public.directives
  for each row execute function public.update_updated_at();

drop trigger if exists lockfiles_updated_at on public.lockfiles;
create trigger lockfiles_updated_at
  before update on public.lockfiles
  for each row execute function public.update_updated_at();

drop trigger if exists directive_versions_single_latest on public.directive_versions;
create trigger directive_versions_single_latest
  before insert or update of is_latest on public.directive_versions
  for each row execute function public.directive_versions_single_latest();

-- -----------------------------------------------------------------------------
-- seed 001: user id validation
-- -----------------------------------------------------------------------------
drop trigger if exists validate_chat_user_id on public."Chat";
create trigger validate_chat_user_id
  before insert or update of user_id on public."Chat"
  for each row execute function public.validate_user_id();

drop trigger if exists validate_document_user_id on public."Document";
create trigger validate_document_user_id
  before insert or update of user_id on public."Document"
  for each row execute function public.validate_user_id();

drop trigger if exists validate_suggestion_user_id on public."Suggestion";
create trigger validate_suggestion_user_id
  before insert or update of user_id on public."Suggestion"
  for each row execute function public.validate_user_id();

drop trigger if exists validate_usage_logs_user_id on public.usage_logs;
create trigger validate_usage_logs_user_id
  before insert or update of user_id on public.usage_logs
  for each row execute function public.validate_user_id();

drop trigger if exists validate_rate_limit_user_id on public.rate_limit_tracking;
create trigger validate_rate_limit_user_id
  before insert or update of user_id on public.rate_limit_tracking
  for each row execute function public.validate_user_id();

drop trigger if exists validate_github_repos_user_id on public.github_repositories;
create trigger validate_github_repos_user_id
  before insert or update of user_id on public.github_repositories
  for each row execute function public.validate_user_id();

drop trigger if exists validate_user_activity_user_id on public.user_activity_logs;
create trigger validate_user_activity_user_id
  before insert or update of user_id on public.user_activity_logs
  for each row execute function public.validate_user_id();

-- -----------------------------------------------------------------------------
-- seed 001: timestamps and config rules
-- -----------------------------------------------------------------------------
drop trigger if exists trigger_chat_updated_at on public."Chat";
create trigger trigger_chat_updated_at
  before update on public."Chat"
  for each row execute function public.update_updated_at_column();

drop trigger if exists trigger_admin_config_updated_at on public.admin_config;
create trigger trigger_admin_config_updated_at
  before update on public.admin_config
  for each row execute function public.update_admin_config_timestamp();

drop trigger if exists trigger_model_config_updated_at on public.model_config;
create trigger trigger_model_config_updated_at
  before update on public.model_config
  for each row execute function public.update_model_config_timestamp();

drop trigger if exists trigger_validate_admin_config on public.admin_config;
create trigger trigger_validate_admin_config
  before insert or update on public.admin_config
  for each row execute function public.validate_admin_config_data();

drop trigger if exists trigger_ensure_single_default_model on public.model_config;
create trigger trigger_ensure_single_default_model
  before insert or update or delete on public.model_config
  for each row execute function public.ensure_single_default_model_per_provider();

-- -----------------------------------------------------------------------------
-- seed 002: "updatedAt"
-- -----------------------------------------------------------------------------
drop trigger if exists context_updated_at on public."Context";
create trigger context_updated_at before update on public."Context"
  for each row execute function public.update_updated_at_camel();
drop trigger if exists action_updated_at on public."Action";
create trigger action_updated_at before update on public."Action"
  for each row execute function public.update_updated_at_camel();
drop trigger if exists preview_updated_at on public."Preview";
create trigger preview_updated_at before update on public."Preview"
  for each row execute function public.update_updated_at_camel();

-- -----------------------------------------------------------------------------
-- seed 003
-- -----------------------------------------------------------------------------
drop trigger if exists trigger_sessions_updated_at on public.sessions;
create trigger trigger_sessions_updated_at
  before update on public.sessions
  for each row execute function public.update_updated_at_column();

drop trigger if exists trigger_revisions_count_insert on public.session_revisions;
create trigger trigger_revisions_count_insert
  after insert on public.session_revisions
  for each row execute function public.update_session_revision_count();
drop trigger if exists trigger_revisions_count_delete on public.session_revisions;
create trigger trigger_revisions_count_delete
  after delete on public.session_revisions
  for each row execute function public.update_session_revision_count();

drop trigger if exists trigger_drafts_count_insert on public.session_drafts;
create trigger trigger_drafts_count_insert
  after insert on public.session_drafts
  for each row execute function public.update_session_draft_count();
drop trigger if exists trigger_drafts_count_delete on public.session_drafts;
create trigger trigger_drafts_count_delete
  after delete on public.session_drafts
  for each row execute function public.update_session_draft_count();

drop trigger if exists trigger_resolutions_count_insert on public.hole_resolutions;
create trigger trigger_resolutions_count_insert
  after insert on public.hole_resolutions
  for each row execute function public.update_session_hole_count();
drop trigger if exists trigger_resolutions_count_delete on public.hole_resolutions;
create trigger trigger_resolutions_count_delete
  after delete on public.hole_resolutions
  for each row execute function public.update_session_hole_count();

-- -----------------------------------------------------------------------------
-- seed 004: "updatedAt" AUTO
-- -----------------------------------------------------------------------------
drop trigger if exists projects_updated_at on public.projects;
create trigger projects_updated_at before update on public.projects
  for each row execute function public.update_updated_at_camel();
drop trigger if exists data_records_updated_at on public.data_records;
create trigger data_records_updated_at before update on public.data_records
  for each row execute function public.update_updated_at_camel();
drop trigger if exists ingest_jobs_updated_at on public.ingest_jobs;
create trigger ingest_jobs_updated_at before update on public.ingest_jobs
  for each row execute function public.update_updated_at_camel();
drop trigger if exists analytics_jobs_updated_at on public.analytics_jobs;
create trigger analytics_jobs_updated_at before update on public.analytics_jobs
  for each row execute function public.update_updated_at_camel();
drop trigger if exists system_settings_updated_at on public.system_settings;
create trigger system_settings_updated_at before update on public.system_settings
  for each row execute function public.update_updated_at_camel();
drop trigger if exists bonus_windows_updated_at on public.bonus_windows;
create trigger bonus_windows_updated_at before update on public.bonus_windows
  for each row execute function public.update_updated_at_camel();
drop trigger if exists likert_scores_updated_at on public.likert_scores;
create trigger likert_scores_updated_at before update on public.likert_scores
  for each row execute function public.update_updated_at_camel();
