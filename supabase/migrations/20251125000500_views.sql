-- =============================================================================
-- seed 003 views, created with security_invoker so they obey the caller's RLS
-- (a user sees their own sessions' numbers, an admin everyone's).
-- =============================================================================

create or replace view public.session_summary
with (security_invoker = true)
as
select
  s.id,
  s.user_id,
  s.status,
  s.source,
  s.original_input,
  s.current_ir,
  s.current_code,
  s.revision_count,
  s.draft_count,
  s.hole_count,
  s.metadata,
  s.created_at,
  s.updated_at,
  s.finalized_at,
  r.latest_revision_number,
  d.latest_draft_number,
  ld.latest_draft_valid,
  coalesce(d.total_generation_time_ms, 0)::bigint as total_generation_time_ms,
  coalesce(d.total_llm_cost_usd, 0)::numeric(12, 6) as total_llm_cost_usd,
  coalesce(d.total_llm_tokens_used, 0)::bigint as total_llm_tokens_used,
  extract(epoch from (s.updated_at - s.created_at))::numeric as session_duration_seconds,
  extract(epoch from (s.finalized_at - s.created_at))::numeric as time_to_finalization_seconds
from public.sessions s
left join lateral (
  select max(sr.revision_number) as latest_revision_number
  from public.session_revisions sr where sr.session_id = s.id
) r on true
left join lateral (
  select max(sd.draft_number) as latest_draft_number,
         sum(sd.generation_time_ms) as total_generation_time_ms,
         sum(sd.llm_cost_usd) as total_llm_cost_usd,
         sum(sd.llm_tokens_used) as total_llm_tokens_used
  from public.session_drafts sd where sd.session_id = s.id
) d on true
left join lateral (
  select sd.syntax_valid and sd.ast_valid as latest_draft_valid
  from public.session_drafts sd where sd.session_id = s.id
  order by sd.draft_number desc limit 1
) ld on true;

create or replace view public.user_analytics
with (security_invoker = true)
as
select
  s.user_id,
  count(*)::bigint as total_sessions,
  count(*) filter (where s.status = 'finalized')::bigint as finalized_sessions,
  count(*) filter (where s.status = 'active')::bigint as active_sessions,
  count(*) filter (where s.status = 'error')::bigint as error_sessions,
  coalesce(sum(s.revision_count), 0)::bigint as total_revisions,
  coalesce(sum(s.draft_count), 0)::bigint as total_drafts,
  round(avg(s.revision_count), 2) as avg_revisions_per_session,
  round(avg(s.draft_count), 2) as avg_drafts_per_session,
  min(s.created_at) as first_session_at,
  max(s.created_at) as last_session_at,
  coalesce(sum(dc.cost), 0)::numeric(12, 6) as total_llm_cost_usd,
  coalesce(sum(dc.tokens), 0)::bigint as total_llm_tokens_used,
  round(avg(extract(epoch from (s.finalized_at - s.created_at))) filter (where s.finalized_at is not null), 2)
    as avg_time_to_finalization_seconds
from public.sessions s
left join lateral (
  select sum(sd.llm_cost_usd) as cost, sum(sd.llm_tokens_used) as tokens
  from public.session_drafts sd where sd.session_id = s.id
) dc on true
group by s.user_id;

create or replace view public.recent_activity
with (security_invoker = true)
as
select 'session_created'::text as event_type, s.id as session_id, s.user_id,
       null::uuid as revision_id, null::uuid as draft_id, null::uuid as resolution_id,
       s.created_at as event_time,
       jsonb_build_object('status', s.status, 'source', s.source,
                          'original_input', left(s.original_input, 200)) as event_data
from public.sessions s
union all
select 'revision_created', r.session_id, s.user_id, r.id, null, null, r.created_at,
       jsonb_build_object('revision_number', r.revision_number, 'source', r.source,
                          'changed_fields', to_jsonb(r.changed_fields), 'change_summary', r.change_summary)
from public.session_revisions r
join public.sessions s on s.id = r.session_id
union all
select 'draft_created', d.session_id, s.user_id, d.ir_revision_id, d.id, null, d.created_at,
       jsonb_build_object('draft_number', d.draft_number, 'source', d.source, 'language', d.language,
                          'syntax_valid', d.syntax_valid, 'ast_valid', d.ast_valid,
                          'generation_time_ms', d.generation_time_ms, 'llm_cost_usd', d.llm_cost_usd)
from public.session_drafts d
join public.sessions s on s.id = d.session_id
union all
select 'hole_resolved', h.session_id, s.user_id, h.ir_revision_id, null, h.id, h.created_at,
       jsonb_build_object('hole_id', h.hole_id, 'hole_type', h.hole_type,
                          'resolution_method', h.resolution_method, 'confidence_score', h.confidence_score)
from public.hole_resolutions h
join public.sessions s on s.id = h.session_id;

create or replace view public.draft_validation_stats
with (security_invoker = true)
as
select
  d.session_id,
  s.user_id,
  count(*)::bigint as total_drafts,
  count(*) filter (where d.syntax_valid)::bigint as syntax_valid_count,
  count(*) filter (where d.ast_valid)::bigint as ast_valid_count,
  count(*) filter (where d.syntax_valid and d.ast_valid)::bigint as fully_valid_count,
  round(100.0 * count(*) filter (where d.syntax_valid) / count(*), 2) as syntax_valid_percent,
  round(100.0 * count(*) filter (where d.ast_valid) / count(*), 2) as ast_valid_percent,
  round(100.0 * count(*) filter (where d.syntax_valid and d.ast_valid) / count(*), 2) as fully_valid_percent,
  round(avg(d.generation_time_ms), 2) as avg_generation_time_ms,
  round(avg(d.validation_time_ms), 2) as avg_validation_time_ms,
  coalesce(sum(d.llm_cost_usd), 0)::numeric(12, 6) as total_llm_cost_usd
from public.session_drafts d
join public.sessions s on s.id = d.session_id
group by d.session_id, s.user_id;
