"use server";

/**
 * A new password for the signed-in session: the one a recovery link (/auth/confirm) opened.
 * The Auth API ends every other session of the account when the password changes; this one is
 * ended too, and the person signs in again with the new password.
 */
import { redirect } from "next/navigation";
import { defineAction, failure, SESSION_ENDED, type ActionResult } from "@/lib/actions";
import { AUTH_UNAVAILABLE_MESSAGE, isAuthUnavailable } from "@/lib/errors";
import { createClient } from "@/lib/supabase/server";
import { setPasswordInput } from "@/lib/validation/account";
import { USER_ROLES } from "@/lib/validation/users";

export const setNewPassword = defineAction(setPasswordInput, USER_ROLES, async (input): Promise<ActionResult> => {
  const supabase = await createClient();
  const { error } = await supabase.auth.updateUser({ password: input.password });
  if (error) {
    if (isAuthUnavailable(error)) return failure(AUTH_UNAVAILABLE_MESSAGE);
    if (error.code === "same_password") {
      return failure("Check the highlighted fields.", { password: ["Choose a password different from the old one."] });
    }
    if (error.code === "weak_password") {
      return failure("Check the highlighted fields.", { password: ["Choose a stronger password (at least 6 characters)."] });
    }
    if (error.code === "session_not_found" || error.name === "AuthSessionMissingError") return failure(SESSION_ENDED);
    return failure("The password could not be changed. Try again.");
  }
  await supabase.auth.signOut({ scope: "local" });
  // From the server: once signed out, this page re-renders without the form, so a redirect left
  // to the form's client code would never run.
  redirect("/login?notice=password-updated");
});
