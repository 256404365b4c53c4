-- =============================================================================
-- Configuration and its history (seed 001 admin_config, model_config; seed 004 system_settings)
-- =============================================================================
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

create table if not exists public.system_settings (
  key text primary key,
  value text not null,
  description text,
  "updatedAt" timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Config history (none of the seeds has it).
--
-- Every INSERT / UPDATE / DELETE of admin_config, model_config and system_settings is recorded
-- by an AFTER ROW trigger in public.config_history: who (auth.uid() of the writer; NULL for the
-- service connection, i.e. migrations and seeding), when, and the whole row before and after.
-- Admins read it (the console's audit log); nobody writes it but the trigger, and no one,
-- not even the table owner, may UPDATE or DELETE a revision: history is never rewritten.
-- A revert in the console is an ordinary UPDATE, so it becomes a new revision; the writer may
-- name why in the transaction setting `app.config_change_reason` (e.g. "Revert to #12").
--
-- Secrets: system_settings values of secret keys (openrouter_key, *_key, *_secret) are not
-- kept in the history; a fingerprint is stored instead, so a diff still shows that the secret
-- changed without storing or revealing it.
--
-- The first revision of a row is its INSERT (for the seeded rows: the seed, written by the
-- service connection), so "the seeded default" of a config is its first revision.
-- -----------------------------------------------------------------------------
create table if not exists public.config_history (
  id bigserial primary key,        -- revision number: increasing in commit order of each row's writers
  table_name text not null check (table_name in ('admin_config', 'model_config', 'system_settings')),
  row_id text not null,            -- admin_config.id / model_config.id / system_settings.key
  row_label text not null,         -- config_key / model_id / key: what a person calls the row
  operation text not null check (operation in ('INSERT', 'UPDATE', 'DELETE', 'BASELINE')),
  changed_by uuid,                 -- auth.uid(); no foreign key: the audit outlives the account
  changed_at timestamptz not null default clock_timestamp(),
  reason text,
  before jsonb,
  after jsonb
);

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
-- `logging_settings`. The browser form applies the same rules (one schema).
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

-- -----------------------------------------------------------------------------
-- Secret keys of system_settings (seed 004: openrouter_key "stored encrypted").
-- -----------------------------------------------------------------------------
create or replace function public.is_secret_setting_key(p_key text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  select p_key = 'openrouter_key' or p_key like '%\_key' or p_key like '%\_secret'
$$;

-- A row as the history keeps it: secrets replaced by a fingerprint.
create or replace function public.config_history_snapshot(p_table text, p_row jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case
    when p_row is null then null
    when p_table = 'system_settings' and public.is_secret_setting_key(p_row ->> 'key') then
      p_row || jsonb_build_object('value',
        case when coalesce(p_row ->> 'value', '') = '' then ''
             else '[secret, ' || length(p_row ->> 'value') || ' characters, sha256 '
                  || left(encode(sha256(convert_to(p_row ->> 'value', 'UTF8')), 'hex'), 8) || ']'
        end)
    else p_row
  end
$$;

-- -----------------------------------------------------------------------------
-- The trigger. SECURITY DEFINER: admins write config rows but have no INSERT privilege on
-- the history. An UPDATE that changes nothing but the timestamp is not a revision.
-- -----------------------------------------------------------------------------
create or replace function public.record_config_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  o jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  n jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  r jsonb := coalesce(n, o);
  v_id text;
  v_label text;
begin
  if tg_op = 'UPDATE'
     and (o - 'updated_at' - 'updatedAt' - 'updated_by') = (n - 'updated_at' - 'updatedAt' - 'updated_by') then
    return null;
  end if;
  if tg_table_name = 'admin_config' then
    v_id := r ->> 'id'; v_label := r ->> 'config_key';
  elsif tg_table_name = 'model_config' then
    v_id := r ->> 'id'; v_label := r ->> 'model_id';
  else
    v_id := r ->> 'key'; v_label := r ->> 'key';
  end if;
  insert into public.config_history (table_name, row_id, row_label, operation, changed_by, reason, before, after)
  values (tg_table_name, v_id, v_label, tg_op, auth.uid(),
          nullif(left(current_setting('app.config_change_reason', true), 500), ''),
          public.config_history_snapshot(tg_table_name, o), public.config_history_snapshot(tg_table_name, n));
  return null;
end
$$;

-- History is append-only, for everyone (the privileges below already keep the API roles out;
-- this also stops the owner and the service connection).
create or replace function public.refuse_config_history_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'config_history is append-only: revisions are never changed or deleted'
    using errcode = '42501';
end
$$;

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
create index if not exists idx_config_history_row on public.config_history (table_name, row_id, id desc);
create index if not exists idx_config_history_label on public.config_history (table_name, row_label, id desc);
create index if not exists idx_config_history_changed_at on public.config_history (changed_at desc, id desc);
create index if not exists idx_config_history_changed_by on public.config_history (changed_by);

create or replace trigger trigger_admin_config_updated_at
  before update on public.admin_config
  for each row execute function public.update_admin_config_timestamp();

create or replace trigger trigger_model_config_updated_at
  before update on public.model_config
  for each row execute function public.update_model_config_timestamp();

create or replace trigger trigger_validate_admin_config
  before insert or update on public.admin_config
  for each row execute function public.validate_admin_config_data();

create or replace trigger trigger_ensure_single_default_model
  before insert or update or delete on public.model_config
  for each row execute function public.ensure_single_default_model_per_provider();

create or replace trigger system_settings_updated_at before update on public.system_settings
  for each row execute function public.update_updated_at_camel();

create or replace trigger record_admin_config_history
  after insert or update or delete on public.admin_config
  for each row execute function public.record_config_change();

create or replace trigger record_model_config_history
  after insert or update or delete on public.model_config
  for each row execute function public.record_config_change();

create or replace trigger record_system_settings_history
  after insert or update or delete on public.system_settings
  for each row execute function public.record_config_change();

create or replace trigger config_history_append_only
  before update or delete on public.config_history
  for each row execute function public.refuse_config_history_change();

alter table public.admin_config enable row level security;
alter table public.model_config enable row level security;
alter table public.system_settings enable row level security;

-- -----------------------------------------------------------------------------
-- Access: admins read; nobody writes through the API.
-- -----------------------------------------------------------------------------
alter table public.config_history enable row level security;
revoke all on public.config_history from anon;
revoke insert, update, delete, truncate on public.config_history from authenticated;
grant select on public.config_history to authenticated;

-- -----------------------------------------------------------------------------
-- seed 001: admin and analytics
-- -----------------------------------------------------------------------------
-- SELECT(admin_config): Admins can read admin_config
drop policy if exists "Admins can read admin_config" on public.admin_config;
create policy "Admins can read admin_config" on public.admin_config for select to authenticated
  using ((select public.is_current_user_admin()));

-- ALL(admin_config): Admins can update admin_config
drop policy if exists "Admins can update admin_config" on public.admin_config;
create policy "Admins can update admin_config" on public.admin_config for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- SELECT(model_config): Authenticated users can read model_config
drop policy if exists "Authenticated users can read model_config" on public.model_config;
create policy "Authenticated users can read model_config" on public.model_config for select to authenticated
  using ((select auth.uid()) is not null);

-- ALL(model_config): Admins can manage model_config
drop policy if exists "Admins can manage model_config" on public.model_config;
create policy "Admins can manage model_config" on public.model_config for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- ALL(system_settings): Admins can manage system settings
drop policy if exists "Admins can manage system settings" on public.system_settings;
create policy "Admins can manage system settings" on public.system_settings for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- ALL(admin_config): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.admin_config;
create policy "Pending accounts get nothing" on public.admin_config as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(model_config): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.model_config;
create policy "Pending accounts get nothing" on public.model_config as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(system_settings): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.system_settings;
create policy "Pending accounts get nothing" on public.system_settings as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- SELECT(config_history): Admins can read config history
drop policy if exists "Admins can read config history" on public.config_history;
create policy "Admins can read config history" on public.config_history for select to authenticated
  using ((select public.is_current_user_admin()));

-- ALL(config_history): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.config_history;
create policy "Pending accounts get nothing" on public.config_history as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- SELECT(system_settings): Users can read the AI settings shown on project pages (never the key)
drop policy if exists "Users can read AI settings" on public.system_settings;
create policy "Users can read AI settings" on public.system_settings for select to authenticated
  using (key in ('ai_provider', 'ai_host', 'llm_model', 'embedding_model'));
