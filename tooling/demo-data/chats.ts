/**
 * Seed 001 chat data: "Chat", "Message_v2", "Vote_v2", "Stream", the "Document" versions and
 * "Suggestion"s the agents create inside those chats, and the usage_logs row of every model call.
 *
 * Consistency the console relies on:
 *   - a chat's total_input_tokens / total_output_tokens / total_cost are the sums over its
 *     messages (only assistant messages carry usage);
 *   - every assistant message has a chat_model_agent usage row with the same tokens and cost,
 *     and every tool call a usage row for the sub-agent that did the work;
 *   - a document's versions share its id, number 1..n in time order, and point at the previous
 *     version through parent_version_id; the chat message that made each version names it.
 */
import { type AgentOp, simpleAction } from "./activity-types";
import { type AgentType, costMicros, type Model, usd } from "./catalog";
import { type Artifact, type ArtifactStep, CHAT_TEMPLATES, type ChatTemplate, type Turn } from "./chat-content";
import { activeUsers, pickModel, type SeedContext } from "./context";
import type { Row } from "./insert";
import { estimateTokens, MS, plusMs, rng, type Rng, seedUuid } from "./random";
import type { SeedUser } from "./users";

export type ChatData = {
  chats: Row[];
  messages: Row[];
  votes: Row[];
  streams: Row[];
  documents: Row[];
  suggestions: Row[];
  usage: Row[];
};

/** About what the chat agent's system prompt and tool schemas cost per call (seed.sql 3.1). */
const SYSTEM_PROMPT_TOKENS = 1450;
const SUB_AGENT_PROMPT_TOKENS = 900;

const AGENT_OF_TOOL: Record<string, AgentType> = {
  documentAgent: "document_agent",
  pythonAgent: "python_agent",
  mermaidAgent: "mermaid_agent",
  providerToolsAgent: "provider_tools_agent",
  gitMcpAgent: "git_mcp_agent",
};

const ID_ARG_OF_AGENT: Record<string, string> = { documentAgent: "documentId", pythonAgent: "codeId", mermaidAgent: "diagramId" };

/** How many chats each person has: the demo users many, colleagues a handful. */
function chatCount(u: SeedUser, r: Rng): number {
  const fixed: Record<string, number> = { alice: 20, bob: 14, admin: 5, manager: 4 };
  if (fixed[u.key] !== undefined) return fixed[u.key];
  return u.role === "MANAGER" ? 3 : r.int(4, 8);
}

/** Alice sees every kind of artifact; Bob most of them; colleagues a random mix. */
function templatesFor(u: SeedUser, n: number, r: Rng): ChatTemplate[] {
  const artifacts = CHAT_TEMPLATES.filter((t) => t.artifact);
  const plain = CHAT_TEMPLATES.filter((t) => !t.artifact);
  if (u.key === "alice" || u.key === "bob") {
    const own = u.key === "alice" ? artifacts : r.sample(artifacts, 5);
    const list = [...own, ...r.sample(plain, n - own.length)];
    return r.shuffle(list);
  }
  return Array.from({ length: n }, () => (r.chance(0.35) ? r.pick(artifacts) : r.pick(plain)));
}

/** First and last changed line (1-based) of `next` compared with `prev`: the version's lineRange. */
export function changedLines(prev: string | null, next: string): { start: number; end: number } {
  const b = next.split("\n");
  if (prev === null) return { start: 1, end: b.length };
  const a = prev.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  return { start: start + 1, end: Math.max(start + 1, endB + 1) };
}

type DocState = { id: string; versions: { versionId: string; createdAt: Date; content: string; number: number }[] };

export function buildChats(ctx: SeedContext): ChatData {
  const out: ChatData = { chats: [], messages: [], votes: [], streams: [], documents: [], suggestions: [], usage: [] };
  const r = rng("chats");
  for (const u of activeUsers(ctx)) {
    const n = chatCount(u, r);
    templatesFor(u, n, r).forEach((t, i) => buildChat(ctx, out, r, u, t, i));
  }
  return out;
}

