"use server";

/**
 * /admin/users actions. Each one: parse with its schema, re-check ADMIN on the server (and that
 * the session is still live with the Auth API), one unit of work, refresh the page, a typed
 * result. Role changes are UPDATEs of public.profiles as the admin (RLS + protect_profile_columns
 * allow it); bans and passwords go through Supabase Auth's admin API with the service key.
 */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { getUserEmail } from "@/lib/db/queries/users";
import { approvePendingUsers, updateUserRole } from "@/lib/db/mutations/users";
import { withViewer } from "@/lib/db/with-viewer";
import { AUTH_UNAVAILABLE_MESSAGE, isAuthUnavailable } from "@/lib/errors";
import { createAdminClient } from "@/lib/supabase/admin";
import {
  approveUsersInput,
  banUserInput,
  changeRoleInput,
  resetPasswordInput,
  ROLE_LABELS,
} from "@/lib/validation/users";

/** Supabase Auth takes a Go duration; 100 years is "until lifted". */
const BAN_DURATION = "876000h";

const ADMIN = ["ADMIN"] as const;

export const changeUserRole = defineAction(
  changeRoleInput,
  ADMIN,
  async (input, viewer): Promise<ActionResult> => {
    // An admin demoting themselves could leave the console without any admin.
    if (input.userId === viewer.id) {
      return failure("You cannot change your own role.", { role: ["Ask another admin to change your role."] });
    }
    const row = await withViewer(viewer, (tx) => updateUserRole(tx, input));
    if (!row) return failure("That account no longer exists.");
    refresh();
    return { ok: true, message: `${row.email} is now ${ROLE_LABELS[row.role]}.` };
  },
);

export const approveUsers = defineAction(
  approveUsersInput,
  ADMIN,
  async (input, viewer): Promise<ActionResult<{ approved: number }>> => {
    const rows = await withViewer(viewer, (tx) => approvePendingUsers(tx, input.userIds));
    refresh();
    if (rows.length === 0) return failure("None of these accounts is waiting for approval.");
    return {
      ok: true,
      approved: rows.length,
      message: rows.length === 1 ? `Approved ${rows[0].email}.` : `Approved ${rows.length} accounts.`,
    };
  },
);

export const setUserBanned = defineAction(
  banUserInput,
  ADMIN,
  async (input, viewer): Promise<ActionResult> => {
    if (input.userId === viewer.id) return failure("You cannot ban your own account.");
    const email = await withViewer(viewer, (tx) => getUserEmail(tx, input.userId));
    if (!email) return failure("That account no longer exists.");
    const { error } = await createAdminClient().auth.admin.updateUserById(input.userId, {
      ban_duration: input.banned ? BAN_DURATION : "none",
    });
    if (error) {
      if (isAuthUnavailable(error)) return failure(AUTH_UNAVAILABLE_MESSAGE);
      if (error.code === "user_not_found") return failure("That account no longer exists.");
      return failure(`Supabase Auth refused the change: ${error.message}`);
    }
    refresh();
    return {
      ok: true,
      message: input.banned
        ? `${email} is banned: they cannot sign in, and their session ends when its access token expires.`
        : `${email} can sign in again.`,
    };
  },
);

export const resetUserPassword = defineAction(
  resetPasswordInput,
  ADMIN,
  async (input, viewer): Promise<ActionResult> => {
    const email = await withViewer(viewer, (tx) => getUserEmail(tx, input.userId));
    if (!email) return failure("That account no longer exists.");
    const { error } = await createAdminClient().auth.admin.updateUserById(input.userId, { password: input.password });
    if (error) {
      if (isAuthUnavailable(error)) return failure(AUTH_UNAVAILABLE_MESSAGE);
      if (error.code === "weak_password") {
        return failure("Check the highlighted fields.", { password: ["Choose a stronger password."] });
      }
      if (error.code === "same_password") {
        return failure("Check the highlighted fields.", { password: ["This is the current password."] });
      }
      if (error.code === "user_not_found") return failure("That account no longer exists.");
      return failure(`Supabase Auth refused the change: ${error.message}`);
    }
    // The new password is not echoed back; tell it to the person by another channel.
    return { ok: true, message: `The password of ${email} was changed.` };
  },
);
