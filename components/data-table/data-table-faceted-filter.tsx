"use client";

import { useState, type ComponentType } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { PlusCircleIcon, type IconProps } from "@/components/ui/icons";
import { Popover } from "@/components/ui/popover";
import { useListParam, useTableUrl } from "./use-table-url";

export type FacetOption = { value: string; label: string; icon?: ComponentType<IconProps> };

/**
 * A multi-select filter over one column's values (`<param>=A,B` in the URL), with the number of
 * rows each value would give under the other filters, counted by the server.
 */
export function DataTableFacetedFilter({
  param,
  title,
  options,
  counts,
}: {
  param: string;
  title: string;
  options: FacetOption[];
  counts?: Record<string, number>;
}) {
  const url = useTableUrl();
  const fromUrl = useListParam(param);
  // The boxes follow a click at once; the URL (and the rows) follow when the server answers.
  const [selected, setSelected] = useState(fromUrl);
  // When the URL moves on (the server answered, reset, back button), the boxes follow it.
  const urlKey = fromUrl.join("\u0001");
  const [shownKey, setShownKey] = useState(urlKey);
  if (urlKey !== shownKey) {
    setShownKey(urlKey);
    setSelected(fromUrl);
  }
  const set = (values: string[]) => {
    setSelected(values);
    url.navigate({ [param]: values.length ? values : null }, { resetPaging: true });
  };

  return (
    <Popover
      label={`${title} filter${selected.length ? `, ${selected.length} selected` : ""}`}
      button={
        <>
          <PlusCircleIcon />
          {title}
          {selected.length > 0 ? (
            <span className="ml-1 flex gap-1 border-l border-zinc-200 pl-2">
              {selected.length > 2 ? (
                <Badge>{selected.length} selected</Badge>
              ) : (
                selected.map((v) => <Badge key={v}>{options.find((o) => o.value === v)?.label ?? v}</Badge>)
              )}
            </span>
          ) : null}
        </>
      }
      buttonClassName={buttonClass("secondary", "sm", "border-dashed")}
      panelLabel={`Filter by ${title.toLowerCase()}`}
    >
      {() => (
        <div>
          <fieldset className="p-1">
            <legend className="sr-only">{title}</legend>
            {options.map((o) => {
              const checked = selected.includes(o.value);
              const Icon = o.icon;
              return (
                <label
                  key={o.value}
                  className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-100"
                >
                  <input
                    type="checkbox"
                    className="size-4 accent-zinc-900"
                    checked={checked}
                    onChange={() => set(checked ? selected.filter((v) => v !== o.value) : [...selected, o.value])}
                  />
                  {Icon ? <Icon className="text-zinc-500" /> : null}
                  <span className="flex-1">{o.label}</span>
                  {counts ? <span className="font-mono text-xs text-zinc-500 tabular-nums">{counts[o.value] ?? 0}</span> : null}
                </label>
              );
            })}
          </fieldset>
          {selected.length > 0 ? (
            <div className="border-t border-zinc-100 p-1">
              <button
                type="button"
                onClick={() => set([])}
                className="w-full rounded px-2 py-1.5 text-center text-sm hover:bg-zinc-100"
              >
                Clear filter
              </button>
            </div>
          ) : null}
        </div>
      )}
    </Popover>
  );
}
