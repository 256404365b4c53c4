-- =============================================================================
-- A signed-out session writes nothing (issue 16, item 4).
--
-- Access tokens are verified locally (signature and expiry) and stay valid until they expire,
-- while signing out, an admin's password reset, a ban or a deletion end the session in Auth at
-- once (auth.sessions rows deleted, auth.users.banned_until / deleted_at set). So every
-- transaction the app runs for a person (lib/db/run-as.ts, through withViewer) calls this
-- function in the same statement that sets the person's claims: one primary-key lookup of the
-- token's session_id in auth.sessions and one of its user in auth.users. A session that no
-- longer exists, has passed its not_after, or whose user is banned or deleted aborts the
-- transaction with SQLSTATE 28000 (invalid_authorization_specification), before any of the
-- request's queries run; the app reads that as "signed out".
--
-- The session's owner is `p_user`: the signed-in person, also while an admin views the console
-- as another user (then the claims' sub is the other user and the session is the admin's).
--
-- SECURITY DEFINER, because auth.sessions is not readable by the API roles (on Supabase too:
-- the function is owned by the migrations' role, which reads the auth tables there). EXECUTE
-- only for `authenticator`, the app's login: Postgres checks a function's EXECUTE privilege
-- when the statement starts, before set_config() switches to `authenticated` in the same
-- statement, so the app can call it while `anon` and `authenticated` (PostgREST's roles) cannot
-- use it to ask whether some session id exists.
-- =============================================================================

create or replace function public.assert_session_active(p_session_id uuid, p_user uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_session_id is null or p_user is null or not exists (
    select 1
    from auth.sessions s
    join auth.users u on u.id = s.user_id
    where s.id = p_session_id
      and s.user_id = p_user
      and (s.not_after is null or s.not_after > now())
      and (u.banned_until is null or u.banned_until <= now())
      and u.deleted_at is null
  ) then
    raise exception using
      errcode = '28000',
      message = 'session ended',
      detail = 'The access token''s session was signed out, expired or its user was banned or deleted.';
  end if;
  return true;
end;
$$;

revoke execute on function public.assert_session_active(uuid, uuid) from public, anon, authenticated;
grant execute on function public.assert_session_active(uuid, uuid) to authenticator;
