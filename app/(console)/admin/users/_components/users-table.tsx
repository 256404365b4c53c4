"use client";

import { useMemo, useState, useTransition } from "react";
import {
  DataTableBulkBar,
  DataTableDateRange,
  DataTableExportButton,
  DataTableFacetedFilter,
  DataTableNotice,
  DataTableSearch,
  DataTableShell,
  useDataTable,
  withTableUrl,
  type KeysetListProps,
  type TableNotice,
} from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS, USER_ROLES, type UserRole } from "@/lib/validation/users";
import { approveUsers } from "../actions";
import { userColumns, type UserTableRow } from "./columns";

type Props = KeysetListProps<UserTableRow> & { roleCounts: Record<UserRole, number>; viewerId: string };

const FILTER_PARAMS = ["q", "role", "from", "to"];
const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function UsersTableView({ rows, sort, roleCounts, viewerId, ...paging }: Props) {
  const [notice, setNotice] = useState<TableNotice | null>(null);
  const [bulkPending, startBulk] = useTransition();

  const columns = useMemo(
    () => userColumns({ viewerId, onDone: (text, ok) => setNotice({ text, ok }) }),
    [viewerId],
  );
  const { table, pending, selectedIds } = useDataTable({ data: rows, columns, sort });

  return (
    <div className="space-y-4">
      <DataTableNotice notice={notice} onDismiss={() => setNotice(null)} />

      <DataTableShell
        table={table}
        pending={pending}
        label="Users"
        filterParams={FILTER_PARAMS}
        filters={
          <>
            <DataTableSearch label="Search users" placeholder="Search email, name or username…" />
            <DataTableFacetedFilter param="role" title="Role" options={ROLE_OPTIONS} counts={roleCounts} />
            <DataTableDateRange title="Created" />
          </>
        }
        actions={<DataTableExportButton href="/admin/users/export" />}
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
        empty={{ title: "No accounts yet", filteredTitle: "No accounts match these filters", hint: "Accounts appear here when people sign up." }}
        paging={paging}
        selectedCount={selectedIds.length}
      />
    </div>
  );
}

export const UsersTable = withTableUrl(UsersTableView);
