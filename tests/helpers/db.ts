/** Per-file databases cloned from the migrated template, and the users that act in them. */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { insertRows } from "../../tooling/demo-data/insert";
import { authRows } from "../../tooling/demo-data/users";

/** bcrypt('password') at cost 4, `$2a$` as Supabase Auth writes it. */
const TEST_PASSWORD_HASH = "$2a$04$bOMqDrj23oEEp31XPgQ8JOogIcNemI.7m41LkQSlLG9hW.u3/bGEG";

const TEMPLATE_DB = "console_template";

export type TestDb = {
  name: string;
  /** Superuser: arranges fixtures and inspects results, bypassing RLS. */
  admin: postgres.Sql;
  /** URL for the app's own login (authenticator), as the app pool uses it. */
  appUrl: string;
  adminUrl: string;
  drop: () => Promise<void>;
};

function url(db: string, user = "postgres", password = "postgres") {
  return `postgres://${user}:${password}@127.0.0.1:${inject("pgPort")}/${db}`;
}

export async function createTestDb(): Promise<TestDb> {
  const name = `t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const root = postgres(url("postgres"), { max: 1, onnotice: () => {} });
  await root.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
  const admin = postgres(url(name), { max: 4, onnotice: () => {} });
  return {
    name,
    admin,
    adminUrl: url(name),
    appUrl: url(name, "authenticator", "authenticator"),
    drop: async () => {
      await admin.end();
      await root.unsafe(`drop database if exists ${name} with (force)`);
      await root.end();
    },
  };
}

export type Role = "PENDING" | "USER" | "MANAGER" | "ADMIN";

/**
 * Inserts an auth user (and its `email` identity) the way the demo seeder does, which is the way
 * Supabase Auth writes a confirmed e-mail user: every token column '' (tooling/demo-data/users.ts
 * authRows), nothing left to a local default. The profile trigger does the rest.
 */
export async function createUser(
  sql: postgres.Sql,
  opts: { email?: string; role?: Role; userMetadata?: Record<string, unknown> } = {},
): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = opts.email ?? `${id.slice(0, 8)}@example.test`;
  const { user, identity } = authRows({ id, email, name: "", createdAt: new Date(), lastSignInAt: null }, TEST_PASSWORD_HASH);
  // The address as given (tests look users up by it) and the metadata the test asks for.
  await insertRows(sql, "auth.users", [{ ...user, email, raw_user_meta_data: opts.userMetadata ?? {} }]);
  await insertRows(sql, "auth.identities", [identity]);
  if (opts.role && opts.role !== "PENDING") {
    await sql`update public.profiles set role = ${opts.role} where id = ${id}`;
  }
  return { id, email };
}

/** The claims Supabase Auth would put in this user's access token. */
export function claimsFor(user: { id: string; email: string }, userMetadata: Record<string, unknown> = {}) {
  return {
    iss: "http://127.0.0.1:54321/auth/v1",
    sub: user.id,
    aud: "authenticated",
    role: "authenticated",
    email: user.email,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: userMetadata,
    aal: "aal1",
    session_id: randomUUID(),
    is_anonymous: false,
  };
}
