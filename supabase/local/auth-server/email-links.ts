/**
 * Email links (recovery, email change, sign-up confirmation, invite, magic link): their tokens,
 * where they may send people (SITE_URL and URI_ALLOW_LIST, as Supabase Auth checks them), and
 * the per-address interval between mails.
 *
 * Tokens. Supabase Auth puts `token_hash = sha224(email + otp)` in the link, where `otp` is the
 * 6-digit code of the same mail, and stores that value as it is in `auth.users`. Two things
 * differ here, on purpose:
 *   - the secret behind the hash is 32 random bytes, not 6 digits. A 6-digit code makes the link
 *     one guess in a million, which Supabase Auth answers with per-IP limits on /verify that
 *     the stand-in does not have; so the stand-in issues no codes and verifies only token_hash;
 *   - the column holds sha256(token_hash), not token_hash: reading auth.users (a backup, a log
 *     of a query) yields nothing that signs anyone in.
 * Each token is single-use (cleared when used, under a row lock) and expires `otpExpirySeconds`
 * after it was sent (Supabase Auth's MAILER_OTP_EXP, default one day).
 */
import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "./errors";

/** A new link token: what the link carries (`token_hash`), and what the database keeps. */
export function newLinkToken(email: string): { tokenHash: string; stored: string } {
  const tokenHash = createHash("sha224")
    .update(email + randomBytes(32).toString("base64url"))
    .digest("hex");
  return { tokenHash, stored: storedForm(tokenHash) };
}

/** The column value for a token_hash presented by a client. */
export function storedForm(tokenHash: string): string {
  return createHash("sha256").update(tokenHash).digest("hex");
}

/** Supabase Auth's MAILER_OTP_EXP default and SMTP_MAX_FREQUENCY default. */
export const DEFAULT_OTP_EXPIRY_SECONDS = 86_400;
export const DEFAULT_EMAIL_INTERVAL_SECONDS = 60;

/** 429 `over_email_send_rate_limit` with GoTrue's wording, when `sentAt` is inside the interval. */
export function checkEmailInterval(sentAt: Date | number | null | undefined, intervalSeconds: number, now = Date.now()): void {
  if (sentAt === null || sentAt === undefined) return;
  const next = (typeof sentAt === "number" ? sentAt : sentAt.getTime()) + intervalSeconds * 1000;
  if (next > now) {
    const left = Math.floor((next - now) / 1000);
    throw new ApiError(429, "over_email_send_rate_limit", `For security purposes, you can only request this after ${left} seconds.`);
  }
}

/**
 * When each address last asked for a recovery mail, known addresses and unknown alike, so that
 * the 429 inside the interval says nothing about which accounts exist (Supabase Auth times it
 * by `recovery_sent_at`, which only known addresses have). In memory; bounded.
 */
export class SendInterval {
  private readonly last = new Map<string, number>();

