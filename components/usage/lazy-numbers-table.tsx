"use client";

/**
 * A chart's numbers table that exists only while its "Numbers" disclosure is open. The over-time
 * charts have a row per day or hour (30 to 168 rows, four tables): server-rendered, those rows
 * were most of the usage pages' weight (about 100 KB of the 390 KB /admin/usage page, sent
 * twice: as HTML and as React's payload) for tables nobody sees until they open them. Here the
 * server sends the cells as plain strings once; the table is built on opening. A collapsed
 * <details> hides its content from screen readers too, so nobody loses anything.
 */
import { useEffect, useRef, useState } from "react";
import { NumbersTable, UnpricedMarker, type Column } from "./numbers-table";

/** A cell: text, or calls and tokens on models without a price (shown as the unpriced marker). */
export type NumbersCell = string | { unpricedCalls: number; unpricedTokens: number };

export function LazyNumbersTable({ label, columns, rows }: { label: string; columns: Column[]; rows: { id: string; cells: NumbersCell[] }[] }) {
  const anchor = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const details = anchor.current?.closest("details");
    if (!details) {
      setOpen(true);
      return;
    }
    // Opened before hydration (a click on the native disclosure): show the table now.
    if (details.open) setOpen(true);
    const onToggle = () => {
      if (details.open) setOpen(true);
    };
    details.addEventListener("toggle", onToggle);
    return () => details.removeEventListener("toggle", onToggle);
  }, []);

  return (
    <div ref={anchor}>
      {open ? (
        <NumbersTable
          label={label}
          columns={columns}
          rows={rows.map((r) => ({
            id: r.id,
            cells: r.cells.map((c) => (typeof c === "string" ? c : <UnpricedMarker key="u" calls={c.unpricedCalls} tokens={c.unpricedTokens} />)),
          }))}
        />
      ) : (
        <noscript>
          <p className="px-2 py-1 text-xs text-zinc-500">This table needs JavaScript; the CSV export has the same numbers.</p>
        </noscript>
      )}
    </div>
  );
}
