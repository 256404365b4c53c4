/**
 * Seed 001 error_logs: every error_type and severity, recurring messages (so grouping by message
 * shows real groups), stack traces and request context in error_details, some without a user
 * (system jobs, signed-out requests), and older ones resolved by the admin with a note.
 * The same templates feed the bulk generator (bulk.ts), so large volumes group the same way.
 */
import { userByKey, activeUsers, type SeedContext } from "./context";
import type { Row } from "./insert";
import { MS, plusMs, rng, seedUuid } from "./random";

/** Marks rows that survive their user's deletion (user_id set NULL), so --force can find them. */
export const SEED_MARKER = { seed: "demo" } as const;

export type ErrorTemplate = {
  type: "auth" | "api" | "admin" | "app" | "user" | "permission" | "system";
  category: string;
  message: string;
  severity: "info" | "warning" | "error" | "critical";
  path: string | null;
  method: string | null;
  /** share of the occurrences that have a signed-in user */
  withUser: number;
  /** relative frequency */
  weight: number;
  /** probability that an occurrence older than three days was resolved */
  resolveRate: number;
  resolution: string;
  stack: string;
  context: Record<string, unknown>;
};

function stack(head: string, frames: string[]): string {
  return [head, ...frames.map((f) => `    at ${f}`)].join("\n");
}