  constructor(
    readonly intervalSeconds: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Throws 429 inside the interval; otherwise records `key` as sent now. */
  take(key: string, now = Date.now()): void {
    checkEmailInterval(this.last.get(key), this.intervalSeconds, now);
    this.last.delete(key);
    this.last.set(key, now);
    // Oldest first (insertion order): drop what is past the interval, and beyond the cap.
    for (const [k, t] of this.last) {
      if (this.last.size <= this.maxEntries && t + this.intervalSeconds * 1000 > now) break;
      this.last.delete(k);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Redirects
// ---------------------------------------------------------------------------------------------

/**
 * SITE_URL and URI_ALLOW_LIST. A `redirect_to` is followed only when it has the site URL's
 * scheme, host name and port (any port on `localhost`, as Supabase Auth allows for loopback
 * apps) or matches an allow-list pattern (globs: `*` any run of characters except `.` and `/`,
 * `**` any run, `?` one character); anything else falls back to the site URL. Stricter than
 * Supabase Auth in one point: it also accepts any loopback IP address whatever the site URL, and
 * this does not.
 */
export class RedirectPolicy {
  readonly site: URL;
  private readonly patterns: RegExp[];

  constructor(siteUrl: string, allowList: readonly string[] = []) {
    this.site = new URL(siteUrl);
    this.patterns = allowList.filter((p) => p.trim() !== "").map(globToRegExp);
  }

  get siteUrl(): string {
    return this.site.href.replace(/\/$/, "");
  }

  isAllowed(candidate: string | null | undefined): boolean {
    if (!candidate || candidate.length > 2048) return false;
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    const http = url.protocol === "http:" || url.protocol === "https:";
    if (
      http &&
      url.protocol === this.site.protocol &&
      url.hostname === this.site.hostname &&
      (url.port === this.site.port || url.hostname === "localhost")
    ) {
      return true;
    }
    if (http && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(url.hostname)) return false;
    const withoutFragment = candidate.split("#")[0];
    return this.patterns.some((p) => p.test(withoutFragment));
  }

  /** The first allowed candidate, else the site URL (Supabase Auth's `GetReferrer`). */
  referrer(...candidates: (string | null | undefined)[]): string {
    for (const c of candidates) if (this.isAllowed(c)) return c!;
    return this.siteUrl;
  }

  /**
   * The link a mail carries: the app's `/auth/confirm` route (the @supabase/ssr server-side
   * pattern), which calls verifyOtp({token_hash, type}) and then goes to `next`, the path of
   * the referrer (left out when that is the site's root, so the app picks its default per type).
   */
  appLink(referrer: string, tokenHash: string, type: string): string {
    let base = this.site;
    let next: string | null = null;
    try {
      const r = new URL(referrer);
      if (r.protocol === "http:" || r.protocol === "https:") {
        base = r;
        const path = r.pathname + r.search;
        if (path !== "/") next = path;
      }
    } catch {
      // the site URL, no next
    }
    const link = new URL("/auth/confirm", base.origin);
    link.searchParams.set("token_hash", tokenHash);
    link.searchParams.set("type", type);
    if (next) link.searchParams.set("next", next);
    return link.href;
  }
}

function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (c === "*") {
      out += "[^./]*";
    } else if (c === "?") {
      out += "[^./]";
    } else {
      out += c.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
    }
  }
  return new RegExp(`^${out}$`);
}

// ---------------------------------------------------------------------------------------------
// Mails
// ---------------------------------------------------------------------------------------------

const HOURS = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}` : `${Math.round(seconds / 60)} minutes`);

export function recoveryMail(to: string, link: string, expirySeconds: number) {
  return {
    to,
    subject: "Reset your password",
    text: `Someone asked to reset the password of the Agent Console account ${to}.

Set a new password: ${link}

The link works once, for ${HOURS(expirySeconds)}. If you did not ask for this, ignore this mail: your password stays as it is.`,
  };
}

export function emailChangeMails(
  current: string,
  next: string,
  links: { current: string; next: string },
  expirySeconds: number,
) {
  const both = `The address changes once both links have been used: this one, and the one sent to the other address. Each link works once, for ${HOURS(expirySeconds)}.`;
  return [
    {
      to: next,
      subject: "Confirm your new email address",
      text: `The Agent Console account ${current} asked to use ${next} as its email address.

Confirm this new address: ${links.next}

${both} If you did not ask for this, ignore this mail.`,
    },
    {
      to: current,
      subject: "Confirm the change of your email address",
      text: `Someone asked to change the email address of your Agent Console account from ${current} to ${next}.

Confirm the change: ${links.current}

${both} If you did not ask for this, do not open the link, and change your password: the change cannot complete without this address.`,
    },
  ];
}

/** What the mail routes share: built once by `startAuthServer`. */
export type EmailSettings = {
  mailer: import("./mailer").Mailer;
  redirects: RedirectPolicy;
  /** The API's external base, `<publicUrl>/auth/v1` (generate_link's `action_link` points here). */
  apiUrl: string;
  otpExpirySeconds: number;
  emailIntervalSeconds: number;
  recoverInterval: SendInterval;
};
