/**
 * The accounts the browser tests sign in with.
 *
 * - The five demo accounts come from the demo seeder (scripts/seed-demo.ts) when it exists;
 *   otherwise they are created here as the seeder creates them (tooling/demo-data/users.ts
 *   authRows, as tests/helpers/db.ts#createUser does too), with bcrypt passwords.
 * - The e2e accounts below belong to these tests alone: tests that change an account never touch
 *   a demo account, so the tests can run in any order and in parallel.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import bcrypt from "bcryptjs";
import postgres from "postgres";
import { DEMO_ACCOUNTS } from "../../tooling/demo-accounts";
import { insertRows } from "../../tooling/demo-data/insert";
import { authRows } from "../../tooling/demo-data/users";

export type Role = "PENDING" | "USER" | "MANAGER" | "ADMIN";
export type Account = { email: string; password: string; role: Role; name: string };

export const demo = {
  admin: account("admin@example.com"),
  manager: account("manager@example.com"),
  user: account("alice@example.com"),
  pending: account("pending@example.com"),
};

function account(email: string): Account {
  const a = DEMO_ACCOUNTS.find((d) => d.email === email);
  if (!a) throw new Error(`No demo account ${email}`);
  return { email: a.email, password: a.password, role: a.role, name: a.name };
}

const E2E_PASSWORD = "e2e-pass-123";

/** Accounts that only the tests use (and may change). */
export const e2e = {
  roleTarget: { email: "e2e-role-target@example.test", password: E2E_PASSWORD, role: "USER", name: "Rita Target" },
  expiry: { email: "e2e-expiry@example.test", password: E2E_PASSWORD, role: "USER", name: "Eli Expiry" },
  signOut: { email: "e2e-signout@example.test", password: E2E_PASSWORD, role: "USER", name: "Sam Signout" },
  approve: { email: "e2e-approve@example.test", password: E2E_PASSWORD, role: "PENDING", name: "Abe Approve" },
  ban: { email: "e2e-ban@example.test", password: E2E_PASSWORD, role: "USER", name: "Ben Banned" },
} satisfies Record<string, Account>;

/** A known, searchable set for the table tests: `e2e-list-NN`, one hour apart, roles in a cycle. */
export const LIST_SIZE = 25;
export const LIST_ROLES: Role[] = ["USER", "MANAGER", "PENDING", "USER", "ADMIN"];
export function listAccount(i: number): Account & { hoursAgo: number } {
  const nn = String(i + 1).padStart(2, "0");
  return {
    email: `e2e-list-${nn}@example.test`,
    password: E2E_PASSWORD,
    role: LIST_ROLES[i % LIST_ROLES.length],
    name: `List Person ${nn}`,
    hoursAgo: i + 1,
  };
}

/**
 * Inserts the account the way the demo seeder does (tooling/demo-data/users.ts authRows:
 * auth.users with every token column '' and its `email` identity), so the row is one Supabase
 * Auth can sign in on a real project too: nothing is left to a local column default.
 */
export async function insertAccount(sql: postgres.Sql, a: Account & { hoursAgo?: number }): Promise<string> {
  const id = randomUUID();
  // $2a$ as Supabase Auth writes; cost 4 keeps setup fast (the cost is part of the hash).
  const hash = (await bcrypt.hash(a.password, await bcrypt.genSalt(4))).replace(/^\$2b\$/, "$2a$");
  const { user, identity } = authRows({ id, email: a.email, name: a.name, createdAt: new Date(), lastSignInAt: null }, hash);
  await insertRows(sql, "auth.users", [user]);
  await insertRows(sql, "auth.identities", [identity]);
  await sql`
    update public.profiles
       set role = ${a.role}, name = ${a.name},
           "createdAt" = now() - make_interval(hours => ${a.hoursAgo ?? 0})
     where id = ${id}`;
  return id;
}

export async function seedAccounts(adminUrl: string, log: (l: string) => void): Promise<void> {
  const seeder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scripts/seed-demo.ts");
  if (fs.existsSync(seeder)) {
    log("e2e: demo data from scripts/seed-demo.ts");
    try {
      const mod = (await import(seeder)) as { seedDemo: (url: string, opts: object) => Promise<unknown> };
      await mod.seedDemo(adminUrl, {});
    } catch (e) {
      // The seeder runs in one transaction: a failure leaves nothing behind, and the demo
      // accounts are created below instead. Said loudly, so a broken seeder does not go unseen.
      console.warn(`e2e: WARNING: scripts/seed-demo.ts failed (${(e as Error).message}); creating the demo accounts here.`);
    }
  }
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from auth.users where email = ${demo.admin.email}`;
    if (n === 0) {
      log("e2e: creating the demo accounts (no demo seeder yet)");
      for (const a of DEMO_ACCOUNTS) await insertAccount(sql, { ...a });
    }
    for (const a of Object.values(e2e)) await insertAccount(sql, a);
    for (let i = 0; i < LIST_SIZE; i++) await insertAccount(sql, listAccount(i));
  } finally {
    await sql.end();
  }
}
