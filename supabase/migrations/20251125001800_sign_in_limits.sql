-- =============================================================================
-- Sign-in and sign-up limits (issue 16, item 3).
--
-- The Auth API's own limits are per IP and, on hosted Supabase, count the address of whoever
-- calls it: this app's server. So the app keeps its own limits here, in Postgres, where every
-- app instance sees the same counts, and checks them in the sign-in and sign-up actions
-- (app/(auth)/actions.ts through lib/auth/sign-in-limits.ts) before calling the Auth API:
--
--   per client IP       30 sign-in attempts that did not succeed per 5 minutes (spraying
--                       passwords over many accounts from one address);
--   per account and IP  5 failures free, then each further attempt waits 2^failures seconds
--                       after the last one (32 s, 64 s, ... capped at 15 minutes), forgotten
--                       after 24 quiet hours or at the next success from that address;
--   sign-ups per IP     10 per hour.
--
-- There is deliberately no limit per account alone: that would let anyone anywhere lock the
-- owner (or the admin) out by failing the password on purpose. A stranger's failures from
-- address A slow down guesses from A only; the owner signing in from B is never affected.
-- IPv6 addresses count by their /64 (one subscriber's prefix), so rotating addresses inside it
-- does not reset anything. The account is kept as a SHA-256 of the lower-cased email, never as
-- typed text.
--
-- An attempt is taken (counted as a failure) before the Auth API checks the password and
-- settled afterwards, so that a burst of parallel guesses cannot all pass the check first; a
-- success, or an answer that says nothing about the password (Auth API down), gives it back.
--
-- Who may call: the app's own database login only (`authenticator` locally; on Supabase the
-- `postgres` login in DATABASE_URL, which owns these functions), before any `set role`. Not
-- `anon`: with the public anon key, Supabase's Data API (PostgREST, which always switches to
-- anon or authenticated before running anything) would let anyone call these functions with an
-- address of their choice, resetting their own counts or charging failures to someone else's
-- address. The API roles get no privilege on the table or the functions; the app computes the
-- client address itself (lib/client-ip.ts) and passes it in.
--
-- Rows stay bounded: each row carries the time after which it no longer matters, and every
-- take deletes up to 100 such rows (indexed on expires_at).
-- =============================================================================

create table if not exists public.sign_in_limits (
  scope text not null check (scope in ('sign_in_ip', 'sign_in_account_ip', 'sign_up_ip')),
  -- the client address (IPv6: its /64 network; 'unknown' when the app could not tell)
  ip_key text not null,
  -- hex SHA-256 of the lower-cased email for 'sign_in_account_ip'; '' otherwise
  account_key text not null default '',
  attempts integer not null default 0,
  window_started_at timestamptz not null default now(),
  last_attempt_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (scope, ip_key, account_key)
);

create index if not exists sign_in_limits_expires_at_idx on public.sign_in_limits (expires_at);

-- RLS on and no policy: no API role reads or writes a row; the functions below (owner) do.
alter table public.sign_in_limits enable row level security;
revoke all on table public.sign_in_limits from public, anon, authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Keys
-- -----------------------------------------------------------------------------

