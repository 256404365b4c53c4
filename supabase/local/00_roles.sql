-- =============================================================================
-- What Supabase itself provides: the API roles.
-- Applied only to a Postgres that is not a Supabase database (the embedded one,
-- or a plain server reached through DATABASE_URL). On Supabase these exist.
-- Roles are cluster-wide, so this file is safe to run once per cluster and again.
-- =============================================================================

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    -- The app's pooled login. NOINHERIT: on its own it can read nothing; every
    -- unit of work switches to `authenticated` or `anon` inside a transaction.
    create role authenticator login noinherit password 'authenticator';
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin nologin noinherit createrole;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
