"use client";

import { useEffect, useRef, useState } from "react";
import { SearchIcon } from "@/components/ui/icons";
import { MAX_SEARCH_LENGTH } from "@/lib/validation/data-table";
import { useTableUrl } from "./use-table-url";

/** Text search, written to `q` in the URL after a short pause in typing (or at once on Enter). */
export function DataTableSearch({ placeholder, label, param = "q" }: { placeholder: string; label: string; param?: string }) {
  const url = useTableUrl();
  const current = url.searchParams.get(param) ?? "";
  const [value, setValue] = useState(current);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Follow the URL when it changes from elsewhere (reset, back button).
  useEffect(() => setValue(current), [current]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const commit = (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (v.trim() !== current) url.navigate({ [param]: v.trim() || null }, { resetPaging: true });
  };

  return (
    <div className="relative w-full max-w-xs">
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        maxLength={MAX_SEARCH_LENGTH}
        onChange={(e) => {
          const v = e.target.value;
          setValue(v);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(v), 350);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit(value);
          }
        }}
        className="block h-8 w-full rounded-md border border-zinc-300 bg-white pr-2 pl-8 text-sm shadow-xs placeholder:text-zinc-400 focus-visible:border-brand-600"
      />
    </div>
  );
}
