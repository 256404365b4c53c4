-- =============================================================================
-- Sign-in details for the admin users table (issue 9: /admin/users under load).
--
-- /admin/users showed each row's last sign-in and ban by asking the Auth admin API once per
-- row (GET /admin/users/{id}): 25 to 100 HTTP round trips per page view, each a full Auth
-- request, which made the page the slowest list in the console. Supabase Auth keeps both
-- facts in auth.users; this function reads them for one page of ids in the page's own
-- transaction.
--
-- SECURITY DEFINER (auth.users is not readable by `authenticated`), so it checks the caller
-- itself: an admin (profiles.role, via is_current_user_admin()) gets the rows, anyone else
-- none. Only the two columns the table shows leave auth.users, and at most 500 ids per call
-- (the first 500 elements, whatever the array's shape). An infinite ban reads as 9999-12-31.
-- =============================================================================

create or replace function public.admin_auth_user_details(p_ids uuid[])
returns table (id uuid, last_sign_in_at timestamptz, banned_until timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select u.id,
         case when isfinite(u.last_sign_in_at) then u.last_sign_in_at end,
         case when isfinite(u.banned_until) then u.banned_until
              when u.banned_until is not null then '9999-12-31 00:00:00+00'::timestamptz end
  from auth.users u
  where u.id in (select i from unnest(p_ids) as i limit 500)
    and (select public.is_current_user_admin())
$$;

revoke execute on function public.admin_auth_user_details(uuid[]) from public, anon;
grant execute on function public.admin_auth_user_details(uuid[]) to authenticated;
