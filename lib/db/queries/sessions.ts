/**
 * Reads for /sessions and /sessions/[id] (seed 003): the session_summary, recent_activity and
 * draft_validation_stats views (security_invoker, so they obey the caller's RLS) and the
 * revisions, drafts and hole resolutions of one session.
 */
import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, likePattern, planKeysetPage, type KeysetPage } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import type { SessionsTableQuery } from "@/lib/validation/browse";
import { dayStart, iso, nextDayStart, one, rows } from "./sql-helpers";

export type SessionListRow = {
  id: string;
  status: string;
  source: string;
  originalInput: string;
  revisionCount: number;
  draftCount: number;
  holeCount: number;
  cost: string;
  tokens: number;
  durationSeconds: string | null;
  createdAt: string;
  latestDraftValid: boolean | null;
};

const summaryColumns = sql`s.id, s.status, s.source, s.original_input as "originalInput", s.revision_count as "revisionCount",
  s.draft_count as "draftCount", s.hole_count as "holeCount", s.total_llm_cost_usd::text as cost,
  s.total_llm_tokens_used::text as tokens, s.session_duration_seconds::text as "durationSeconds",
  ${iso(sql`s.created_at`)} as "createdAt", s.latest_draft_valid as "latestDraftValid"`;

export async function listSessions(tx: Tx, q: SessionsTableQuery): Promise<KeysetPage<SessionListRow>> {
  const plan = planKeysetPage({ sort: { expr: sql`s.created_at`, type: "timestamptz" }, id: sql`s.id`, dir: q.sort.dir, cursor: q.cursor, size: q.size });
  const conds: (SQL | undefined)[] = [sql`s.user_id = (select auth.uid())`, plan.where];
  if (q.q) conds.push(sql`s.original_input ilike ${likePattern(q.q)}`);
  if (q.status.length) conds.push(sql`s.status in (${sql.join(q.status.map((v) => sql`${v}`), sql`, `)})`);
  if (q.source.length) conds.push(sql`s.source in (${sql.join(q.source.map((v) => sql`${v}`), sql`, `)})`);
  if (q.from) conds.push(sql`s.created_at >= ${dayStart(q.from)}::timestamptz`);
  if (q.to) conds.push(sql`s.created_at < ${nextDayStart(q.to)}::timestamptz`);
  const fetched = await rows<SessionListRow & { cursorValue: string | null }>(
    tx,
    sql`select ${summaryColumns}, s.created_at::text as "cursorValue"
          from public.session_summary s
         where ${and(...conds)}
         order by ${sql.join(plan.orderBy, sql`, `)}
         limit ${plan.limit}`,
  );
  const page = finishKeysetPage(fetched, plan, q.cursor, q.size);
  return { ...page, rows: page.rows.map(({ cursorValue: _c, ...r }) => ({ ...r, tokens: Number(r.tokens) })) };
}

export type SessionDetail = SessionListRow & {
  userId: string;
  isOwner: boolean;
  ownerEmail: string | null;
  currentIr: unknown;
  currentCode: string | null;
  metadata: unknown;
  finalizedAt: string | null;
  updatedAt: string;
  generationMs: string;
  timeToFinalizationSeconds: string | null;
};

export async function getSession(tx: Tx, id: string): Promise<SessionDetail | null> {
  const r = await one<SessionDetail>(
    tx,
    sql`select ${summaryColumns}, s.user_id as "userId", s.user_id = (select auth.uid()) as "isOwner", p.email as "ownerEmail",
               s.current_ir as "currentIr", s.current_code as "currentCode", s.metadata,
               ${iso(sql`s.finalized_at`)} as "finalizedAt", ${iso(sql`s.updated_at`)} as "updatedAt",
               s.total_generation_time_ms::text as "generationMs", s.time_to_finalization_seconds::text as "timeToFinalizationSeconds"
          from public.session_summary s left join public.profiles p on p.id = s.user_id
         where s.id = ${id}`,
  );
  return r ? { ...r, tokens: Number(r.tokens) } : null;
}

export type ActivityRow = { eventType: string; eventTime: string; eventData: Record<string, unknown>; revisionId: string | null; draftId: string | null; resolutionId: string | null };

export async function listSessionActivity(tx: Tx, sessionId: string): Promise<ActivityRow[]> {
  return rows<ActivityRow>(
    tx,
    sql`select a.event_type as "eventType", ${iso(sql`a.event_time`)} as "eventTime", a.event_data as "eventData",
               a.revision_id as "revisionId", a.draft_id as "draftId", a.resolution_id as "resolutionId"
          from public.recent_activity a
         where a.session_id = ${sessionId}
         order by a.event_time, a.event_type
         limit 500`,
  );
}

