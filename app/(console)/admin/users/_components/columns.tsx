"use client";

import { createDataTableColumnHelper, DataTableColumnHeader, selectColumn } from "@/components/data-table";
import { RoleBadge } from "@/components/shell/role-badge";
import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { UserRole } from "@/lib/validation/users";
import { UserRowActions } from "./user-row-actions";

/** A profile row plus what Supabase Auth knows about the account. Dates as ISO strings. */
export type UserTableRow = {
  id: string;
  email: string;
  username: string;
  name: string | null;
  role: UserRole;
  createdAt: string;
  lastSignInAt: string | null;
  banned: boolean;
};

const col = createDataTableColumnHelper<UserTableRow>();

export function userColumns(opts: { viewerId: string; onDone: (message: string, ok: boolean) => void }) {
  return col.columns([
    selectColumn<UserTableRow>((u) => u.email),
    col.accessor("email", {
      meta: { label: "Email" },
      enableHiding: false,
      header: ({ column }) => <DataTableColumnHeader column={column} title="Email" />,
      cell: ({ row }) => (
        <span className="flex items-center gap-2">
          <span className="max-w-[16rem] truncate font-medium text-zinc-900" title={row.original.email}>
            {row.original.email}
          </span>
          {row.original.id === opts.viewerId ? <Badge>You</Badge> : null}
          {row.original.banned ? <Badge tone="red">Banned</Badge> : null}
        </span>
      ),
    }),
    col.accessor("username", {
      meta: { label: "Username" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Username" />,
      // Long values truncate (the whole value on hover) so Created and Last sign-in stay in sight.
      cell: ({ getValue }) => (
        <span className="block max-w-[10rem] truncate font-mono text-xs text-zinc-600" title={getValue()}>
          {getValue()}
        </span>
      ),
    }),
    col.accessor("name", {
      meta: { label: "Name" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Name" />,
      cell: ({ getValue }) => {
        const name = getValue();
        if (!name) return <span className="text-zinc-400">—</span>;
        return (
          <span className="block max-w-[12rem] truncate" title={name}>
            {name}
          </span>
        );
      },
    }),
    col.accessor("role", {
      meta: { label: "Role" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Role" />,
      cell: ({ getValue }) => <RoleBadge role={getValue()} />,
    }),
    col.accessor("createdAt", {
      id: "created",
      meta: { label: "Created" },
      sortDescFirst: true,
      header: ({ column }) => <DataTableColumnHeader column={column} title="Created" />,
      cell: ({ getValue }) => <UtcTime iso={getValue()} precision="day" />,
    }),
    col.accessor("lastSignInAt", {
      id: "lastSignIn",
      meta: { label: "Last sign-in" },
      enableSorting: false,
      header: () => (
        <span>
          Last sign-in <span className="font-normal text-zinc-400">(UTC)</span>
        </span>
      ),
      cell: ({ getValue }) => {
        const v = getValue();
        if (v) return <UtcTime iso={v} />;
        return <span className="text-zinc-400">Never</span>;
      },
    }),
    col.display({
      id: "actions",
      enableHiding: false,
      enableSorting: false,
      meta: { label: "Actions", className: "w-12 text-right" },
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <UserRowActions user={row.original} isSelf={row.original.id === opts.viewerId} onDone={opts.onDone} />
      ),
    }),
  ]);
}
