/**
 * The numbers behind a chart, as a table: shared by the server-rendered cards and by
 * LazyNumbersTable (client), which builds the same table from plain cells when its section
 * is opened.
 */
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatInt } from "@/lib/format";

export type Column = { id: string; header: string; align?: "left" | "right" };

export function NumbersTable({ label, columns, rows }: { label: string; columns: Column[]; rows: { id: string; cells: ReactNode[] }[] }) {
  return (
    <table aria-label={label} className="w-full text-xs">
      <thead className="sticky top-0 bg-white">
        <tr className="border-b border-zinc-200 text-zinc-500">
          {columns.map((c) => (
            <th key={c.id} scope="col" className={cn("px-2 py-1.5 font-medium whitespace-nowrap", c.align === "left" ? "text-left" : "text-right")}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="px-2 py-4 text-center text-zinc-500">
              No usage in this range.
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.id} className="border-b border-zinc-100 last:border-0">
              {r.cells.map((c, i) => (
                <td key={columns[i].id} className={cn("px-2 py-1 tabular-nums whitespace-nowrap", columns[i].align === "left" ? "text-left" : "text-right")}>
                  {c}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function UnpricedMarker({ calls, tokens }: { calls: number; tokens: number }) {
  return (
    <span className="inline-flex items-center gap-1">
      <Badge tone="amber">unpriced</Badge>
      <span className="text-zinc-600" title={`${formatInt(calls)} calls on models without a price`}>
        {formatInt(tokens)} tokens
      </span>
    </span>
  );
}
