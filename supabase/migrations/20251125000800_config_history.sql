-- =============================================================================
-- Config history (issue 4, item 4; none of the seeds has it).
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
-- service connection), so "the seeded default" of a config is its first revision. Rows that
-- existed before this migration get one BASELINE revision.
-- =============================================================================

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

create index if not exists idx_config_history_row on public.config_history (table_name, row_id, id desc);
create index if not exists idx_config_history_label on public.config_history (table_name, row_label, id desc);
create index if not exists idx_config_history_changed_at on public.config_history (changed_at desc, id desc);
create index if not exists idx_config_history_changed_by on public.config_history (changed_by);

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

drop trigger if exists record_admin_config_history on public.admin_config;
create trigger record_admin_config_history
  after insert or update or delete on public.admin_config
  for each row execute function public.record_config_change();

drop trigger if exists record_model_config_history on public.model_config;
create trigger record_model_config_history
  after insert or update or delete on public.model_config
  for each row execute function public.record_config_change();

drop trigger if exists record_system_settings_history on public.system_settings;
create trigger record_system_settings_history
  after insert or update or delete on public.system_settings
  for each row execute function public.record_config_change();

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

drop trigger if exists config_history_append_only on public.config_history;
create trigger config_history_append_only
  before update or delete on public.config_history
  for each row execute function public.refuse_config_history_change();

-- -----------------------------------------------------------------------------
-- Baseline: one revision for every row that has none (rows that predate this migration).
-- -----------------------------------------------------------------------------
insert into public.config_history (table_name, row_id, row_label, operation, after)
select 'admin_config', c.id::text, c.config_key, 'BASELINE', to_jsonb(c)
from public.admin_config c
where not exists (select 1 from public.config_history h where h.table_name = 'admin_config' and h.row_id = c.id::text);

insert into public.config_history (table_name, row_id, row_label, operation, after)
select 'model_config', m.id::text, m.model_id, 'BASELINE', to_jsonb(m)
from public.model_config m
where not exists (select 1 from public.config_history h where h.table_name = 'model_config' and h.row_id = m.id::text);

insert into public.config_history (table_name, row_id, row_label, operation, after)
select 'system_settings', s.key, s.key, 'BASELINE', public.config_history_snapshot('system_settings', to_jsonb(s))
from public.system_settings s
where not exists (select 1 from public.config_history h where h.table_name = 'system_settings' and h.row_id = s.key);

-- -----------------------------------------------------------------------------
-- Access: admins read; nobody writes through the API.
-- -----------------------------------------------------------------------------
alter table public.config_history enable row level security;
revoke all on public.config_history from anon;
revoke insert, update, delete, truncate on public.config_history from authenticated;
grant select on public.config_history to authenticated;

-- SELECT(config_history): Admins can read config history
drop policy if exists "Admins can read config history" on public.config_history;
create policy "Admins can read config history" on public.config_history for select to authenticated
  using ((select public.is_current_user_admin()));
-- ALL(config_history): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.config_history;
create policy "Pending accounts get nothing" on public.config_history as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
