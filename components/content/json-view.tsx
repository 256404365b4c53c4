/**
 * JSON shown as text, never as HTML: every key and value is a React text node, strings
 * JSON-quoted, so markup, quotes and newlines in user content show as written. No hooks: server
 * and client components both render it.
 *
 * - JsonTree: one line per key, each object and array collapsible (native <details>: keyboard
 *   and screen-reader friendly, no script), with counts when closed and limits on depth and
 *   length; fields listed in `highlight` (dotted paths) are marked, and opened.
 * - JsonBlock: a collapsible block with a summary holding the value pretty-printed, or as a
 *   JsonTree when fields are to be highlighted.
 */
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

const MAX_DEPTH = 12;
const MAX_ITEMS = 200;

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
  /** Top-level field names or dotted paths to mark, for "changed fields". */
  highlight?: readonly string[];
  className?: string;
}) {
  return (
    <details open={open} className={cn("group rounded-md border border-zinc-200 bg-zinc-50", className)}>
      <summary className="cursor-pointer list-none px-3 py-1.5 text-xs font-medium text-zinc-700 select-none hover:bg-zinc-100">
        <span aria-hidden className="mr-1 inline-block transition-transform group-open:rotate-90">▸</span>
        {summary}
      </summary>
      <div className="max-h-[28rem] overflow-auto border-t border-zinc-200 bg-white px-3 py-2 font-mono text-xs leading-5">
        {highlight ? <JsonTree value={value} highlight={highlight} /> : <pre className="whitespace-pre-wrap break-words">{pretty(value)}</pre>}
      </div>
    </details>
  );
}

export function JsonTree({
  value,
  highlight,
  openDepth = 2,
  className,
}: {
  value: unknown;
  /** Top-level field names or dotted paths to mark; a marked field marks everything under it. */
  highlight?: readonly string[];
  /** Objects and arrays this deep and shallower start open (and any holding a marked field). */
  openDepth?: number;
  className?: string;
}) {
  const marks = new Set(highlight ?? []);
  return (
    <div className={cn("font-mono text-xs leading-5", className)} data-testid="json-tree">
      <Node label={null} value={value} path="" depth={0} ctx={{ marks, openDepth }} />
    </div>
  );
}

function pretty(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

type Ctx = { marks: Set<string>; openDepth: number };

/** Marked itself and not inside a marked field: where the marker goes. */
function isMarked(path: string, marks: Set<string>): boolean {
  if (!path || !marks.has(path)) return false;
  const parts = path.split(".");
  for (let i = 1; i < parts.length; i++) if (marks.has(parts.slice(0, i).join("."))) return false;
  return true;
}

function holdsMark(path: string, marks: Set<string>): boolean {
  for (const m of marks) if (m.startsWith(`${path}.`)) return true;
  return false;
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-zinc-400">null</span>;
  if (typeof value === "string") return <span className="break-all whitespace-pre-wrap text-emerald-700">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-blue-700">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700">{String(value)}</span>;
  return <span className="text-zinc-500">{String(value)}</span>;
}

const CHANGED = <span className="ml-2 font-sans text-[10px] font-semibold text-amber-800 uppercase">changed</span>;

/** `label`: the key, JSON-quoted, or an array index (muted); null at the root. */
function Node({ label, index = false, value, path, depth, ctx }: { label: string | null; index?: boolean; value: unknown; path: string; depth: number; ctx: Ctx }) {
  const marked = isMarked(path, ctx.marks);
  const name = label === null ? null : <span className={cn(index ? "text-zinc-400" : "text-violet-700", marked && "font-semibold")}>{label}: </span>;
  const markProps = marked ? { className: "-mx-1 rounded bg-amber-100 px-1 ring-1 ring-amber-300", "data-changed": true, title: "Changed" } : {};

  const isArray = Array.isArray(value);
  const entries: [string, unknown][] =
    value !== null && typeof value === "object" ? (isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>)) : [];
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];

  if (value === null || typeof value !== "object" || entries.length === 0 || depth >= MAX_DEPTH) {
    return (
      <div {...markProps}>
        {name}
        {value === null || typeof value !== "object" ? (
          <Scalar value={value} />
        ) : (
          <span className="text-zinc-500">
            {open}
            {entries.length ? "…" : ""}
            {close}
          </span>
        )}
        {marked ? CHANGED : null}
      </div>
    );
  }

  const count = `${entries.length} ${isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}`;
  return (
    <details open={depth < ctx.openDepth || holdsMark(path, ctx.marks)} {...markProps}>
      <summary className="cursor-pointer text-zinc-800 marker:text-zinc-400">
        {name}
        <span className="text-zinc-500">
          {open}
          {count}
          {close}
        </span>
        {marked ? CHANGED : null}
      </summary>
      <div className="ml-1 border-l border-zinc-200 pl-3">
        {entries.slice(0, MAX_ITEMS).map(([k, v]) => (
          <Node
            key={k}
            label={isArray ? k : JSON.stringify(k)}
            index={isArray}
            value={v}
            path={path ? `${path}.${k}` : k}
            depth={depth + 1}
            ctx={ctx}
          />
        ))}
        {entries.length > MAX_ITEMS ? <div className="text-zinc-400">… {entries.length - MAX_ITEMS} more</div> : null}
      </div>
    </details>
  );
}
