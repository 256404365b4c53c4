/**
 * Seed 001 activity logs. A user action (user_activity_logs) and the agent operations it caused
 * (agent_activity_logs) share one correlation_id, which the activity page follows from one to
 * the other. Generators report actions into ctx.actions (chats, votes, document views, a refused
 * request); this module adds sign-ins, sign-ups, admin work and system operations, then writes all.
 */
import { type AgentOp, simpleAction, type UserAction } from "./activity-types";
import { AGENT_TYPES, usd } from "./catalog";
import { type SeedContext, userByKey } from "./context";
import { clientOf, SEED_MARKER } from "./errors";
import type { Row } from "./insert";
import { MS, plusMs, rng, seedUuid } from "./random";

function sessionIdOf(userId: string): string {
  return `sess_${seedUuid(`session:${userId}`).slice(0, 18).replace(/-/g, "")}`;
}

/** Sign-ups, sign-ins (a few mistyped passwords) and the admin's console work. */
function accountActions(ctx: SeedContext): UserAction[] {
  const r = rng("activity-accounts");
  const out: UserAction[] = [];
  const anchor = ctx.clock.anchor.getTime();
  for (const u of ctx.users) {
    out.push(simpleAction(u, `register:${u.id}`, u.createdAt, "auth_register", "authentication", "/signup", "POST", u.id, "user", { method: "email" }));
    if (u.role === "PENDING") continue;
    // Sign-ins every few days since joining (within the 90 days the logs keep).
    let t = Math.max(u.createdAt.getTime() + MS.HOUR, anchor - 90 * MS.DAY);
    let n = 0;
    while (t < anchor - MS.HOUR) {
      if (r.chance(0.08)) {
        const failed = simpleAction(u, `login-failed:${u.id}:${n}`, new Date(t - 40_000), "auth_login", "authentication", "/login", "POST", undefined, undefined, { method: "password" });
        failed.success = false;
        failed.errorMessage = "Invalid login credentials";
        out.push(failed);
      }
      out.push(simpleAction(u, `login:${u.id}:${n}`, new Date(t), "auth_login", "authentication", "/login", "POST", u.id, "user", { method: "password" }));
      if (r.chance(0.3)) out.push(simpleAction(u, `logout:${u.id}:${n}`, new Date(t + r.int(20, 480) * MS.MINUTE), "auth_logout", "authentication", "/logout", "POST", u.id, "user"));
      t += (u.demo ? r.int(12, 60) : r.int(30, 140)) * MS.HOUR;
      n++;
    }
  }
  const admin = userByKey(ctx, "admin");
  for (let i = 0; i < 40; i++) {
    const at = ctx.clock.recent(r, 90, 1.2);
    const kind = r.weighted([["dashboard", 5], ["provider", 2], ["config", 2]] as const);
    if (kind === "dashboard") out.push(simpleAction(admin, `admin:${i}`, at, "admin_dashboard_view", "admin", "/admin", "GET"));
    if (kind === "provider") {
      const provider = r.pick(["google", "openai", "anthropic"]);
      out.push(simpleAction(admin, `admin:${i}`, at, "admin_provider_view", "admin", `/admin/agents?provider=${provider}`, "GET", undefined, undefined, { provider }));
    }
    if (kind === "config") {
      const key = `${r.pick(AGENT_TYPES)}_${r.pick(["google", "openai", "anthropic"])}`;
      out.push(simpleAction(admin, `admin:${i}`, at, "admin_config_update", "admin", "/admin/agents", "POST", undefined, "admin_config", { configKey: key, fields: [r.pick(["systemPrompt", "rateLimit.perHour", "tools.search.enabled", "enabled"])] }));
    }
  }
  return out.filter((a) => a.at.getTime() < anchor);
}

/** Agents starting after each deploy: system operations without a user. */
function systemOps(ctx: SeedContext): { correlationId: string; ops: AgentOp[] }[] {
  const out: { correlationId: string; ops: AgentOp[] }[] = [];
  for (let d = 88; d > 0; d -= 9) {
    const at = ctx.clock.daysAgo(d + 0.13);
    out.push({
      correlationId: seedUuid(`deploy:${d}`),
      ops: AGENT_TYPES.map((agentType, i) => ({
        agentType,
        operationType: "initialization",
        operationCategory: "lifecycle",
        start: plusMs(at, i * 40),
        end: plusMs(at, i * 40 + 25 + i * 7),
        metadata: { trigger: "deploy", provider: ctx.catalog.activeProvider },
      })),
    });
  }
  return out;
}

function agentRow(op: AgentOp, correlationId: string, userId: string | null, i: number): Row {
  return {
    id: seedUuid(`agent-activity:${correlationId}:${i}`),
    user_id: userId,
    correlation_id: correlationId,
    agent_type: op.agentType,
    operation_type: op.operationType,
    operation_category: op.operationCategory,
    operation_metadata: { ...(op.metadata ?? {}), ...SEED_MARKER },
    resource_id: op.resourceId ?? null,
    resource_type: op.resourceType ?? null,
    duration_ms: op.end.getTime() - op.start.getTime(),
    start_time: op.start,
    end_time: op.end,
    model_id: op.model?.modelId ?? null,
    provider: op.model?.provider ?? null,
    thinking_mode: (op.reasoningTokens ?? 0) > 0,
    input_tokens: op.inputTokens ?? null,
    output_tokens: op.outputTokens ?? null,
    reasoning_tokens: op.reasoningTokens ?? null,
    total_tokens: op.inputTokens !== undefined ? op.inputTokens + (op.outputTokens ?? 0) : null,
    input_cost: op.cost ? usd(op.cost.input) : null,
    output_cost: op.cost ? usd(op.cost.output) : null,
    total_cost: op.cost ? usd(op.cost.total) : null,
    success: op.success ?? true,
    error_type: op.errorType ?? null,
    error_message: op.errorMessage ?? null,
    retry_count: op.retryCount ?? 0,
    created_at: op.start,
  };
}

export function buildActivityLogs(ctx: SeedContext): { user: Row[]; agent: Row[] } {
  const indexOf = new Map(ctx.users.map((u, i) => [u.id, i]));
  const actions = [...ctx.actions, ...accountActions(ctx)].sort((a, b) => a.at.getTime() - b.at.getTime());
  const user: Row[] = [];
  const agent: Row[] = [];
  for (const a of actions) {
    const client = clientOf(indexOf.get(a.userId) ?? 0);
    user.push({
      id: seedUuid(`user-activity:${a.correlationId}`),
      user_id: a.userId,
      correlation_id: a.correlationId,
      activity_type: a.activityType,
      activity_category: a.activityCategory,
      activity_metadata: a.metadata ?? {},
      resource_id: a.resourceId ?? null,
      resource_type: a.resourceType ?? null,
      ip_address: client.ip,
      user_agent: client.userAgent,
      request_path: a.requestPath,
      request_method: a.requestMethod,
      session_id: sessionIdOf(a.userId),
      success: a.success ?? true,
      error_message: a.errorMessage ?? null,
      created_at: a.at,
    });
    (a.agentOps ?? []).forEach((op, i) => agent.push(agentRow(op, a.correlationId, a.userId, i)));
  }
  for (const s of systemOps(ctx)) s.ops.forEach((op, i) => agent.push(agentRow(op, s.correlationId, null, i)));
  return { user, agent };
}
