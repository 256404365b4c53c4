/**
 * The people of the demo: the five demo accounts (known passwords, one per role) and twenty
 * ordinary colleagues that fill the team, bonus and admin pages. They are written to auth.users
 * and auth.identities exactly as Supabase Auth writes a confirmed e-mail sign-up; the
 * on_auth_user_created trigger then creates each profile (role PENDING), and the seed sets the
 * role, as an admin approving the account would.
 */
import bcrypt from "bcryptjs";
import { DEMO_ACCOUNTS } from "../demo-accounts";
import { insertRows, type Tx } from "./insert";
import { Clock, plusMs, rng, seedUuid, MS } from "./random";

export type Role = "PENDING" | "USER" | "MANAGER" | "ADMIN";

export type SeedUser = {
  /** short stable name used by the generators: admin, manager, alice, bob, pending, carla, ... */
  key: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  createdAt: Date;
  lastSignInAt: Date | null;
  /** one of the five accounts of DEMO_ACCOUNTS */
  demo: boolean;
};

export const ZERO_UUID = "00000000-0000-0000-0000-000000000000";

/** Supabase Auth's app_metadata for an e-mail sign-up. */
const APP_METADATA = { provider: "email", providers: ["email"] };

/** The seed owns a user iff its id is derived from its e-mail this way (see cleanup.ts). */
export function seedUserId(email: string): string {
  return seedUuid(`user:${email.toLowerCase()}`);
}

// Colleagues of the demo accounts. Mostly USER; two more managers and three sign-ups that wait
// for approval, so the users page has something to approve.
const COLLEAGUES: readonly [string, Role][] = [
  ["Carla Mendes", "USER"],
  ["Daniel Okafor", "USER"],
  ["Emma Lindqvist", "USER"],
  ["Farid Haddad", "USER"],
  ["Grace Chen", "USER"],
  ["Hiroshi Tanaka", "USER"],
  ["Ines Moreau", "USER"],
  ["Jonas Becker", "USER"],
  ["Keisha Williams", "USER"],
  ["Liam O'Connor", "USER"],
  ["Maya Patel", "USER"],
  ["Noah Schmidt", "USER"],
  ["Olivia Rossi", "USER"],
  ["Priya Raman", "MANAGER"],
  ["Quentin Dubois", "USER"],
  ["Rosa Alvarez", "USER"],
  ["Samuel Adeyemi", "MANAGER"],
  ["Tara Kowalski", "PENDING"],
  ["Umar Siddiqui", "PENDING"],
  ["Vera Novak", "PENDING"],
];

const DEMO_JOINED_DAYS_AGO: Record<string, number> = { admin: 130, manager: 124, alice: 117, bob: 109, pending: 1.5 };

function ascii(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, "");
}

export function buildUsers(clock: Clock): SeedUser[] {
  const r = rng("users");
  const users: SeedUser[] = DEMO_ACCOUNTS.map((a) => {
    const key = a.email.split("@")[0];
    const createdAt = clock.daysAgo(DEMO_JOINED_DAYS_AGO[key] ?? 100);
    return {
      key,
      id: seedUserId(a.email),
      email: a.email.toLowerCase(),
      name: a.name,
      role: a.role,
      password: a.password,
      createdAt,
      lastSignInAt: a.role === "PENDING" ? plusMs(createdAt, 2 * MS.MINUTE) : clock.daysAgo(r.next() * 0.5),
      demo: true,
    };
  });
  COLLEAGUES.forEach(([name, role], i) => {
    const [first, ...rest] = name.split(" ");
    const email = `${ascii(first)}.${ascii(rest.join(""))}@example.com`;
    // Earlier colleagues joined earlier; pending sign-ups arrived in the last days.
    const joined = role === "PENDING" ? 0.5 + r.next() * 6 : 105 - i * 4.5 - r.next() * 3;
    const createdAt = clock.daysAgo(joined);
    users.push({
      key: ascii(first),
      id: seedUserId(email),
      email,
      name,
      role,
      password: `demo-${ascii(first)}-pass`,
      createdAt,
      lastSignInAt: role === "PENDING" ? plusMs(createdAt, MS.MINUTE) : clock.daysAgo(r.next() * 9),
      demo: false,
    });
  });
  return users;
}

