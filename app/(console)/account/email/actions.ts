"use server";

/**
 * Change of email address. The Auth API keeps the new address pending and mails a link to the
 * current and to the new address; the address (and `public.profiles.email`, by trigger) changes
 * only once both links have been opened (/auth/confirm). Nothing changes here but the pending
 * request, so a stolen session alone cannot move the account to another mailbox.
 */
import { revalidatePath } from "next/cache";
import { defineAction, failure, SESSION_ENDED, type ActionResult } from "@/lib/actions";
import { AUTH_UNAVAILABLE_MESSAGE, isAuthUnavailable } from "@/lib/errors";
import { createClient } from "@/lib/supabase/server";
import { changeEmailInput } from "@/lib/validation/account";

export const requestEmailChange = defineAction(
  changeEmailInput,
  ["USER", "MANAGER", "ADMIN"],
  async (input, viewer): Promise<ActionResult> => {
    const email = input.email.toLowerCase();
    if (email === viewer.email.toLowerCase()) {
      return failure("Check the highlighted fields.", { email: ["That is already your email address."] });
    }
    const supabase = await createClient();
    const { error } = await supabase.auth.updateUser({ email });
    if (error) {
      if (isAuthUnavailable(error)) return failure(AUTH_UNAVAILABLE_MESSAGE);
      if (error.code === "email_exists") {
        return failure("Check the highlighted fields.", { email: ["Another account uses this address."] });
      }
      if (error.code === "over_email_send_rate_limit") {
        return failure("You asked for a change less than a minute ago. Wait a minute, then try again.");
      }
      if (error.code === "validation_failed" || error.code === "email_address_invalid") {
        return failure("Check the highlighted fields.", { email: ["Enter a valid email address"] });
      }
      if (error.code === "session_not_found" || error.name === "AuthSessionMissingError") return failure(SESSION_ENDED);
      return failure("The change could not be requested. Try again.");
    }
    revalidatePath("/account/email");
    return {
      ok: true,
      message: `We sent a link to ${viewer.email} and one to ${email}. Your address changes once both links are opened.`,
    };
  },
);
