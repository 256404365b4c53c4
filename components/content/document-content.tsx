/** A document version's content by kind (seed 001): text as markdown, code highlighted, sheets as a table. */
import { parse } from "csv-parse/sync";
import { CodeBlock } from "./code-block";
import { Markdown } from "./markdown";

function Sheet({ csv }: { csv: string }) {
  let table: string[][];
  try {
    table = parse(csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return <CodeBlock code={csv} label="Sheet (not valid CSV)" />;
  }
  const [head, ...body] = table;
  if (!head) return <p className="text-sm text-zinc-500">Empty sheet.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200">
      <table aria-label="Sheet" className="min-w-full text-sm">
        <thead className="bg-zinc-50 text-xs font-medium text-zinc-600">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="border-b border-zinc-200 px-3 py-2 text-left">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {body.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className={`px-3 py-1.5 ${/^-?[\d.,]+$/.test(c) ? "text-right tabular-nums" : ""}`}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DocumentContent({ kind, content }: { kind: string; content: string | null }) {
  if (content === null || content === "") return <p className="text-sm text-zinc-500">This version has no content.</p>;
  if (kind === "python code") return <CodeBlock code={content} language="python" label="Python code" />;
  if (kind === "mermaid code") return <CodeBlock code={content} language="mermaid" label="Mermaid diagram source" />;
  if (kind === "sheet") return <Sheet csv={content} />;
  return <Markdown text={content} />;
}