/**
 * bcrypt at cost 10, as Supabase Auth stores passwords. bcryptjs writes `$2b$`; Go's bcrypt
 * (Supabase Auth) and pgcrypto write `$2a$`, and for passwords under 256 bytes both compute the
 * same hash, so the seed uses the prefix Supabase itself writes. Done before the transaction opens:
 * 25 hashes take about two seconds of CPU.
 */
export async function hashPasswords(users: readonly SeedUser[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const u of users) {
    const salt = (await bcrypt.genSalt(10)).replace(/^\$2b\$/, "$2a$");
    out.set(u.id, await bcrypt.hash(u.password, salt));
  }
  return out;
}

/** auth.users + auth.identities rows as Supabase Auth writes them for a confirmed e-mail user. */
export function authRows(u: { id: string; email: string; name: string; createdAt: Date; lastSignInAt: Date | null }, hash: string) {
  const confirmedAt = plusMs(u.createdAt, 90_000);
  const user = {
    instance_id: ZERO_UUID,
    id: u.id,
    aud: "authenticated",
    role: "authenticated",
    email: u.email.toLowerCase(),
    encrypted_password: hash,
    email_confirmed_at: confirmedAt,
    confirmation_sent_at: u.createdAt,
    // Supabase Auth keeps its token columns as '' (NULL breaks its Go scanner).
    confirmation_token: "",
    recovery_token: "",
    email_change_token_new: "",
    email_change: "",
    phone_change: "",
    phone_change_token: "",
    email_change_token_current: "",
    email_change_confirm_status: 0,
    reauthentication_token: "",
    last_sign_in_at: u.lastSignInAt,
    raw_app_meta_data: APP_METADATA,
    raw_user_meta_data: { name: u.name },
    created_at: u.createdAt,
    updated_at: u.lastSignInAt ?? confirmedAt,
    is_sso_user: false,
    is_anonymous: false,
  };
  const identity = {
    id: seedUuid(`identity:${u.id}`),
    provider_id: u.id,
    user_id: u.id,
    identity_data: { sub: u.id, email: u.email.toLowerCase(), email_verified: true, phone_verified: false },
    provider: "email",
    last_sign_in_at: u.lastSignInAt,
    created_at: u.createdAt,
    updated_at: u.lastSignInAt ?? u.createdAt,
  };
  return { user, identity };
}

const PREFERENCES = [
  { theme: "dark", defaultTemplate: "next-app", editor: "vscode" },
  { theme: "light", defaultTemplate: "vite-react", editor: "cursor" },
  { theme: "system", defaultTemplate: "astro", editor: "vim" },
];

/**
 * Inserts the users; the profile trigger creates their profiles, which then get the role and
 * the seed-000/002 fields (trust score, preferences) and a join date matching auth.users.
 */
export async function insertUsers(tx: Tx, users: readonly SeedUser[], hashes: Map<string, string>): Promise<void> {
  const rows = users.map((u) => authRows(u, hashes.get(u.id)!));
  await insertRows(tx, "auth.users", rows.map((r) => r.user));
  await insertRows(tx, "auth.identities", rows.map((r) => r.identity));
  const r = rng("profiles");
  const profiles = users.map((u, i) => ({
    id: u.id,
    role: u.role,
    name: u.name,
    trust_score: u.role === "ADMIN" ? 95 : u.role === "PENDING" ? 0 : r.int(10, 85),
    preferences: u.role === "PENDING" ? null : PREFERENCES[i % PREFERENCES.length],
    createdAt: u.createdAt,
  }));
  await tx.unsafe(
    `update public.profiles p
        set role = x.role, name = x.name, trust_score = x.trust_score, preferences = x.preferences,
            "createdAt" = x."createdAt"
       from json_populate_recordset(null::public.profiles, $1::text::json) x
      where p.id = x.id`,
    [JSON.stringify(profiles)],
  );
}
