/**
 * Keyset pagination on (sort column, id), docs/style.md#keyset-pagination: page 500 costs what page 1 costs, and
 * ties on the sort column never skip or repeat rows because the id breaks them. No OFFSET and
 * no count(*): a page fetches `size + 1` rows to learn whether another page follows.
 *
 * The cursor carries the sort value as Postgres printed it (`expr::text`), and is compared after
 * a cast back to the column's type, so timestamps keep their microseconds (a JS Date would round
 * them to milliseconds and skip rows).
 */
import { sql, type SQL } from "drizzle-orm";
import { encodeCursor, type Cursor, type SortDir } from "@/lib/validation/data-table";

export type KeysetSort = {
  /** A non-null SQL expression (coalesce nullable columns), ideally the leading column of an index. */
  expr: SQL;
  /** The SQL type the cursor's text is cast back to: `text`, `timestamptz`, `public."UserRole"`, ... */
  type: string;
};

export type KeysetPlan = {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  /** True when the query reads backwards (a `before` cursor); the rows are reversed afterwards. */
  backwards: boolean;
};

export type KeysetPage<T> = {
  rows: T[];
  /** Cursor for the next page (`after=`), or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the previous page (`before=`), or null on the first page. */
  prevCursor: string | null;
};

/** WHERE, ORDER BY and LIMIT for one page. `id` is the unique tiebreaker (a uuid column). */
export function planKeysetPage(opts: {
  sort: KeysetSort;
  id: SQL;
  dir: SortDir;
  cursor: Cursor | null;
  size: number;
}): KeysetPlan {
  const { sort, id, dir, cursor, size } = opts;
  const backwards = cursor?.dir === "before";
  // Reading backwards flips the direction of both the comparison and the order.
  const readDir: SortDir = backwards ? (dir === "asc" ? "desc" : "asc") : dir;
  const op = sql.raw(readDir === "asc" ? ">" : "<");
  const order = sql.raw(readDir === "asc" ? "asc" : "desc");
  const where = cursor
    ? sql`(${sort.expr}, ${id}) ${op} (cast(${cursor.value} as ${sql.raw(sort.type)}), cast(${cursor.id} as uuid))`
    : undefined;
  return { where, orderBy: [sql`${sort.expr} ${order}`, sql`${id} ${order}`], limit: size + 1, backwards };
}

/**
 * Trims the extra row and computes the cursors. Rows must carry `cursorValue` (the sort expression
 * as text) and `id`; both are removed from the result's view only by type, not at run time.
 */
export function finishKeysetPage<T extends { id: string; cursorValue: string | null }>(
  fetched: T[],
  plan: KeysetPlan,
  cursor: Cursor | null,
  size: number,
): KeysetPage<T> {
  const more = fetched.length > size;
  const page = fetched.slice(0, size);
  if (plan.backwards) page.reverse();
  const firstRow = page[0];
  const lastRow = page[page.length - 1];
  const at = (r: T | undefined) => (r ? encodeCursor(r.cursorValue, r.id) : null);
  if (!cursor) return { rows: page, nextCursor: more ? at(lastRow) : null, prevCursor: null };
  if (plan.backwards) {
    // Came from a later page: there is always a next page; a previous one only if more rows were found.
    return { rows: page, nextCursor: at(lastRow), prevCursor: more ? at(firstRow) : null };
  }
  return { rows: page, nextCursor: more ? at(lastRow) : null, prevCursor: at(firstRow) };
}

/** `%`, `_` and `\` are wildcards in LIKE; a search for "50%" means the text "50%". */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
