/**
 * JSON shown as text (never as HTML): a collapsible block, pretty-printed. Keys listed in
 * `highlight` (top-level field names or dotted paths) are marked, for "changed fields".
 */
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export function JsonBlock({
  value,
  summary,
  open = false,
  highlight,
  className,
}: {
  value: unknown;
  summary: ReactNode;
  open?: boolean;
  highlight?: string[];
  className?: string;
}) {
  return (
    <details open={open} className={cn("group rounded-md border border-zinc-200 bg-zinc-50", className)}>
      <summary className="cursor-pointer list-none px-3 py-1.5 text-xs font-medium text-zinc-700 select-none hover:bg-zinc-100">
        <span aria-hidden className="mr-1 inline-block transition-transform group-open:rotate-90">▸</span>
        {summary}
      </summary>
      <div className="max-h-[28rem] overflow-auto border-t border-zinc-200 bg-white px-3 py-2 font-mono text-xs leading-5">
        {highlight ? <JsonTree value={value} path="" highlight={new Set(highlight)} /> : <pre className="whitespace-pre-wrap break-words">{pretty(value)}</pre>}
      </div>
    </details>
  );
}

export function pretty(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function isHighlighted(path: string, highlight: Set<string>): boolean {
  if (!path) return false;
  if (highlight.has(path)) return true;
  // A changed field marks the whole subtree under it.
  const parts = path.split(".");
  for (let i = 1; i < parts.length; i++) if (highlight.has(parts.slice(0, i).join("."))) return true;
  return false;
}

/** A JSON tree with one line per key; changed fields get a marker and a tint. */
function JsonTree({ value, path, highlight, name, depth = 0 }: { value: unknown; path: string; highlight: Set<string>; name?: string; depth?: number }) {
  const marked = name !== undefined && highlight.has(path) && !isHighlighted(path.split(".").slice(0, -1).join("."), highlight);
  const label =
    name !== undefined ? (
      <span className={cn("text-violet-700", marked && "font-semibold")}>{JSON.stringify(name)}: </span>
    ) : null;
  const wrap = (content: ReactNode) => (
    <div
      className={cn(marked && "-mx-1 rounded bg-amber-100 px-1 ring-1 ring-amber-300")}
      data-changed={marked || undefined}
      title={marked ? "Changed in this revision" : undefined}
    >
      {content}
    </div>
  );
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return wrap(<span>{label}{open}{close}</span>);
    return wrap(
      <>
        <span>
          {label}
          {open}
          {marked ? <span className="ml-2 font-sans text-[10px] font-semibold text-amber-800 uppercase">changed</span> : null}
        </span>
        <div className="border-l border-zinc-200 pl-4">
          {entries.map(([k, v]) => (
            <JsonTree
              key={k}
              value={v}
              name={Array.isArray(value) ? undefined : k}
              path={path ? `${path}.${k}` : k}
              highlight={highlight}
              depth={depth + 1}
            />
          ))}
        </div>
        <span>{close}</span>
      </>,
    );
  }
  const tone = typeof value === "string" ? "text-emerald-700" : typeof value === "number" ? "text-blue-700" : "text-zinc-500";
  return wrap(
    <span className="break-words whitespace-pre-wrap">
      {label}
      <span className={tone}>{JSON.stringify(value)}</span>
      {marked ? <span className="ml-2 font-sans text-[10px] font-semibold text-amber-800 uppercase">changed</span> : null}
    </span>,
  );
}