create or replace function public.sign_in_limit_ip_key(p_ip text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v inet;
begin
  if p_ip is null or btrim(p_ip) = '' then
    return 'unknown';
  end if;
  v := btrim(p_ip)::inet; -- not an address: 22P02, the app passes validated addresses only
  if family(v) = 6 then
    return network(set_masklen(v, 64))::text;
  end if;
  return host(v);
end;
$$;

create or replace function public.sign_in_limit_account_key(p_email text)
returns text
language sql
immutable
set search_path = ''
as $$
  select encode(sha256(convert_to(lower(btrim(coalesce(p_email, ''))), 'UTF8')), 'hex')
$$;

-- -----------------------------------------------------------------------------
-- Purge: up to p_max rows that no longer matter; concurrent takes skip each other's rows.
-- -----------------------------------------------------------------------------

create or replace function public.purge_sign_in_limits(p_max integer default 100)
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  with gone as (
    delete from public.sign_in_limits l
     where (l.scope, l.ip_key, l.account_key) in (
       select o.scope, o.ip_key, o.account_key
         from public.sign_in_limits o
        where o.expires_at < now()
        order by o.expires_at
        limit greatest(p_max, 0)
          for update skip locked)
    returning 1
  )
  select count(*)::integer from gone
$$;

-- -----------------------------------------------------------------------------
-- Sign-in: take an attempt before the password check, settle it after.
-- -----------------------------------------------------------------------------

-- 0: go ahead (the attempt is counted as a failure until settled); otherwise the seconds to
-- wait, and nothing is counted. Rows are locked IP first, then account, in every call.
create or replace function public.take_sign_in_attempt(p_email text, p_ip text)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_ip text := public.sign_in_limit_ip_key(p_ip);
  v_account text := public.sign_in_limit_account_key(p_email);
  v_now timestamptz := now();
  v_by_ip public.sign_in_limits;
  v_by_account public.sign_in_limits;
  v_wait double precision := 0;
begin
  perform public.purge_sign_in_limits(100);

  insert into public.sign_in_limits as l (scope, ip_key, account_key, window_started_at, last_attempt_at, expires_at)
  values ('sign_in_ip', v_ip, '', v_now, v_now, v_now + interval '5 minutes')
  on conflict (scope, ip_key, account_key) do update set scope = l.scope
  returning * into v_by_ip;
  if v_by_ip.window_started_at <= v_now - interval '5 minutes' then
    v_by_ip.attempts := 0;
    v_by_ip.window_started_at := v_now;
  end if;

  insert into public.sign_in_limits as l (scope, ip_key, account_key, window_started_at, last_attempt_at, expires_at)
  values ('sign_in_account_ip', v_ip, v_account, v_now, v_now, v_now + interval '24 hours')
  on conflict (scope, ip_key, account_key) do update set scope = l.scope
  returning * into v_by_account;
  if v_by_account.last_attempt_at <= v_now - interval '24 hours' then
    v_by_account.attempts := 0;
  end if;

  if v_by_ip.attempts >= 30 then
    v_wait := extract(epoch from v_by_ip.window_started_at + interval '5 minutes' - v_now);
  end if;
  if v_by_account.attempts >= 5 then
    v_wait := greatest(
      v_wait,
      extract(epoch from v_by_account.last_attempt_at - v_now)
        + least(power(2::double precision, least(v_by_account.attempts, 20)), 900));
  end if;
  if v_wait > 0 then
    return greatest(ceil(v_wait), 1)::integer;
  end if;

  update public.sign_in_limits
     set attempts = v_by_ip.attempts + 1,
         window_started_at = v_by_ip.window_started_at,
         last_attempt_at = v_now,
         expires_at = v_by_ip.window_started_at + interval '5 minutes'
   where scope = 'sign_in_ip' and ip_key = v_ip and account_key = '';
  update public.sign_in_limits
     set attempts = v_by_account.attempts + 1,
         last_attempt_at = v_now,
         expires_at = v_now + interval '24 hours'
   where scope = 'sign_in_account_ip' and ip_key = v_ip and account_key = v_account;
  return 0;
end;
$$;

-- The Auth API's answer to a taken attempt:
--   'failed'     wrong password or unknown email: stays counted;
--   'succeeded'  the password was right (signed in, or refused as banned / unconfirmed): the
--                IP gets its slot back and this account's backoff from this address is over;
--   'unchecked'  no verdict on the password (Auth API unreachable or limiting): given back.
create or replace function public.settle_sign_in_attempt(p_email text, p_ip text, p_outcome text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_ip text := public.sign_in_limit_ip_key(p_ip);
  v_account text := public.sign_in_limit_account_key(p_email);
begin
  if p_outcome is null or p_outcome not in ('failed', 'succeeded', 'unchecked') then
    raise exception 'unknown sign-in outcome: %', p_outcome using errcode = '22023';
  end if;
  if p_outcome = 'failed' then
    return;
  end if;
  update public.sign_in_limits
     set attempts = greatest(attempts - 1, 0)
   where scope = 'sign_in_ip' and ip_key = v_ip and account_key = '';
  if p_outcome = 'succeeded' then
    delete from public.sign_in_limits
     where scope = 'sign_in_account_ip' and ip_key = v_ip and account_key = v_account;
  else
    update public.sign_in_limits
       set attempts = greatest(attempts - 1, 0)
     where scope = 'sign_in_account_ip' and ip_key = v_ip and account_key = v_account;
  end if;
end;
$$;

-- -----------------------------------------------------------------------------
-- Sign-up: 10 per address per hour, counted whatever the outcome (an existing email is an
-- answer too), given back only when the Auth API gave none.
-- -----------------------------------------------------------------------------

create or replace function public.take_sign_up_attempt(p_ip text)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_ip text := public.sign_in_limit_ip_key(p_ip);
  v_now timestamptz := now();
  v_row public.sign_in_limits;
begin
  perform public.purge_sign_in_limits(100);

  insert into public.sign_in_limits as l (scope, ip_key, account_key, window_started_at, last_attempt_at, expires_at)
  values ('sign_up_ip', v_ip, '', v_now, v_now, v_now + interval '1 hour')
  on conflict (scope, ip_key, account_key) do update set scope = l.scope
  returning * into v_row;
  if v_row.window_started_at <= v_now - interval '1 hour' then
    v_row.attempts := 0;
    v_row.window_started_at := v_now;
  end if;
  if v_row.attempts >= 10 then
    return greatest(ceil(extract(epoch from v_row.window_started_at + interval '1 hour' - v_now)), 1)::integer;
  end if;
  update public.sign_in_limits
     set attempts = v_row.attempts + 1,
         window_started_at = v_row.window_started_at,
         last_attempt_at = v_now,
         expires_at = v_row.window_started_at + interval '1 hour'
   where scope = 'sign_up_ip' and ip_key = v_ip and account_key = '';
  return 0;
end;
$$;

create or replace function public.return_sign_up_attempt(p_ip text)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update public.sign_in_limits
     set attempts = greatest(attempts - 1, 0)
   where scope = 'sign_up_ip' and ip_key = public.sign_in_limit_ip_key(p_ip) and account_key = ''
$$;

-- -----------------------------------------------------------------------------
-- Privileges: the app's login only (see the header). Supabase's default privileges grant every
-- new function in public to the API roles, so they are taken back explicitly.
-- -----------------------------------------------------------------------------

revoke execute on function public.sign_in_limit_ip_key(text) from public, anon, authenticated, service_role;
revoke execute on function public.sign_in_limit_account_key(text) from public, anon, authenticated, service_role;
revoke execute on function public.purge_sign_in_limits(integer) from public, anon, authenticated, service_role;
revoke execute on function public.take_sign_in_attempt(text, text) from public, anon, authenticated, service_role;
revoke execute on function public.settle_sign_in_attempt(text, text, text) from public, anon, authenticated, service_role;
revoke execute on function public.take_sign_up_attempt(text) from public, anon, authenticated, service_role;
revoke execute on function public.return_sign_up_attempt(text) from public, anon, authenticated, service_role;

grant execute on function public.take_sign_in_attempt(text, text) to authenticator;
grant execute on function public.settle_sign_in_attempt(text, text, text) to authenticator;
grant execute on function public.take_sign_up_attempt(text) to authenticator;
grant execute on function public.return_sign_up_attempt(text) to authenticator;
