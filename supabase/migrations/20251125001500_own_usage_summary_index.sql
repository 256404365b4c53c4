-- =============================================================================
-- get_current_user_usage_summary() reads the caller's rows through the (user_id,
-- request_timestamp) index (issue 9: /usage under load).
--
-- Its filter was `user_id = auth.uid()`. Under RLS a query's own conditions may only run
-- before the policies when they are leakproof, and auth.uid() (current_setting and a cast to
-- uuid) is not, so Postgres could not use it as an index condition: every call scanned the
-- whole period of usage_logs for all users (130-160 ms at 1M rows for a user with 36 rows).
-- `(select auth.uid())` is an init plan, computed once and compared like a constant, so the
-- index serves it (< 1 ms). Same rows, same result; only the plan changes.
-- =============================================================================

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
    where user_id = (select auth.uid())
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