export const ERROR_TEMPLATES: ErrorTemplate[] = [
  {
    type: "api", category: "provider_error", severity: "error", path: "/api/chat", method: "POST", withUser: 1, weight: 14, resolveRate: 0.5,
    message: "Google Gemini API returned 503: The model is overloaded. Please try again later.",
    resolution: "Provider-side incident; retries with backoff now enabled for chat_model_agent.",
    stack: stack("APICallError: The model is overloaded. Please try again later.", ["GoogleGenerativeAILanguageModel.doStream (node_modules/@ai-sdk/google/dist/index.mjs:812:13)", "async streamText (lib/ai/chat.ts:88:20)", "async POST (app/(chat)/api/chat/route.ts:142:18)"]),
    context: { provider: "google", model: "gemini-2.0-flash", statusCode: 503, isRetryable: true },
  },
  {
    type: "api", category: "timeout", severity: "error", path: "/api/chat", method: "POST", withUser: 1, weight: 6, resolveRate: 0.6,
    message: "Request to OpenAI timed out after 60000 ms",
    resolution: "Timeout raised to 120 s for long document generations.",
    stack: stack("AbortError: The operation was aborted due to timeout", ["OpenAIChatLanguageModel.doStream (node_modules/@ai-sdk/openai/dist/index.mjs:604:24)", "async streamText (lib/ai/chat.ts:88:20)"]),
    context: { provider: "openai", model: "gpt-4o", timeoutMs: 60000 },
  },
  {
    type: "api", category: "rate_limit", severity: "warning", path: "/api/chat", method: "POST", withUser: 1, weight: 9, resolveRate: 0.1,
    message: "Rate limit exceeded for chat_model_agent: 100 requests per hour",
    resolution: "Expected behaviour; user informed.",
    stack: stack("RateLimitError: Rate limit exceeded for chat_model_agent: 100 requests per hour", ["checkRateLimit (lib/usage/rate-limit.ts:51:11)", "async POST (app/(chat)/api/chat/route.ts:64:5)"]),
    context: { agentType: "chat_model_agent", limitType: "hourly", limitValue: 100 },
  },
  {
    type: "api", category: "tool_error", severity: "error", path: "/api/chat", method: "POST", withUser: 1, weight: 4, resolveRate: 0.7,
    message: "gitMcpAgent: GitHub API responded 404 Not Found for repos/acme-analytics/churn-dashbaord",
    resolution: "Typo in the repository name; the agent now lists the user's connected repositories first.",
    stack: stack("McpError: GitHub API responded 404 Not Found", ["McpClient.callTool (lib/ai/agents/git-mcp.ts:133:15)", "async gitMcpAgent.execute (lib/ai/agents/git-mcp.ts:71:22)"]),
    context: { tool: "repos", owner: "acme-analytics", repo: "churn-dashbaord" },
  },
  {
    type: "api", category: "stream", severity: "info", path: "/api/chat", method: "POST", withUser: 1, weight: 10, resolveRate: 0,
    message: "Stream closed before completion: client disconnected",
    resolution: "",
    stack: stack("ResponseAborted: client disconnected", ["ReadableStream.cancel (node:internal/webstreams/readablestream:413:11)", "async pipeToResponse (lib/ai/stream.ts:40:7)"]),
    context: { bytesSent: 18342 },
  },
  {
    type: "app", category: "render_error", severity: "error", path: "/documents/[id]", method: "GET", withUser: 1, weight: 7, resolveRate: 0.8,
    message: "TypeError: Cannot read properties of undefined (reading 'map')",
    resolution: "Fixed in the version list: documents without suggestions returned undefined.",
    stack: stack("TypeError: Cannot read properties of undefined (reading 'map')", ["SuggestionList (app/(console)/documents/[id]/_components/suggestions.tsx:27:32)", "renderWithHooks (node_modules/react-dom/cjs/react-dom-server.node.development.js:5662:16)"]),
    context: { component: "SuggestionList", digest: "2188327151" },
  },
  {
    type: "app", category: "mermaid_parse", severity: "warning", path: "/chats/[id]", method: "GET", withUser: 1, weight: 6, resolveRate: 0.2,
    message: "Parse error on line 4: ...-> C[Sign in (or continue ... Expecting 'SQE', got 'PS'",
    resolution: "Mermaid agent prompt now requires quoted labels with punctuation.",
    stack: stack("Error: Parse error on line 4", ["Parser.parseError (node_modules/mermaid/dist/mermaid.core.mjs:1021:21)", "MermaidRenderer.render (components/artifacts/mermaid.tsx:58:9)"]),
    context: { diagramType: "flowchart", line: 4 },
  },
  {
    type: "app", category: "python_runtime", severity: "info", path: "/chats/[id]", method: "GET", withUser: 1, weight: 5, resolveRate: 0,
    message: "PythonError: ModuleNotFoundError: No module named 'seaborn'",
    resolution: "",
    stack: stack("PythonError: Traceback (most recent call last):\n  File \"<exec>\", line 2, in <module>\nModuleNotFoundError: No module named 'seaborn'", ["Pyodide.runPythonAsync (components/artifacts/python-runner.ts:77:18)"]),
    context: { runtime: "pyodide-0.27", packages: ["numpy", "pandas", "matplotlib"] },
  },
  {
    type: "user", category: "validation", severity: "info", path: "/api/files/upload", method: "POST", withUser: 1, weight: 6, resolveRate: 0,
    message: "File too large: 14.2 MB exceeds the 10 MB limit",
    resolution: "",
    stack: stack("ValidationError: File too large", ["validateUpload (lib/files/validate.ts:19:11)", "async POST (app/(chat)/api/files/upload/route.ts:22:3)"]),
    context: { fileName: "export-2024.csv", sizeBytes: 14889779, maxBytes: 10485760 },
  },
  {
    type: "user", category: "unsupported_file", severity: "info", path: "/api/files/upload", method: "POST", withUser: 1, weight: 3, resolveRate: 0,
    message: "Unsupported file type: .docx",
    resolution: "",
    stack: stack("ValidationError: Unsupported file type", ["validateUpload (lib/files/validate.ts:31:11)"]),
    context: { fileName: "brief.docx", allowed: ["pdf", "txt", "md", "csv", "json", "png", "jpg"] },
  },
  {
    type: "auth", category: "session_refresh", severity: "warning", path: "/auth/v1/token", method: "POST", withUser: 1, weight: 8, resolveRate: 0.3,
    message: "Invalid Refresh Token: Already Used",
    resolution: "Two tabs refreshed at once; the middleware now reuses the in-flight refresh.",
    stack: stack("AuthApiError: Invalid Refresh Token: Already Used", ["handleError (node_modules/@supabase/auth-js/dist/main/lib/fetch.js:72:11)", "async updateSession (lib/supabase/middleware.ts:38:5)"]),
    context: { code: "refresh_token_already_used", status: 400 },
  },
  {
    type: "auth", category: "invalid_credentials", severity: "info", path: "/login", method: "POST", withUser: 0, weight: 9, resolveRate: 0,
    message: "Invalid login credentials",
    resolution: "",
    stack: stack("AuthApiError: Invalid login credentials", ["signInWithPassword (app/(auth)/login/actions.ts:24:19)"]),
    context: { code: "invalid_credentials", status: 400 },
  },
  {
    type: "permission", category: "rls_denied", severity: "error", path: "/api/chat", method: "POST", withUser: 1, weight: 3, resolveRate: 0.9,
    message: "new row violates row-level security policy for table \"Chat\"",
    resolution: "Chat created with the viewer's id from claims instead of the request body.",
    stack: stack("PostgresError: new row violates row-level security policy for table \"Chat\"", ["ErrorResponse (node_modules/postgres/src/connection.js:815:30)", "async saveChat (lib/db/mutations/chats.ts:19:3)"]),
    context: { code: "42501", table: "Chat" },
  },
  {
    type: "permission", category: "forbidden", severity: "warning", path: "/admin/users", method: "POST", withUser: 1, weight: 2, resolveRate: 0.5,
    message: "Only an admin can change role, trust_score or email of a profile",
    resolution: "A manager tried to approve a sign-up; the button is now hidden for managers.",
    stack: stack("PostgresError: Only an admin can change role, trust_score or email of a profile", ["ErrorResponse (node_modules/postgres/src/connection.js:815:30)", "async updateUserRole (lib/db/mutations/users.ts:41:3)"]),
    context: { code: "42501" },
  },
  {
    type: "admin", category: "config_validation", severity: "warning", path: "/admin/agents", method: "POST", withUser: 1, weight: 2, resolveRate: 0.6,
    message: "admin_config \"python_agent_openai\": rateLimit.perHour is required (a number)",
    resolution: "Form now marks the field as required.",
    stack: stack("PostgresError: admin_config \"python_agent_openai\": rateLimit.perHour is required (a number)", ["async updateAgentConfig (lib/db/mutations/admin.ts:66:5)"]),
    context: { configKey: "python_agent_openai", code: "23514" },
  },
  {
    type: "admin", category: "model_default", severity: "info", path: "/admin/models", method: "POST", withUser: 1, weight: 1, resolveRate: 0.3,
    message: "Provider openai must keep a default model: make another model the default instead of unsetting gpt-4o",
    resolution: "Expected: the admin picked another default afterwards.",
    stack: stack("PostgresError: Provider openai must keep a default model", ["async updateModelConfig (lib/db/mutations/model-configs.ts:52:5)"]),
    context: { modelId: "gpt-4o", provider: "openai", code: "23514" },
  },
  {
    type: "system", category: "database", severity: "critical", path: null, method: null, withUser: 0, weight: 2, resolveRate: 1,
    message: "remaining connection slots are reserved for non-replication superuser connections",
    resolution: "Pool size per instance lowered from 20 to 10; idle_in_transaction_session_timeout set to 60 s.",
    stack: stack("PostgresError: remaining connection slots are reserved for non-replication superuser connections", ["ErrorResponse (node_modules/postgres/src/connection.js:815:30)", "Connection.connect (node_modules/postgres/src/connection.js:367:7)"]),
    context: { code: "53300", poolSize: 20, instances: 6 },
  },
  {
    type: "system", category: "job_failure", severity: "critical", path: null, method: null, withUser: 0, weight: 1, resolveRate: 1,
    message: "Log purge failed: canceling statement due to statement timeout",
    resolution: "Purge now deletes in batches of 10,000 rows.",
    stack: stack("PostgresError: canceling statement due to statement timeout", ["async purgeOldLogs (lib/jobs/purge-logs.ts:17:3)", "async runScheduledJob (lib/jobs/scheduler.ts:44:7)"]),
    context: { code: "57014", job: "purge_old_activity_logs", statementTimeoutMs: 30000 },
  },
  {
    type: "system", category: "ingest", severity: "error", path: "/api/projects/[id]/ingest", method: "POST", withUser: 0.8, weight: 3, resolveRate: 0.7,
    message: "Ingest job failed: invalid byte sequence for encoding \"UTF8\": 0xff",
    resolution: "CSV upload now converts Latin-1 files to UTF-8 before parsing.",
    stack: stack("PostgresError: invalid byte sequence for encoding \"UTF8\": 0xff", ["async saveRecords (lib/ingest/save.ts:58:7)", "async runIngestJob (lib/ingest/job.ts:92:5)"]),
    context: { code: "22021", fileName: "feedback-week-31.csv" },
  },
];

