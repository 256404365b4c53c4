/**
 * The URL is the table state (docs/style.md#the-url-is-the-table-state). Every list page parses its searchParams once, on the
 * server, with a schema built here:
 *
 *   sort=email.asc        a whitelisted key and a direction
 *   size=20               page size, 1..100
 *   after=<cursor>        keyset cursor: the page after this (sort value, id)
 *   before=<cursor>       ... or the page before it
 *   page=3                page number, for display only (keyset pages have no offset)
 *   q=text                text search
 *   from=2025-01-01       date range, inclusive days
 *   to=2025-01-31
 *   hide=name,created     hidden columns (whitelisted ids)
 *   <facet>=A,B           faceted filters, each value checked by its own schema
 *
 * A hostile or stale parameter never fails the page: each one falls back to its default on its own.
 */
import { z } from "zod";

export type SortDir = "asc" | "desc";
export type TableSort<K extends string = string> = { key: K; dir: SortDir };
export type Cursor = { dir: "after" | "before"; value: string | null; id: string };

export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const MAX_SEARCH_LENGTH = 200;

/** Parameters that describe which rows are shown; changing any of them starts again at page 1. */
export const PAGING_PARAMS = ["after", "before", "page"] as const;

type Raw = string | string[] | undefined;
export type RawSearchParams = Record<string, Raw>;

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** A comma-separated list (or repeated parameter) of values, each checked by `item`; bad ones are dropped. */
export function listParam<T extends z.ZodType>(item: T) {
  return z.unknown().transform((raw): z.output<T>[] => {
    const parts = (Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [])
      .flatMap((s) => String(s).split(","))
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 50);
    const out: z.output<T>[] = [];
    for (const p of parts) {
      const r = item.safeParse(p);
      if (r.success && !out.includes(r.data)) out.push(r.data);
    }
    return out;
  });
}

// Cursors: base64url(JSON [value, id]). btoa/atob so the same code runs in the browser and on Node.
export function encodeCursor(value: string | null, id: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([value, id]));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// z.guid(), not z.uuid(): seeded ids are md5 hashes in uuid form, without RFC 9562 version bits.
const cursorPayload = z.tuple([z.string().max(1000).nullable(), z.guid()]);

export function decodeCursor(text: string): { value: string | null; id: string } | null {
  if (text.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const json = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    const parsed = cursorPayload.safeParse(JSON.parse(json));
    return parsed.success ? { value: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

const isoDay = z.iso.date();

export function createTableSearchParams<
  const K extends string,
  const C extends string,
  F extends Record<string, z.ZodType>,
>(opts: { sortKeys: readonly [K, ...K[]]; defaultSort: TableSort<NoInfer<K>>; columns: readonly C[]; filters: F }) {
  const sortKeys: readonly string[] = opts.sortKeys;
  const sort = z.unknown().transform((raw): TableSort<K> => {
    const s = first(raw);
    if (typeof s !== "string") return opts.defaultSort;
    const [key, dir] = s.split(".");
    if (!sortKeys.includes(key) || (dir !== "asc" && dir !== "desc")) return opts.defaultSort;
    return { key: key as K, dir };
  });
  const cursor = (dir: Cursor["dir"]) =>
    z.unknown().transform((raw): Cursor | null => {
      const s = first(raw);
      const c = typeof s === "string" ? decodeCursor(s) : null;
      return c ? { dir, ...c } : null;
    });
  // Each parameter on its own: a missing or bad one falls back alone (z.object would reject a
  // missing key for these transforming schemas).
  const base = {
    sort,
    size: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE_SIZE)).catch(DEFAULT_PAGE_SIZE),
    page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
    after: cursor("after"),
    before: cursor("before"),
    q: z.preprocess(first, z.string().trim().max(MAX_SEARCH_LENGTH)).catch(""),
    from: z.preprocess(first, isoDay).nullable().catch(null),
    to: z.preprocess(first, isoDay).nullable().catch(null),
    hide: listParam(z.enum(opts.columns as unknown as [C, ...C[]])),
  };
  type Filters = { [P in keyof F]: z.output<F[P]> };

  return z.unknown().transform((raw) => {
    const record = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
    const get = <S extends z.ZodType>(schema: S, key: string): z.output<S> => schema.parse(record[key] ?? undefined);
    const cursorValue = get(base.after, "after") ?? get(base.before, "before");
    const filters = Object.fromEntries(Object.entries(opts.filters).map(([k, schema]) => [k, get(schema, k)])) as Filters;
    const query: TableQuery<K, C> = {
      sort: get(base.sort, "sort"),
      size: get(base.size, "size"),
      // The page number only means something next to a cursor.
      page: cursorValue ? get(base.page, "page") : 1,
      cursor: cursorValue,
      q: get(base.q, "q"),
      from: record.from === undefined ? null : get(base.from, "from"),
      to: record.to === undefined ? null : get(base.to, "to"),
      hide: get(base.hide, "hide"),
    };
    return { ...query, ...filters };
  });
}

export type TableQuery<K extends string = string, C extends string = string> = {
  sort: TableSort<K>;
  size: number;
  page: number;
  cursor: Cursor | null;
  q: string;
  from: string | null;
  to: string | null;
  hide: C[];
};

/** The first value of a search parameter, for pages that read one plain value. */
export function firstParam(v: Raw): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