function buildChat(ctx: SeedContext, out: ChatData, r: Rng, u: SeedUser, t: ChatTemplate, index: number) {
  const chatId = seedUuid(`chat:${u.key}:${index}`);
  // The first chat of every person is from the last hours, so "recent" lists are never empty.
  const start = index === 0 ? ctx.clock.daysAgo(0.05 + r.next() * 0.3) : ctx.clock.recent(r, 90);
  const model = pickModel(ctx, r, start);
  const title = r.pick(t.titles);
  // Artifact conversations often stop before the last revision; others run to the end.
  const turns: Turn[] = t.artifact && r.chance(0.35) ? t.turns.slice(0, r.int(1, t.turns.length - 1)) : t.turns;

  // Message times: a few minutes between turns, seconds for each answer; shifted back if the
  // conversation would end after "now".
  const times: { user: Date; assistant: Date }[] = [];
  let cursor = start.getTime();
  for (const turn of turns) {
    const userAt = cursor;
    const answerMs = (turn.tool ? 6_000 : 1_500) + r.int(0, turn.tool ? 30_000 : 14_000);
    times.push({ user: new Date(userAt), assistant: new Date(userAt + answerMs) });
    cursor = userAt + answerMs + r.int(1, 18) * MS.MINUTE;
  }
  const overshoot = times[times.length - 1].assistant.getTime() - (ctx.clock.anchor.getTime() - 5 * MS.MINUTE);
  if (overshoot > 0) {
    for (const x of times) {
      x.user = plusMs(x.user, -overshoot);
      x.assistant = plusMs(x.assistant, -overshoot);
    }
  }

  const doc: DocState | null = t.artifact ? { id: seedUuid(`document:${chatId}`), versions: [] } : null;
  let history = "";
  let totals = { input: 0, output: 0, cost: 0 };
  let last: { input: number; output: number } | null = null;
  let seq = 0;

  for (const [k, turn] of turns.entries()) {
    const { user: userAt, assistant: assistantAt } = times[k];
    const userMsgId = seedUuid(`message:${chatId}:${seq++}`);
    out.messages.push({
      id: userMsgId,
      chatId,
      role: "user",
      parts: [{ type: "text", text: turn.user }],
      attachments: k === 0 && (t.key === "churn" || t.key === "logs") ? [attachmentFor(t.key, u)] : [],
      createdAt: userAt,
      model_used: null,
      input_tokens: null,
      output_tokens: null,
      cost: null,
    });
    history += turn.user;

    const ops: AgentOp[] = [];
    const parts: unknown[] = [];
    let toolInputTokens = 0;
    let toolOutputTokens = 0;
    if (turn.tool) {
      const callId = `call_${seedUuid(`tool-call:${chatId}:${k}`).replace(/-/g, "").slice(0, 24)}`;
      const { args, result, subAgent } = runTool(out, r, { u, chatId, doc, artifact: t.artifact, turn, userAt, assistantAt, model, turnIndex: k });
      parts.push({ type: "tool-call", toolCallId: callId, toolName: turn.tool.agent, args });
      parts.push({ type: "tool-result", toolCallId: callId, toolName: turn.tool.agent, result });
      toolInputTokens = estimateTokens(JSON.stringify(result)) + 180;
      toolOutputTokens = estimateTokens(JSON.stringify(args)) + 15;
      ops.push({
        agentType: "chat_model_agent",
        operationType: "tool_invocation",
        operationCategory: "delegation",
        start: plusMs(userAt, 900),
        end: plusMs(assistantAt, -1_200),
        metadata: { toolName: turn.tool.agent, toolCallId: callId },
      });
      if (subAgent) ops.push(subAgent);
    }
    parts.push({ type: "text", text: turn.reply });

    // Usage of the chat model for this answer: the whole conversation so far is its input.
    const reasoning = model.thinking && r.chance(0.5) ? r.int(150, 1400) : 0;
    const input = SYSTEM_PROMPT_TOKENS + estimateTokens(history) + toolInputTokens + r.int(0, 60);
    const output = estimateTokens(turn.reply) + toolOutputTokens + reasoning + r.int(5, 40);
    const cost = costMicros(model, input, output);
    history += turn.reply;
    totals = { input: totals.input + input, output: totals.output + output, cost: totals.cost + cost.total };
    last = { input, output };

    const msgId = seedUuid(`message:${chatId}:${seq++}`);
    out.messages.push({
      id: msgId,
      chatId,
      role: "assistant",
      parts,
      attachments: [],
      createdAt: assistantAt,
      model_used: model.modelId,
      input_tokens: input,
      output_tokens: output,
      cost: usd(cost.total),
    });
    out.streams.push({ id: seedUuid(`stream:${msgId}`), chatId, createdAt: plusMs(userAt, 120) });
    const requestAt = plusMs(userAt, 150);
    out.usage.push(usageRow({
      id: seedUuid(`usage:${msgId}`), userId: u.id, chatId, agent: "chat_model_agent", model,
      input, output, requestAt, responseAt: assistantAt,
      metadata: { messageId: msgId, finishReason: "stop", streamed: true, ...(reasoning ? { reasoningTokens: reasoning } : {}) },
    }));
    ops.unshift({
      agentType: "chat_model_agent",
      operationType: "streaming",
      operationCategory: "generation",
      start: requestAt,
      end: assistantAt,
      model,
      inputTokens: input,
      outputTokens: output,
      reasoningTokens: reasoning || undefined,
      cost,
      resourceId: chatId,
      resourceType: "chat",
      metadata: { messageId: msgId, finishReason: "stop" },
    });

    ctx.actions.push({
      userId: u.id,
      correlationId: seedUuid(`correlation:${msgId}`),
      at: userAt,
      activityType: k === 0 ? "chat_create" : "chat_message_send",
      activityCategory: "chat",
      requestPath: "/api/chat",
      requestMethod: "POST",
      resourceId: chatId,
      resourceType: "chat",
      metadata: k === 0 ? { title, model: model.modelId } : { messageLength: turn.user.length, model: model.modelId },
      agentOps: ops,
    });

    if (r.chance(0.32)) {
      const isUpvoted = r.chance(0.8);
      out.votes.push({ chatId, messageId: msgId, isUpvoted });
      const votedAt = new Date(Math.min(assistantAt.getTime() + r.int(5, 300) * 1000, ctx.clock.anchor.getTime() - 60_000));
      ctx.actions.push(simpleAction(u, `vote:${msgId}`, votedAt, "vote_message", "vote", `/api/vote`, "PATCH", msgId, "message", { chatId, isUpvoted }));
    }
  }

  const lastAt = times[times.length - 1].assistant;
  out.chats.push({
    id: chatId,
    createdAt: times[0].user,
    title,
    user_id: u.id,
    visibility: r.chance(0.15) ? "public" : "private",
    lastContext: last
      ? { modelId: model.modelId, usage: { inputTokens: last.input, outputTokens: last.output, totalTokens: last.input + last.output } }
      : null,
    total_input_tokens: totals.input,
    total_output_tokens: totals.output,
    total_cost: usd(totals.cost),
    updated_at: lastAt,
  });
  if (doc && doc.versions.length > 0 && r.chance(0.6)) {
    const at = new Date(Math.min(lastAt.getTime() + r.int(1, 48) * MS.HOUR, ctx.clock.anchor.getTime() - MS.MINUTE));
    ctx.actions.push(simpleAction(u, `doc-view:${doc.id}`, at, "document_view", "document", `/documents/${doc.id}`, "GET", doc.id, "document", { version: doc.versions.length }));
  }
}

