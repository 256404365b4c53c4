/**
 * One message of a chat, rendered on the server: each part by its type (seed 001 `parts`, the AI
 * SDK message format): text as sanitised markdown, reasoning folded, tool calls and results as
 * collapsible JSON, anything else as JSON too (never as HTML). Then attachments, and for answers
 * the model, tokens, cost and the vote.
 */
import { CodeBlock } from "@/components/content/code-block";
import { JsonBlock } from "@/components/content/json-view";
import { Markdown } from "@/components/content/markdown";
import { Badge } from "@/components/ui/badge";
import { FileIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { UtcTime } from "@/components/ui/utc-time";
import type { MessageRow } from "@/lib/db/queries/chats";
import { formatInt, formatUsd } from "@/lib/format";
import { VoteButtons } from "./vote-buttons";

type Part = { type?: unknown; [k: string]: unknown };

const ROLE_LABEL = { user: "You", assistant: "Assistant", system: "System" } as const;

function str(v: unknown): string {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v);
}

function PartView({ part }: { part: Part }) {
  const type = typeof part.type === "string" ? part.type : "unknown";
  if (type === "text") return <Markdown text={str(part.text)} />;
  if (type === "reasoning") {
    return (
      <details className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-1.5 text-sm text-zinc-600">
        <summary className="cursor-pointer text-xs font-medium">Reasoning</summary>
        <p className="mt-1 whitespace-pre-wrap">{str(part.text ?? part.reasoning)}</p>
      </details>
    );
  }
  if (type === "code") return <CodeBlock code={str(part.code ?? part.text)} language={str(part.language) || null} />;
  if (type === "tool-call" || type.startsWith("tool-")) {
    const name = str(part.toolName) || type.replace(/^tool-/, "");
    const isResult = type === "tool-result" || "result" in part || "output" in part;
    const payload = isResult ? (part.result ?? part.output) : (part.args ?? part.input);
    return (
      <JsonBlock
        value={payload}
        summary={
          <>
            {isResult ? "Tool result" : "Tool call"}: <span className="font-mono">{name}</span>
            {part.toolCallId ? <span className="ml-2 font-mono text-zinc-400">{str(part.toolCallId).slice(0, 16)}</span> : null}
          </>
        }
      />
    );
  }
  return <JsonBlock value={part} summary={<>Part: <span className="font-mono">{type}</span></>} />;
}

function safeHref(url: unknown): string | null {
  if (typeof url !== "string") return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

function Attachments({ value }: { value: unknown }) {
  const list = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  if (list.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="mt-2 flex flex-wrap gap-2">
      {list.map((a, i) => {
        const href = safeHref(a?.url);
        const name = str(a?.name) || `attachment ${i + 1}`;
        return (
          <li key={i} className="flex items-center gap-1.5 rounded-md border border-zinc-200 bg-white px-2 py-1 text-xs">
            <FileIcon size={12} className="text-zinc-400" />
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-zinc-800 hover:underline">
                {name}
              </a>
            ) : (
              <span className="font-medium text-zinc-800">{name}</span>
            )}
            {a?.contentType ? <span className="text-zinc-500">{str(a.contentType)}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function MessageView({ message: m, chatId, canVote }: { message: MessageRow; chatId: string; canVote: boolean }) {
  const parts: Part[] = Array.isArray(m.parts) ? (m.parts as Part[]) : [{ type: "unknown", value: m.parts }];
  return (
    <li
      aria-label={`${ROLE_LABEL[m.role] ?? m.role} message`}
      data-message-id={m.id}
      className={cn(
        "rounded-lg border px-4 py-3 shadow-xs",
        m.role === "user" ? "border-zinc-200 bg-zinc-50" : m.role === "system" ? "border-amber-200 bg-amber-50" : "border-zinc-200 bg-white",
      )}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <Badge tone={m.role === "assistant" ? "blue" : m.role === "system" ? "amber" : "neutral"}>{ROLE_LABEL[m.role] ?? m.role}</Badge>
        <UtcTime iso={m.createdAt} />
        {m.modelUsed ? <span className="font-mono">{m.modelUsed}</span> : null}
        {m.inputTokens !== null || m.outputTokens !== null ? (
          <span className="tabular-nums" title="Input / output tokens">
            {formatInt(m.inputTokens)} in · {formatInt(m.outputTokens)} out
          </span>
        ) : null}
        {m.cost !== null ? <span className="tabular-nums">{formatUsd(m.cost)}</span> : null}
        {m.role === "assistant" ? (
          <span className="ml-auto">
            <VoteButtons chatId={chatId} messageId={m.id} vote={m.vote} canVote={canVote} />
          </span>
        ) : null}
      </div>
      <div className="space-y-2">
        {parts.map((p, i) => (
          <PartView key={i} part={p && typeof p === "object" ? p : { type: "unknown", value: p }} />
        ))}
      </div>
      <Attachments value={m.attachments} />
    </li>
  );
}
