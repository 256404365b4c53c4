/**
 * /admin/users: roles, the URL state of the users table, and the inputs of its actions.
 * Shared by the page (URL parsing on the server), the forms (hints) and the actions (parsed
 * again on the server).
 */
import { z } from "zod";
import { newPassword } from "./auth";
import { createTableSearchParams, listParam } from "./data-table";

/** seed 004's "UserRole" enum, in order of power. */
export const USER_ROLES = ["PENDING", "USER", "MANAGER", "ADMIN"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const userRole = z.enum(USER_ROLES, { error: "Choose a role" });

export const ROLE_LABELS: Record<UserRole, string> = {
  PENDING: "Pending",
  USER: "User",
  MANAGER: "Manager",
  ADMIN: "Admin",
};

/** Sortable columns of the users table: a whitelist, mapped to SQL in lib/db/queries/users.ts. */
export const USER_SORT_KEYS = ["created", "email", "name", "username", "role"] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];

/** Columns that may be hidden (the `hide` URL parameter). */
export const USER_COLUMNS = ["email", "username", "name", "role", "created", "lastSignIn"] as const;

export const usersTableParams = createTableSearchParams({
  sortKeys: USER_SORT_KEYS,
  defaultSort: { key: "created", dir: "desc" },
  columns: USER_COLUMNS,
  filters: {
    role: listParam(userRole),
  },
});
export type UsersTableQuery = z.infer<typeof usersTableParams>;
/** The filter part of the query: what the CSV export and the facet counts use. */
export type UsersFilter = Pick<UsersTableQuery, "q" | "from" | "to" | "role">;

const userId = z.guid("Unknown user");

export const changeRoleInput = z.object({ userId, role: userRole });
export const approveUsersInput = z.object({
  // One id arrives from a form as a string, several as an array.
  userIds: z.preprocess(
    (v) => (typeof v === "string" ? [v] : v),
    z.array(userId).min(1, "Select at least one account").max(100, "Select at most 100 accounts"),
  ),
});
export const banUserInput = z.object({ userId, banned: z.stringbool().or(z.boolean()) });
export const resetPasswordInput = z
  .object({
    userId,
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match" });
