-- =============================================================================
-- Error search that can use its index under RLS (issue 9, found measuring /admin/errors at
-- 1M rows).
--
-- The errors page searches messages with
--   to_tsvector('simple', error_message) @@ to_tsquery('simple', ...)
-- and idx_error_logs_message_fts indexes exactly that. But queries run as the viewer under
-- RLS, and Postgres may evaluate a condition before the row's policies only if its function is
-- LEAKPROOF; ts_match_vq (the @@ operator) is not, so under RLS the index is never used: every
-- search computed to_tsvector for every row it walked. At 1M rows a search with no match took
-- 4.8 s for the list and 0.7 s each for the counts and the chart; as the superuser, 0.5 s.
--
-- This function runs the search itself (SECURITY DEFINER) and returns the ids of the matching
-- rows the caller may read, by the rules of error_logs' SELECT policies:
--   - an admin (is_current_user_admin(): never a pending account) reads every row, and the
--     search goes through the message index;
--   - anyone else who is not pending reads their own rows, found through user_id's index and
--     only then matched (the expression `error_message || ''` is not the indexed one, so the
--     planner cannot search the whole table first): how long a call takes depends on the
--     caller's own rows, never on how many of other people's rows match;
--   - a pending account gets nothing.
-- The page's query keeps RLS on top (`e.id in (select ...)`), so these rules are a second
-- check, not the only one. Marking ts_match_vq LEAKPROOF instead would need a superuser, which
-- a Supabase project does not give.
-- =============================================================================

create or replace function public.error_log_ids_matching(p_query tsquery)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select e.id
    from public.error_logs e
   where (select public.is_current_user_admin())
     and to_tsvector('simple'::regconfig, e.error_message) @@ p_query
  union all
  select e.id
    from public.error_logs e
   where not (select public.is_current_user_admin())
     and (select public.get_user_role()) is distinct from 'pending'
     and e.user_id = (select auth.uid())
     and to_tsvector('simple'::regconfig, e.error_message || '') @@ p_query
$$;

comment on function public.error_log_ids_matching(tsquery) is
  'Ids of the error_logs rows whose message matches p_query that the caller may read (error_logs'' SELECT policies). Lets the admin message search use idx_error_logs_message_fts under RLS.';

revoke execute on function public.error_log_ids_matching(tsquery) from public, anon;
grant execute on function public.error_log_ids_matching(tsquery) to authenticated;
