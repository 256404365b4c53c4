"use client";

import { buttonClass } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { useTableUrl } from "./use-table-url";

/**
 * CSV of every row matching the current filter and sort (not only this page), streamed by a
 * route handler that runs the query as the viewer, under RLS.
 */
export function DataTableExportButton({ href, label = "Export CSV" }: { href: string; label?: string }) {
  const url = useTableUrl();
  const target = url.hrefFor({ hide: null }, { resetPaging: true, pathname: href });
  return (
    <a href={target} download className={buttonClass("secondary", "sm")}>
      <DownloadIcon />
      {label}
    </a>
  );
}
