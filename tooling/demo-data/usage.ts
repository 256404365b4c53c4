/**
 * Seed 001 usage beyond the chats: usage rows of a model the catalogue does not price (so the
 * admin "unpriced usage" view has something to show), the current rate-limit windows, and the
 * GitHub repositories people connected for the git agent.
 */
import { type AgentType, UNPRICED_MODELS } from "./catalog";
import { simpleAction } from "./activity-types";
import { activeUsers, type SeedContext, userByKey } from "./context";
import type { Row } from "./insert";
import { MS, plusMs, rng, seedUuid } from "./random";

/**
 * A team tried models through their own API keys ("bring your own key") before an admin added
 * them to model_config: tokens are known, cost is not (NULL, not 0, so sums do not pretend).
 */
export function buildUnpricedUsage(ctx: SeedContext): Row[] {
  const r = rng("usage-unpriced");
  const people = ["alice", "bob", "grace", "hiroshi", "maya"].map((k) => userByKey(ctx, k));
  const rows: Row[] = [];
  for (let i = 0; i < 14; i++) {
    const m = i < 10 ? UNPRICED_MODELS[0] : UNPRICED_MODELS[1];
    const u = people[i % people.length];
    const requestAt = ctx.clock.recent(r, 30, 1.2);
    const duration = r.int(900, 9_000);
    const input = r.int(900, 6_000);
    const output = r.int(150, 1_600);
    rows.push({
      id: seedUuid(`usage:unpriced:${i}`),
      user_id: u.id,
      chat_id: null,
      agent_type: i % 3 === 0 ? "provider_tools_agent" : "chat_model_agent",
      model_used: m.modelId,
      provider: m.provider,
      input_tokens: input,
      output_tokens: output,
      total_tokens: input + output,
      input_cost: null,
      output_cost: null,
      total_cost: null,
      request_timestamp: requestAt,
      response_timestamp: plusMs(requestAt, duration),
      duration_ms: duration,
      metadata: { source: "byok-experiment", apiKeyOwner: u.email },
    });
  }
  return rows;
}

type Window = "minute" | "hourly" | "daily";

function windowOf(anchor: Date, w: Window, daysBack = 0): { start: Date; end: Date } {
  const t = new Date(anchor);
  if (w === "minute") t.setUTCSeconds(0, 0);
  if (w === "hourly") t.setUTCMinutes(0, 0, 0);
  if (w === "daily") t.setUTCHours(0, 0, 0, 0);
  const start = new Date(t.getTime() - daysBack * MS.DAY);
  const len = w === "minute" ? MS.MINUTE : w === "hourly" ? MS.HOUR : MS.DAY;
  return { start, end: new Date(start.getTime() + len) };
}

/**
 * Rate-limit windows as the chat API keeps them: one row per user, agent and window, the limit
 * copied from the agent's admin_config rateLimit. Current windows for a few people (Bob is at
 * his mermaid limit), plus yesterday's daily windows, which have expired.
 */
