"use client";

import { useMemo, useState, useTransition } from "react";
import {
  DataTable,
  DataTableBulkBar,
  DataTableDateRange,
  DataTableExportButton,
  DataTableFacetedFilter,
  DataTablePagination,
  DataTableSearch,
  DataTableToolbar,
  DataTableViewOptions,
  TableUrlProvider,
  useDataTable,
  useTableUrl,
} from "@/components/data-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { InboxIcon, XIcon } from "@/components/ui/icons";
import type { TableSort } from "@/lib/validation/data-table";
import { ROLE_LABELS, USER_ROLES, type UserRole } from "@/lib/validation/users";
import { approveUsers } from "../actions";
import { userColumns, type UserTableRow } from "./columns";

type Props = {
  rows: UserTableRow[];
  sort: TableSort;
  page: number;
  size: number;
  nextCursor: string | null;
  prevCursor: string | null;
  roleCounts: Record<UserRole, number>;
  viewerId: string;
};

const FILTER_PARAMS = ["q", "role", "from", "to"];
const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function UsersTable(props: Props) {
  return (
    <TableUrlProvider>
      <UsersTableView {...props} />
    </TableUrlProvider>
  );
}

function UsersTableView({ rows, sort, page, size, nextCursor, prevCursor, roleCounts, viewerId }: Props) {
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | null>(null);
  const [bulkPending, startBulk] = useTransition();
  const url = useTableUrl();

  const columns = useMemo(
    () => userColumns({ viewerId, onDone: (text, ok) => setNotice({ text, ok }) }),
    [viewerId],
  );
  const { table, pending, selectedIds } = useDataTable({ data: rows, columns, sort });
  const filtered = FILTER_PARAMS.some((p) => url.searchParams.get(p));

  return (
    <div className="space-y-4">
      {notice ? (
        <div className="flex items-start gap-2">
          <Alert tone={notice.ok ? "success" : "error"} className="flex-1">
            {notice.text}
          </Alert>
          <Button variant="ghost" size="sm" aria-label="Dismiss message" onClick={() => setNotice(null)}>
            <XIcon size={14} />
          </Button>
        </div>
      ) : null}

      <DataTable
        table={table}
        pending={pending}
        label="Users"
        toolbar={
          <DataTableToolbar
            filterParams={FILTER_PARAMS}
            filters={
              <>
                <DataTableSearch label="Search users" placeholder="Search email, name or username…" />
                <DataTableFacetedFilter param="role" title="Role" options={ROLE_OPTIONS} counts={roleCounts} />
                <DataTableDateRange title="Created" />
              </>
            }
            actions={
              <>
                <DataTableViewOptions table={table} />
                <DataTableExportButton href="/admin/users/export" />
              </>
            }
            bulkActions={
              <DataTableBulkBar count={selectedIds.length} onClear={() => table.resetRowSelection()}>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={bulkPending}
                  onClick={() =>
                    startBulk(async () => {
                      const r = await approveUsers(null, { userIds: selectedIds });
                      setNotice({ text: r.message ?? "Done.", ok: r.ok });
                      if (r.ok) table.resetRowSelection();
                    })
                  }
                >
                  {bulkPending ? "Approving…" : "Approve selected"}
                </Button>
              </DataTableBulkBar>
            }
          />
        }
        empty={
          <EmptyState
            icon={<InboxIcon size={28} />}
            title={filtered ? "No accounts match these filters" : "No accounts yet"}
            action={
              filtered ? (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => url.navigate(Object.fromEntries(FILTER_PARAMS.map((p) => [p, null])), { resetPaging: true })}
                >
                  Reset filters
                </Button>
              ) : null
            }
          >
            {filtered ? "Try another search or fewer filters." : "Accounts appear here when people sign up."}
          </EmptyState>
        }
        footer={
          <DataTablePagination
            nextCursor={nextCursor}
            prevCursor={prevCursor}
            page={page}
            size={size}
            rowCount={rows.length}
            selectedCount={selectedIds.length}
          />
        }
      />
    </div>
  );
}
