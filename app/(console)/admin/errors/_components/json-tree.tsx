/**
 * A collapsible JSON tree on native <details> (keyboard and screen-reader friendly, no script).
 * Values render as React text: whatever a log row contains, it is never HTML.
 */
const MAX_DEPTH = 12;
const MAX_ITEMS = 200;

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs" data-testid="json-tree">
      <Node name={null} value={value} depth={0} />
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="text-zinc-400">null</span>;
  if (typeof value === "string") return <span className="break-all whitespace-pre-wrap text-emerald-800">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-blue-700">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const label = name === null ? null : <span className="text-zinc-600">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div className="py-0.5 pl-4">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const open = Array.isArray(value) ? "[" : "{";
  const close = Array.isArray(value) ? "]" : "}";
  if (depth >= MAX_DEPTH) {
    return (
      <div className="py-0.5 pl-4">
        {label}
        <span className="text-zinc-400">{open}…{close}</span>
      </div>
    );
  }
  return (
    <details open={depth < 2} className="pl-4">
      <summary className="cursor-pointer py-0.5 text-zinc-800 marker:text-zinc-400">
        {label}
        <span className="text-zinc-500">
          {open}
          {entries.length} {Array.isArray(value) ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}
          {close}
        </span>
      </summary>
      {entries.slice(0, MAX_ITEMS).map(([k, v]) => (
        <Node key={k} name={k} value={v} depth={depth + 1} />
      ))}
      {entries.length > MAX_ITEMS ? <div className="pl-4 text-zinc-400">… {entries.length - MAX_ITEMS} more</div> : null}
    </details>
  );
}
