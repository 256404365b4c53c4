"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { InboxIcon } from "@/components/ui/icons";
import { useFilterParams } from "./use-table-url";

export type DataTableEmptyText = {
  /** No filter is set and still no rows: the list is empty. */
  title: string;
  /** The filters hide every row. */
  filteredTitle: string;
  hint: ReactNode;
  filteredHint?: ReactNode;
  icon?: ReactNode;
};

/**
 * A table without rows says whether its filters hide them, and then offers to reset them; a
 * list that is empty says what would fill it.
 */
export function DataTableEmpty({
  filterParams,
  title,
  filteredTitle,
  hint,
  filteredHint = "Try another search or fewer filters.",
  icon = <InboxIcon size={28} />,
}: DataTableEmptyText & { filterParams: string[] }) {
  const { filtered, reset } = useFilterParams(filterParams);
  return (
    <EmptyState
      icon={icon}
      title={filtered ? filteredTitle : title}
      action={
        filtered ? (
          <Button variant="secondary" size="sm" onClick={reset}>
            Reset filters
          </Button>
        ) : null
      }
    >
      {filtered ? filteredHint : hint}
    </EmptyState>
  );
}
