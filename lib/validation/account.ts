/**
 * Account self-service input (issue 16 item 5): forgotten password, new password after a
 * recovery link, change of email address. One schema per form, used by the form for hints and
 * parsed again by its server action.
 */
import { z } from "zod";
import { newPassword } from "./auth";

const email = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter a valid email address"));

export const forgotPasswordInput = z.object({ email });

/** The one answer to a recovery request, whether or not an account has the address. */
export const RECOVERY_SENT_MESSAGE =
  "If an account exists for that address, we sent a link to set a new password. It works once, for 24 hours.";
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInput>;

export const setPasswordInput = z
  .object({
    password: newPassword,
    confirm: z.string({ error: "Repeat the password" }).max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
export type SetPasswordInput = z.infer<typeof setPasswordInput>;

export const changeEmailInput = z.object({ email });
export type ChangeEmailInput = z.infer<typeof changeEmailInput>;

/** The link types Supabase Auth mails and verifyOtp takes (auth-js `EmailOtpType`). */
export const EMAIL_LINK_TYPES = ["signup", "invite", "magiclink", "recovery", "email_change", "email"] as const;
export type EmailLinkType = (typeof EMAIL_LINK_TYPES)[number];

export function emailLinkType(value: string | null | undefined): EmailLinkType | null {
  return (EMAIL_LINK_TYPES as readonly string[]).includes(value ?? "") ? (value as EmailLinkType) : null;
}

/**
 * Notices the sign-in page shows for `?notice=`: fixed texts chosen by code, so a link can never
 * put words of its own on the page.
 */
export const LOGIN_NOTICES = {
  "link-invalid": { tone: "error", text: "That link is invalid, expired or already used. Ask for a new one." },
  "password-updated": { tone: "success", text: "Your password was changed. Sign in with the new one." },
  "email-changed": { tone: "success", text: "Your email address was changed. Sign in with the new one." },
  "auth-unavailable": { tone: "error", text: "The sign-in service is unavailable. Open the link again in a moment." },
} as const;
export type LoginNotice = keyof typeof LOGIN_NOTICES;

export function loginNotice(value: string | null | undefined): (typeof LOGIN_NOTICES)[LoginNotice] | null {
  return value && Object.hasOwn(LOGIN_NOTICES, value) ? LOGIN_NOTICES[value as LoginNotice] : null;
}

/** Notices of the change-email page for `?notice=`, by code as on the sign-in page. */
export const EMAIL_NOTICES = {
  "confirmed-one": {
    tone: "info",
    text: "Address confirmed. Now open the link we sent to the other address: your email changes once both are confirmed.",
  },
  changed: { tone: "success", text: "Your email address was changed." },
} as const;

export function emailNotice(value: string | null | undefined): (typeof EMAIL_NOTICES)[keyof typeof EMAIL_NOTICES] | null {
  return value && Object.hasOwn(EMAIL_NOTICES, value) ? EMAIL_NOTICES[value as keyof typeof EMAIL_NOTICES] : null;
}
