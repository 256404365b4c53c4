/**
 * The one feature set of every list in the console. Rows arrive sorted, filtered and paged by
 * the server (the URL is the state), so no client row models are registered: the table only
 * renders, tracks sorting/visibility for the header controls, and holds the row selection.
 */
import {
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
} from "@tanstack/react-table";

export type DataTableColumnMeta = {
  /** Name of the column in menus (column visibility) and for screen readers. */
  label?: string;
  /** Extra classes for the column's cells, e.g. `text-right tabular-nums`. */
  className?: string;
};

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** Rows need a stable id: selection and keyset cursors are by id, never by index. */
export type DataTableRow = { id: string };

export function createDataTableColumnHelper<TRow extends DataTableRow>() {
  return createColumnHelper<DataTableFeatures, TRow>();
}