export const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:131.0) Gecko/20100101 Firefox/131.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36",
];

/** A stable client per person: the same browser and a plausible address every time. */
export function clientOf(userIndex: number): { userAgent: string; ip: string } {
  return {
    userAgent: USER_AGENTS[userIndex % USER_AGENTS.length],
    ip: `203.0.113.${(userIndex * 37) % 250 + 3}`,
  };
}

export function buildErrorLogs(ctx: SeedContext): Row[] {
  const r = rng("errors");
  const admin = userByKey(ctx, "admin");
  const people = activeUsers(ctx);
  const weighted = ERROR_TEMPLATES.map((t) => [t, t.weight] as const);
  const rows: Row[] = [];
  const TOTAL = 220;
  for (let i = 0; i < TOTAL; i++) {
    // Every template occurs at least once; the rest follow the weights.
    const t = i < ERROR_TEMPLATES.length ? ERROR_TEMPLATES[i] : r.weighted(weighted);
    const at = ctx.clock.recent(r, 90, 1.3);
    const hasUser = r.chance(t.withUser);
    const userIndex = r.int(0, people.length - 1);
    const u = hasUser ? people[userIndex] : null;
    const client = clientOf(hasUser ? userIndex : 40 + r.int(0, 9));
    const ageDays = (ctx.clock.anchor.getTime() - at.getTime()) / MS.DAY;
    const resolved = ageDays > 3 && r.chance(t.resolveRate);
    const resolvedAt = resolved ? new Date(Math.min(at.getTime() + r.int(1, 48) * MS.HOUR, ctx.clock.anchor.getTime() - MS.HOUR)) : null;
    const requestId = seedUuid(`error-request:${i}`);
    rows.push({
      id: seedUuid(`error:${i}`),
      user_id: u?.id ?? null,
      error_type: t.type,
      error_category: t.category,
      error_message: t.message,
      error_details: { stack: t.stack, context: { ...t.context, requestId }, runtime: "nodejs", ...SEED_MARKER },
      request_path: t.path,
      request_method: t.method,
      user_agent: t.path ? client.userAgent : "node-cron/3.0",
      ip_address: t.path ? client.ip : "10.0.4.17",
      session_id: u ? `sess_${seedUuid(`session:${u.id}`).slice(0, 18).replace(/-/g, "")}` : null,
      severity: t.severity,
      resolved,
      resolved_by: resolved ? admin.id : null,
      resolved_at: resolvedAt,
      resolution_notes: resolved ? t.resolution || "Reviewed; no action needed." : null,
      created_at: at,
    });
  }
  // The same outage reported many times within minutes: the errors page should show it as one group.
  const outage = ctx.clock.daysAgo(2.3);
  const t0 = ERROR_TEMPLATES[0];
  for (let i = 0; i < 18; i++) {
    const userIndex = r.int(0, people.length - 1);
    const client = clientOf(userIndex);
    rows.push({
      id: seedUuid(`error:outage:${i}`),
      user_id: people[userIndex].id,
      error_type: t0.type,
      error_category: t0.category,
      error_message: t0.message,
      error_details: { stack: t0.stack, context: { ...t0.context, requestId: seedUuid(`error-request:outage:${i}`), incident: "gemini-overload" }, runtime: "nodejs", ...SEED_MARKER },
      request_path: t0.path,
      request_method: t0.method,
      user_agent: client.userAgent,
      ip_address: client.ip,
      session_id: `sess_${seedUuid(`session:${people[userIndex].id}`).slice(0, 18).replace(/-/g, "")}`,
      severity: i < 3 ? "critical" : "error",
      resolved: false,
      resolved_by: null,
      resolved_at: null,
      resolution_notes: null,
      created_at: plusMs(outage, i * 47_000),
    });
  }
  return rows;
}
