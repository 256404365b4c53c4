/**
 * Issue 16: the app's own sign-in and sign-up limits (supabase/migrations/20251125001800_sign_in_limits.sql).
 * No API role reads or writes this table; only the SECURITY DEFINER functions of that migration
 * do, called by lib/auth/sign-in-limits.ts.
 */
import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

export const signInLimits = pgTable(
  "sign_in_limits",
  {
    scope: text("scope", { enum: ["sign_in_ip", "sign_in_account_ip", "sign_up_ip"] }).notNull(),
    /** The client address; an IPv6 address as its /64 network; 'unknown' when not known. */
    ipKey: text("ip_key").notNull(),
    /** Hex SHA-256 of the lower-cased email (per account and IP), '' otherwise. */
    accountKey: text("account_key").notNull().default(""),
    attempts: integer("attempts").notNull().default(0),
    windowStartedAt: timestamptz("window_started_at").notNull().defaultNow(),
    lastAttemptAt: timestamptz("last_attempt_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.ipKey, t.accountKey] })],
).enableRLS();