function attachmentFor(key: string, u: SeedUser) {
  const name = key === "churn" ? "customers.csv" : "access.log";
  return { name, contentType: key === "churn" ? "text/csv" : "text/plain", url: `https://files.example.com/${u.key}/${name}` };
}

export function usageRow(p: {
  id: string; userId: string; chatId: string | null; agent: AgentType; model: Model;
  input: number; output: number; requestAt: Date; responseAt: Date; metadata: Record<string, unknown>;
}): Row {
  const c = costMicros(p.model, p.input, p.output);
  return {
    id: p.id,
    user_id: p.userId,
    chat_id: p.chatId,
    agent_type: p.agent,
    model_used: p.model.modelId,
    provider: p.model.provider,
    input_tokens: p.input,
    output_tokens: p.output,
    total_tokens: p.input + p.output,
    input_cost: usd(c.input),
    output_cost: usd(c.output),
    total_cost: usd(c.total),
    request_timestamp: p.requestAt,
    response_timestamp: p.responseAt,
    duration_ms: p.responseAt.getTime() - p.requestAt.getTime(),
    metadata: p.metadata,
  };
}

type ToolRun = {
  u: SeedUser; chatId: string; doc: DocState | null; artifact?: Artifact; turn: Turn;
  userAt: Date; assistantAt: Date; model: Model; turnIndex: number;
};