export function buildRateLimits(ctx: SeedContext): Row[] {
  const r = rng("rate-limits");
  const rows: Row[] = [];
  const limitOf = (agent: AgentType, w: Window) => {
    const rl = ctx.catalog.rateLimits[agent];
    return w === "minute" ? rl.perMinute : w === "hourly" ? rl.perHour : rl.perDay;
  };
  const add = (userKey: string, agent: AgentType, w: Window, fill: number, daysBack = 0) => {
    const u = userByKey(ctx, userKey);
    const { start, end } = windowOf(ctx.clock.anchor, w, daysBack);
    const limit = limitOf(agent, w);
    const firstRequest = new Date(Math.min(start.getTime() + r.int(0, 40) * 1000, ctx.clock.anchor.getTime()));
    rows.push({
      id: seedUuid(`rate-limit:${userKey}:${agent}:${w}:${daysBack}`),
      user_id: u.id,
      agent_type: agent,
      period_start: start,
      period_end: end,
      request_count: Math.min(limit, Math.round(limit * fill)),
      limit_type: w,
      limit_value: limit,
      created_at: firstRequest,
    });
  };
  add("alice", "chat_model_agent", "minute", 0.4);
  add("alice", "chat_model_agent", "hourly", 0.37);
  add("alice", "chat_model_agent", "daily", 0.21);
  add("alice", "document_agent", "hourly", 0.12);
  add("alice", "python_agent", "daily", 0.07);
  add("alice", "chat_model_agent", "daily", 0.44, 1);
  add("bob", "chat_model_agent", "minute", 0.2);
  add("bob", "chat_model_agent", "hourly", 0.61);
  add("bob", "chat_model_agent", "daily", 0.39);
  add("bob", "mermaid_agent", "hourly", 1); // at the limit: the next diagram request is refused
  add("bob", "mermaid_agent", "daily", 0.6);
  add("bob", "chat_model_agent", "daily", 0.52, 1);
  for (const u of activeUsers(ctx).filter((x) => !x.demo).slice(0, 8)) {
    add(u.key, "chat_model_agent", "hourly", r.next() * 0.5);
    add(u.key, "chat_model_agent", "daily", r.next() * 0.3);
    if (r.chance(0.4)) add(u.key, r.pick(["provider_tools_agent", "git_mcp_agent", "python_agent"] as const), "hourly", r.next() * 0.8);
  }
  // Bob's refused request, as the chat API logs it.
  const refusedAt = new Date(Math.max(windowOf(ctx.clock.anchor, "hourly").start.getTime(), ctx.clock.anchor.getTime() - 4 * MS.MINUTE));
  const refused = simpleAction(userByKey(ctx, "bob"), "rate-limit:bob:mermaid", refusedAt, "chat_message_send", "chat", "/api/chat", "POST", undefined, undefined, {
    tool: "mermaidAgent",
  });
  refused.success = false;
  refused.errorMessage = `Rate limit exceeded for mermaid_agent: ${limitOf("mermaid_agent", "hourly")} requests per hour`;
  refused.agentOps = [{
    agentType: "mermaid_agent", operationType: "tool_invocation", operationCategory: "delegation",
    start: refusedAt, end: plusMs(refusedAt, 35), success: false, errorType: "RateLimitError", errorMessage: refused.errorMessage,
  }];
  ctx.actions.push(refused);
  return rows;
}

const REPOS: readonly [string, string, string, string, boolean][] = [
  // user, owner, name, default branch, active
  ["alice", "acme-analytics", "churn-dashboard", "main", true],
  ["alice", "acme-analytics", "data-pipelines", "main", true],
  ["alice", "alice-analyst", "notebooks", "main", false],
  ["bob", "acme-analytics", "web-store", "main", true],
  ["bob", "bob-builder", "infra-terraform", "master", true],
  ["daniel", "acme-analytics", "churn-dashboard", "main", true],
  ["grace", "acme-analytics", "web-store", "main", true],
  ["jonas", "acme-analytics", "deploy-tools", "develop", true],
  ["maya", "maya-patel", "ml-experiments", "main", true],
  ["noah", "acme-analytics", "data-pipelines", "main", false],
  ["admin", "acme-analytics", "console", "main", true],
];

export function buildGithubRepositories(ctx: SeedContext): Row[] {
  const r = rng("github");
  return REPOS.map(([key, owner, name, branch, active]) => {
    const u = userByKey(ctx, key);
    const created = new Date(Math.max(u.createdAt.getTime() + MS.DAY, ctx.clock.daysAgo(80 - r.int(0, 40)).getTime()));
    return {
      id: seedUuid(`github:${key}:${owner}/${name}`),
      user_id: u.id,
      repo_owner: owner,
      repo_name: name,
      repo_url: `https://github.com/${owner}/${name}`,
      default_branch: branch,
      is_active: active,
      // inactive repositories were last used a few days after being connected
      last_accessed: active ? ctx.clock.recent(r, 10) : plusMs(created, r.int(1, 10) * MS.DAY),
      created_at: created,
    };
  });
}
