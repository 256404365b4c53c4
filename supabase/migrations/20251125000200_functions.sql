-- =============================================================================
-- Functions. Every function pins `search_path = ''` and qualifies what it names.
-- SECURITY DEFINER only where a caller must not need the underlying grant
-- (reading a role, checking auth.users, purging logs), each with its own guard.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Roles (DESIGN.md 3.3): the role lives in profiles.role, never in user_metadata.
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

-- seed 001
create or replace function public.update_admin_config_timestamp()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create or replace function public.update_model_config_timestamp()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
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
-- reset flag (DESIGN.md 3.3);
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
-- seed 001: usage summary for the signed-in user. SECURITY INVOKER: RLS applies, and the
-- explicit filter keeps an admin's summary to their own rows too ("current user").
-- -----------------------------------------------------------------------------
create or replace function public.get_current_user_usage_summary(
  p_start_date date default (current_date - 30),
  p_end_date date default current_date
)
returns table (
  total_calls bigint,
  total_input_tokens bigint,
  total_output_tokens bigint,
  total_tokens bigint,
  total_cost numeric,
  agent_breakdown jsonb
)
language sql
stable
security invoker
set search_path = ''
as $$
  with mine as (
    select agent_type, input_tokens, output_tokens, total_tokens, total_cost
    from public.usage_logs
    where user_id = auth.uid()
      and request_timestamp >= p_start_date
      and request_timestamp < p_end_date + 1
  ),
  per_agent as (
    select agent_type,
           count(*) as calls,
           coalesce(sum(input_tokens), 0) as input_tokens,
           coalesce(sum(output_tokens), 0) as output_tokens,
           coalesce(sum(total_tokens), 0) as total_tokens,
           coalesce(sum(total_cost), 0) as cost
    from mine
    group by agent_type
  )
  select
    (select count(*) from mine),
    (select coalesce(sum(input_tokens), 0) from mine)::bigint,
    (select coalesce(sum(output_tokens), 0) from mine)::bigint,
    (select coalesce(sum(total_tokens), 0) from mine)::bigint,
    (select coalesce(sum(total_cost), 0) from mine)::numeric,
    coalesce((select jsonb_object_agg(agent_type, jsonb_build_object(
        'calls', calls, 'input_tokens', input_tokens, 'output_tokens', output_tokens,
        'total_tokens', total_tokens, 'cost', cost)) from per_agent), '{}'::jsonb)
$$;

-- -----------------------------------------------------------------------------
-- seed 001: one default model per provider.
-- Setting a default unsets the provider's other default; removing the last default of a
-- provider (unsetting it, moving it to another provider, deleting it) is refused.
-- -----------------------------------------------------------------------------
create or replace function public.ensure_single_default_model_per_provider()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- The nested UPDATE below unsets the previous default; it must not be refused.
  if pg_trigger_depth() > 1 then
    return coalesce(new, old);
  end if;

  if tg_op = 'DELETE' then
    if old.is_default and exists (
      select 1 from public.model_config where provider = old.provider and id <> old.id
    ) then
      raise exception 'Model % is the default for provider %: make another model the default before deleting it',
        old.model_id, old.provider using errcode = '23514';
    end if;
    return old;
  end if;

  if tg_op = 'UPDATE' and old.is_default
     and (not new.is_default or new.provider is distinct from old.provider) then
    raise exception 'Provider % must keep a default model: make another model the default instead of unsetting %',
      old.provider, old.model_id using errcode = '23514';
  end if;

  if new.is_default and (tg_op = 'INSERT' or not old.is_default or new.provider is distinct from old.provider) then
    update public.model_config
       set is_default = false
     where provider = new.provider and is_default and id <> new.id;
  end if;
  return new;
end
$$;