export type RevisionRow = {
  id: string;
  revisionNumber: number;
  source: string;
  irContent: unknown;
  validationResult: unknown;
  changedFields: string[];
  changeSummary: string | null;
  metadata: unknown;
  createdAt: string;
};

export async function listRevisions(tx: Tx, sessionId: string): Promise<RevisionRow[]> {
  return rows<RevisionRow>(
    tx,
    sql`select r.id, r.revision_number as "revisionNumber", r.source, r.ir_content as "irContent",
               r.validation_result as "validationResult", coalesce(r.changed_fields, '{}') as "changedFields",
               r.change_summary as "changeSummary", r.metadata, ${iso(sql`r.created_at`)} as "createdAt"
          from public.session_revisions r
         where r.session_id = ${sessionId}
         order by r.revision_number`,
  );
}

export type DraftRow = {
  id: string;
  draftNumber: number;
  revisionNumber: number | null;
  source: string;
  codeContent: string;
  language: string;
  syntaxValid: boolean;
  astValid: boolean;
  validationErrors: unknown;
  generationTimeMs: number | null;
  validationTimeMs: number | null;
  tokens: number | null;
  cost: string | null;
  createdAt: string;
};

export async function listDrafts(tx: Tx, sessionId: string): Promise<DraftRow[]> {
  return rows<DraftRow>(
    tx,
    sql`select d.id, d.draft_number as "draftNumber", r.revision_number as "revisionNumber", d.source,
               d.code_content as "codeContent", d.language, d.syntax_valid as "syntaxValid", d.ast_valid as "astValid",
               d.validation_errors as "validationErrors", d.generation_time_ms as "generationTimeMs",
               d.validation_time_ms as "validationTimeMs", d.llm_tokens_used as tokens, d.llm_cost_usd::text as cost,
               ${iso(sql`d.created_at`)} as "createdAt"
          from public.session_drafts d
          left join public.session_revisions r on r.id = d.ir_revision_id
         where d.session_id = ${sessionId}
         order by d.draft_number`,
  );
}

export type HoleRow = {
  id: string;
  holeId: string;
  holeType: string;
  method: string;
  confidence: string | null;
  resolvedValue: unknown;
  originalHoleData: unknown;
  suggestions: unknown;
  userFeedback: string | null;
  revisionNumber: number | null;
  createdAt: string;
};

export async function listHoleResolutions(tx: Tx, sessionId: string): Promise<HoleRow[]> {
  return rows<HoleRow>(
    tx,
    sql`select h.id, h.hole_id as "holeId", h.hole_type as "holeType", h.resolution_method as method,
               h.confidence_score::text as confidence, h.resolved_value as "resolvedValue",
               h.original_hole_data as "originalHoleData", h.suggestions_provided as suggestions,
               h.user_feedback as "userFeedback", r.revision_number as "revisionNumber", ${iso(sql`h.created_at`)} as "createdAt"
          from public.hole_resolutions h
          left join public.session_revisions r on r.id = h.ir_revision_id
         where h.session_id = ${sessionId}
         order by h.created_at, h.hole_id`,
  );
}

export type DraftStats = {
  totalDrafts: number;
  syntaxValidCount: number;
  astValidCount: number;
  fullyValidCount: number;
  syntaxValidPercent: string | null;
  astValidPercent: string | null;
  fullyValidPercent: string | null;
  avgGenerationTimeMs: string | null;
  avgValidationTimeMs: string | null;
  totalCost: string;
};

export async function getDraftStats(tx: Tx, sessionId: string): Promise<DraftStats | null> {
  return one<DraftStats>(
    tx,
    sql`select v.total_drafts::int as "totalDrafts", v.syntax_valid_count::int as "syntaxValidCount",
               v.ast_valid_count::int as "astValidCount", v.fully_valid_count::int as "fullyValidCount",
               v.syntax_valid_percent::text as "syntaxValidPercent", v.ast_valid_percent::text as "astValidPercent",
               v.fully_valid_percent::text as "fullyValidPercent", v.avg_generation_time_ms::text as "avgGenerationTimeMs",
               v.avg_validation_time_ms::text as "avgValidationTimeMs", v.total_llm_cost_usd::text as "totalCost"
          from public.draft_validation_stats v
         where v.session_id = ${sessionId}`,
  );
}
