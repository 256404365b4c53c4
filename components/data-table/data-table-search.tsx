"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { SearchIcon } from "@/components/ui/icons";
import { MAX_SEARCH_LENGTH, PAGING_PARAMS } from "@/lib/validation/data-table";
import { useTableUrl } from "./use-table-url";

/**
 * Text search, written to `q` in the URL after a short pause in typing (or at once on Enter).
 * It is a real GET form carrying the other filters as hidden fields, so Enter works before the
 * page has hydrated (a slow device, a busy server) and without JavaScript at all.
 */
export function DataTableSearch({ placeholder, label, param = "q" }: { placeholder: string; label: string; param?: string }) {
  const url = useTableUrl();
  const current = url.searchParams.get(param) ?? "";
  const [value, setValue] = useState(current);
  const [shown, setShown] = useState(current);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Follow the URL when it changes from elsewhere (reset, back button): adjusted while rendering,
  // so the field never shows the old text for a frame (react.dev: "you might not need an effect").
  if (current !== shown) {
    setShown(current);
    setValue(current);
  }
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const commit = (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (v.trim() !== current) url.navigate({ [param]: v.trim() || null }, { resetPaging: true });
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The field's own value: text typed before hydration never reached React's state.
    const field = e.currentTarget.elements.namedItem(param);
    commit(field instanceof HTMLInputElement ? field.value : value);
  };

  const kept = [...url.searchParams.entries()].filter(([k]) => k !== param && !(PAGING_PARAMS as readonly string[]).includes(k));

  return (
    <form role="search" method="get" onSubmit={onSubmit} className="relative w-full max-w-xs">
      {kept.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
      <input
        type="search"
        name={param}
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
        className="block h-8 w-full rounded-md border border-zinc-300 bg-white pr-2 pl-8 text-sm shadow-xs placeholder:text-zinc-400 focus-visible:border-brand-600"
      />
    </form>
  );
}