/** Performs the turn's tool step: artifact versions or suggestions, the sub-agent's usage row. */
function runTool(out: ChatData, r: Rng, run: ToolRun): { args: unknown; result: unknown; subAgent?: AgentOp } {
  const step = run.turn.tool!;
  const agent = AGENT_OF_TOOL[step.agent];
  const start = plusMs(run.userAt, 1_300);
  const end = plusMs(run.assistantAt, -1_500);
  let args: Record<string, unknown>;
  let result: Record<string, unknown>;
  let input = SUB_AGENT_PROMPT_TOKENS;
  let output: number;
  let operationType: string;
  let operationCategory = "generation";
  let resourceId: string | undefined;
  let resourceType: string | undefined;

  if ("artifact" in step) {
    const a = run.artifact!;
    const doc = run.doc!;
    const s: ArtifactStep = step.artifact;
    const current = doc.versions[doc.versions.length - 1];
    const idArg = ID_ARG_OF_AGENT[a.agent];
    args = { operation: s.op, ...(current ? { [idArg]: doc.id } : { title: a.title }), instruction: s.instruction };
    input += estimateTokens(s.instruction) + (current ? estimateTokens(current.content) : 0);
    resourceId = doc.id;
    resourceType = a.kind === "python code" ? "code" : a.kind === "mermaid code" ? "diagram" : "document";
    operationType = a.agent === "pythonAgent" ? "code_generation" : a.agent === "mermaidAgent" ? "diagram_generation" : "document_generation";
    if (s.op === "suggestion") {
      const made = addSuggestions(out, r, run, a, doc);
      result = { id: doc.id, suggestions: made };
      output = 40 + made * 45;
    } else {
      const content = s.op === "revert" ? doc.versions[s.targetVersion - 1].content : a.versions[s.version];
      const number = doc.versions.length + 1;
      const versionId = seedUuid(`document-version:${doc.id}:${number}`);
      const createdAt = plusMs(run.assistantAt, -2_000);
      out.documents.push({
        id: doc.id,
        createdAt,
        title: a.title,
        content,
        kind: a.kind,
        user_id: run.u.id,
        chat_id: run.chatId,
        version_id: versionId,
        parent_version_id: current?.versionId ?? null,
        version_number: number,
        metadata: {
          updateType: s.op,
          lineRange: changedLines(current?.content ?? null, content),
          agent: a.agent,
          model: run.model.modelId,
          ...(s.op === "revert" ? { revertedFrom: current.number, targetVersion: s.targetVersion } : {}),
        },
      });
      doc.versions.push({ versionId, createdAt, content, number });
      result = { id: doc.id, title: a.title, kind: a.kind, version: number };
      output = s.op === "revert" ? 60 : estimateTokens(content) + 20;
    }
  } else {
    args = step.args;
    result = step.result;
    input += estimateTokens(JSON.stringify(args)) + 150;
    output = estimateTokens(JSON.stringify(result)) + r.int(30, 200);
    if (step.agent === "providerToolsAgent") {
      operationType = step.operation;
      operationCategory = step.operation === "code_execution" ? "execution" : "retrieval";
      if (step.operation === "search") input += r.int(1500, 4000); // grounding results are input
      if (step.operation === "url_fetch") input += r.int(6000, 12000); // the page text is input
    } else if (step.agent === "gitMcpAgent") {
      operationType = "mcp_operation";
      operationCategory = "integration";
      input += r.int(800, 2500);
    } else {
      operationType = step.agent === "pythonAgent" ? "code_generation" : "diagram_generation";
    }
    args = { operation: step.operation, ...args };
  }

  // Now and then a sub-agent call is retried after a transient provider error.
  const retries = r.chance(0.06) ? 1 : 0;
  const subUsageId = seedUuid(`usage:sub:${run.chatId}:${run.turnIndex}`);
  out.usage.push(usageRow({
    id: subUsageId, userId: run.u.id, chatId: run.chatId, agent, model: run.model,
    input, output, requestAt: start, responseAt: end,
    metadata: { operation: "artifact" in step ? step.artifact.op : step.operation, ...(retries ? { retries } : {}) },
  }));
  return {
    args,
    result,
    subAgent: {
      agentType: agent,
      operationType,
      operationCategory,
      start,
      end,
      model: run.model,
      inputTokens: input,
      outputTokens: output,
      cost: costMicros(run.model, input, output),
      resourceId,
      resourceType,
      retryCount: retries,
      metadata: { operation: "artifact" in step ? step.artifact.op : step.operation, ...(retries ? { firstError: "503 Service Unavailable" } : {}) },
    },
  };
}

function addSuggestions(out: ChatData, r: Rng, run: ToolRun, a: Artifact, doc: DocState): number {
  const current = doc.versions[doc.versions.length - 1];
  let made = 0;
  (a.suggestions ?? []).forEach((s, i) => {
    if (!current.content.includes(s.original)) return;
    out.suggestions.push({
      id: seedUuid(`suggestion:${doc.id}:${current.number}:${i}`),
      documentId: doc.id,
      documentCreatedAt: current.createdAt,
      originalText: s.original,
      suggestedText: s.suggested,
      description: s.description,
      isResolved: r.chance(0.35),
      user_id: run.u.id,
      createdAt: plusMs(run.assistantAt, -1_000),
    });
    made++;
  });
  return made;
}
