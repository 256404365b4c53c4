/** Per-file databases cloned from the migrated template, and the users that act in them. */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";

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

/** Inserts an auth user the way the Auth API does; the profile trigger does the rest. */
export async function createUser(
  sql: postgres.Sql,
  opts: { email?: string; role?: Role; userMetadata?: Record<string, unknown> } = {},
): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = opts.email ?? `${id.slice(0, 8)}@example.test`;
  await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data)
    values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email},
            extensions.crypt('password', extensions.gen_salt('bf', 4)), now(),
            '{"provider":"email","providers":["email"]}',
            ${sql.json((opts.userMetadata ?? {}) as postgres.JSONValue)})`;
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
