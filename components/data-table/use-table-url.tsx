"use client";

/**
 * Reading and writing the table's URL state from the browser. Changes that alter which rows are
 * shown (sort, filters, page size) drop the keyset cursor and go back to the first page. The
 * navigation runs in a transition, so the table can show that a new page is loading while the
 * current rows stay on screen.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, useTransition, type ComponentType, type ReactNode } from "react";
import { PAGING_PARAMS } from "@/lib/validation/data-table";

export type UrlChanges = Record<string, string | string[] | null | undefined>;

type TableUrl = {
  searchParams: URLSearchParams;
  pending: boolean;
  /** The href for these changes (links, the CSV export). */
  hrefFor: (changes: UrlChanges, opts?: { resetPaging?: boolean; pathname?: string }) => string;
  navigate: (changes: UrlChanges, opts?: { resetPaging?: boolean }) => void;
  /** Updates the URL without asking the server (state that only the browser renders, e.g. hidden columns). */
  replaceLocal: (changes: UrlChanges) => void;
};

const TableUrlContext = createContext<TableUrl | null>(null);

function apply(current: URLSearchParams, changes: UrlChanges, resetPaging: boolean): URLSearchParams {
  const next = new URLSearchParams(current);
  if (resetPaging) for (const p of PAGING_PARAMS) next.delete(p);
  for (const [key, value] of Object.entries(changes)) {
    const v = Array.isArray(value) ? value.join(",") : value;
    if (v === null || v === undefined || v === "") next.delete(key);
    else next.set(key, v);
  }
  return next;
}

export function TableUrlProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  const searchParams = useMemo(() => new URLSearchParams(params.toString()), [params]);

  const hrefFor = useCallback<TableUrl["hrefFor"]>(
    (changes, opts) => {
      const next = apply(searchParams, changes, opts?.resetPaging ?? false);
      const qs = next.toString();
      return `${opts?.pathname ?? pathname}${qs ? `?${qs}` : ""}`;
    },
    [pathname, searchParams],
  );

  const navigate = useCallback<TableUrl["navigate"]>(
    (changes, opts) => {
      const href = hrefFor(changes, { resetPaging: opts?.resetPaging ?? true });
      startTransition(() => router.push(href, { scroll: false }));
    },
    [hrefFor, router],
  );

  const replaceLocal = useCallback<TableUrl["replaceLocal"]>(
    (changes) => {
      // Next keeps useSearchParams in sync with the native history API.
      window.history.replaceState(null, "", hrefFor(changes));
    },
    [hrefFor],
  );

  const value = useMemo(
    () => ({ searchParams, pending, hrefFor, navigate, replaceLocal }),
    [searchParams, pending, hrefFor, navigate, replaceLocal],
  );
  return <TableUrlContext.Provider value={value}>{children}</TableUrlContext.Provider>;
}

/** A list's view inside its own TableUrlProvider: `export const UsersTable = withTableUrl(UsersTableView)`. */
export function withTableUrl<P extends object>(View: ComponentType<P>): ComponentType<P> {
  function WithTableUrl(props: P) {
    return (
      <TableUrlProvider>
        <View {...props} />
      </TableUrlProvider>
    );
  }
  WithTableUrl.displayName = `withTableUrl(${View.displayName ?? View.name})`;
  return WithTableUrl;
}

export function useTableUrl(): TableUrl {
  const ctx = useContext(TableUrlContext);
  if (!ctx) throw new Error("useTableUrl() must be used inside <TableUrlProvider>.");
  return ctx;
}

/** A comma list from the URL (facets, hidden columns). */
export function useListParam(name: string): string[] {
  const { searchParams } = useTableUrl();
  const raw = searchParams.get(name);
  return useMemo(() => (raw ? raw.split(",").filter(Boolean) : []), [raw]);
}

/** Whether any of a list's filter parameters is set, and the reset that clears them all (first page). */
export function useFilterParams(filterParams: string[]): { filtered: boolean; reset: () => void } {
  const url = useTableUrl();
  return {
    filtered: filterParams.some((p) => url.searchParams.get(p)),
    reset: () => url.navigate(Object.fromEntries(filterParams.map((p) => [p, null])), { resetPaging: true }),
  };
}
