"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { CalendarIcon } from "@/components/ui/icons";
import { Input, Label } from "@/components/ui/input";
import { Popover } from "@/components/ui/popover";
import { useTableUrl } from "./use-table-url";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An inclusive range of days (`from`, `to` in the URL; whole UTC days, checked again on the server). */
export function DataTableDateRange({ title, fromParam = "from", toParam = "to" }: { title: string; fromParam?: string; toParam?: string }) {
  const url = useTableUrl();
  const from = url.searchParams.get(fromParam) ?? "";
  const to = url.searchParams.get(toParam) ?? "";
  const active = DAY.test(from) || DAY.test(to);

  return (
    <Popover
      label={`${title} date range${active ? `, ${from || "any"} to ${to || "any"}` : ""}`}
      button={
        <>
          <CalendarIcon />
          {title}
          {active ? (
            <span className="ml-1 border-l border-zinc-200 pl-2">
              <Badge>
                {from || "…"} – {to || "…"}
              </Badge>
            </span>
          ) : null}
        </>
      }
      buttonClassName={buttonClass("secondary", "sm", "border-dashed")}
      panelLabel={`${title} range`}
      panelClassName="w-64 p-3"
    >
      {(close) => (
        <RangeForm
          key={`${from}|${to}`}
          from={from}
          to={to}
          onApply={(f, t) => {
            url.navigate({ [fromParam]: f || null, [toParam]: t || null }, { resetPaging: true });
            close();
          }}
        />
      )}
    </Popover>
  );
}

function RangeForm({ from, to, onApply }: { from: string; to: string; onApply: (from: string, to: string) => void }) {
  const [f, setF] = useState(from);
  const [t, setT] = useState(to);
  const invalid = f && t && f > t;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onApply(f, t);
      }}
      className="space-y-3"
    >
      <div className="space-y-1">
        <Label htmlFor="range-from">From</Label>
        <Input id="range-from" type="date" value={f} max={t || undefined} onChange={(e) => setF(e.target.value)} className="h-8" />
      </div>
      <div className="space-y-1">
        <Label htmlFor="range-to">To</Label>
        <Input id="range-to" type="date" value={t} min={f || undefined} onChange={(e) => setT(e.target.value)} className="h-8" />
      </div>
      {invalid ? <p className="text-xs font-medium text-red-600">The start is after the end.</p> : null}
      <div className="flex justify-between gap-2">
        <Button variant="ghost" size="sm" onClick={() => onApply("", "")}>
          Clear
        </Button>
        <Button type="submit" size="sm" disabled={Boolean(invalid)}>
          Apply
        </Button>
      </div>
    </form>
  );
}