-- -----------------------------------------------------------------------------
-- seed 001: validate_admin_config_data. The message names the missing field, so the admin
-- page can show it next to that field. Keys: `{agent_type}_{provider}`, `app_settings`,
-- `logging_settings`. The browser form applies the same rules (one schema, issue 4).
-- -----------------------------------------------------------------------------
create or replace function public.admin_config_agent_type(p_key text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select t from unnest(array['chat_model_agent', 'provider_tools_agent', 'document_agent',
                             'python_agent', 'mermaid_agent', 'git_mcp_agent']) as t
  where p_key like t || '\_%'
  limit 1
$$;

create or replace function public.validate_admin_config_data()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  d jsonb := new.config_data;
  k text := new.config_key;
  agent text := public.admin_config_agent_type(new.config_key);
  f text;
begin
  if d is null or jsonb_typeof(d) <> 'object' then
    raise exception 'admin_config "%": config_data must be a JSON object', k using errcode = '23514';
  end if;

  if k = 'app_settings' then
    if jsonb_typeof(d -> 'activeProvider') is distinct from 'string' then
      raise exception 'admin_config "%": activeProvider is required (a provider name)', k using errcode = '23514';
    end if;
    if jsonb_typeof(d -> 'availableProviders') is distinct from 'array' then
      raise exception 'admin_config "%": availableProviders is required (an array of provider names)', k using errcode = '23514';
    end if;
    if not (d -> 'availableProviders') ? (d ->> 'activeProvider') then
      raise exception 'admin_config "%": activeProvider "%" must be one of availableProviders', k, d ->> 'activeProvider'
        using errcode = '23514';
    end if;
    return new;
  end if;

  if k = 'logging_settings' then
    foreach f in array array['error_logging_enabled', 'user_activity_logging_enabled', 'agent_activity_logging_enabled'] loop
      if d ? f and jsonb_typeof(d -> f) <> 'boolean' then
        raise exception 'admin_config "%": % must be true or false', k, f using errcode = '23514';
      end if;
    end loop;
    if jsonb_typeof(d -> 'log_retention_days') is distinct from 'object' then
      raise exception 'admin_config "%": log_retention_days is required', k using errcode = '23514';
    end if;
    foreach f in array array['error_logs', 'user_activity_logs', 'agent_activity_logs'] loop
      if jsonb_typeof(d -> 'log_retention_days' -> f) is distinct from 'number'
         or (d -> 'log_retention_days' ->> f)::numeric < 1 then
        raise exception 'admin_config "%": log_retention_days.% is required (a whole number of days, at least 1)', k, f
          using errcode = '23514';
      end if;
    end loop;
    return new;
  end if;

  -- Every other key is an agent config.
  if jsonb_typeof(d -> 'enabled') is distinct from 'boolean' then
    raise exception 'admin_config "%": enabled is required (true or false)', k using errcode = '23514';
  end if;
  if jsonb_typeof(d -> 'rateLimit') is distinct from 'object' then
    raise exception 'admin_config "%": rateLimit is required', k using errcode = '23514';
  end if;
  foreach f in array array['perMinute', 'perHour', 'perDay'] loop
    if jsonb_typeof(d -> 'rateLimit' -> f) is distinct from 'number' then
      raise exception 'admin_config "%": rateLimit.% is required (a number)', k, f using errcode = '23514';
    end if;
    if (d -> 'rateLimit' ->> f)::numeric < 0 or (d -> 'rateLimit' ->> f)::numeric <> trunc((d -> 'rateLimit' ->> f)::numeric) then
      raise exception 'admin_config "%": rateLimit.% must be a whole number, 0 or more', k, f using errcode = '23514';
    end if;
  end loop;
  if d ? 'systemPrompt' and jsonb_typeof(d -> 'systemPrompt') <> 'string' then
    raise exception 'admin_config "%": systemPrompt must be text', k using errcode = '23514';
  end if;

  if agent in ('provider_tools_agent', 'document_agent', 'python_agent', 'mermaid_agent', 'git_mcp_agent', 'chat_model_agent')
     and jsonb_typeof(d -> 'tools') is distinct from 'object' then
    raise exception 'admin_config "%": tools is required for %', k, agent using errcode = '23514';
  end if;
  if agent = 'provider_tools_agent' and jsonb_typeof(d -> 'systemPrompt') is distinct from 'string' then
    raise exception 'admin_config "%": systemPrompt is required for provider_tools_agent', k using errcode = '23514';
  end if;
  if agent = 'chat_model_agent' and jsonb_typeof(d -> 'capabilities') is distinct from 'object' then
    raise exception 'admin_config "%": capabilities is required for chat_model_agent', k using errcode = '23514';
  end if;
  return new;
end
$$;

-- -----------------------------------------------------------------------------
-- seed 001: logging configuration. SECURITY DEFINER so that any writer of logs can ask,
-- although only admins read admin_config.
-- -----------------------------------------------------------------------------
create or replace function public.get_logging_config()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select config_data from public.admin_config where config_key = 'logging_settings'),
    jsonb_build_object(
      'error_logging_enabled', true,
      'user_activity_logging_enabled', false,
      'agent_activity_logging_enabled', false,
      'log_retention_days', jsonb_build_object('error_logs', 90, 'user_activity_logs', 30, 'agent_activity_logs', 7)
    )
  )
$$;

create or replace function public.is_user_activity_logging_enabled()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((public.get_logging_config() ->> 'user_activity_logging_enabled')::boolean, false)
$$;

create or replace function public.is_agent_activity_logging_enabled()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((public.get_logging_config() ->> 'agent_activity_logging_enabled')::boolean, false)
$$;

-- seed 001: purge logs older than their retention. Error logs go only once resolved.
-- SECURITY DEFINER (users have no DELETE on logs), so it checks its caller: the service
-- connection, a superuser, or an admin.
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
  if auth.uid() is not null and coalesce(public.get_user_role(), '') <> 'admin' then
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
