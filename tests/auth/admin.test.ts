/** `auth.admin.*` against the local Auth API: list, create, get, update (password, ban, metadata), delete. */
import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthServer, type AuthServer } from "../../supabase/local/auth-server/server";
import { TEST_ANON_KEY, TEST_JWT_SECRET, TEST_SERVICE_ROLE_KEY } from "../helpers/auth-keys";
import { createTestDb, type TestDb } from "../helpers/db";

const PASSWORD = "correct horse battery";
let db: TestDb;
let server: AuthServer;

beforeAll(async () => {
  db = await createTestDb();
  server = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const options = { auth: { persistSession: false, autoRefreshToken: false } };
const admin = () => createClient(server.url, TEST_SERVICE_ROLE_KEY, options).auth.admin;
const anon = () => createClient(server.url, TEST_ANON_KEY, options);

let counter = 0;
const newEmail = () => `admin${++counter}.${Date.now()}@example.test`;

async function createUser(attrs: Record<string, unknown> = {}) {
  const email = newEmail();
  const { data, error } = await admin().createUser({ email, password: PASSWORD, email_confirm: true, ...attrs });
  expect(error).toBeNull();
  return { email, user: data.user! };
}

async function signIn(email: string, password = PASSWORD) {
  return anon().auth.signInWithPassword({ email, password });
}

async function rawUser(accessToken: string) {
  const res = await fetch(`${server.url}/auth/v1/user`, {
    headers: { apikey: TEST_ANON_KEY, authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, body: await res.json() };
}

describe("admin access", () => {
  it("needs the service role: anon key or a user token get 403 not_admin", async () => {
    const { data, error } = await anon().auth.admin.listUsers();
    expect(data.users).toEqual([]);
    expect(error).toMatchObject({ status: 403, code: "not_admin" });

    const { email } = await createUser();
    const { data: signedIn } = await signIn(email);
    const res = await fetch(`${server.url}/auth/v1/admin/users`, {
      headers: { apikey: TEST_ANON_KEY, authorization: `Bearer ${signedIn.session!.access_token}` },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe("not_admin");
  });
});

describe("createUser", () => {
  it("creates a user in GoTrue's shape, with an email identity, able to sign in", async () => {
    const email = newEmail();
    const { data, error } = await admin().createUser({
      email: email.toUpperCase(),
      password: PASSWORD,
      email_confirm: true,
      user_metadata: { full_name: "Ada" },
      app_metadata: { tenant: "t1" },
    });
    expect(error).toBeNull();
    const user = data.user!;
    expect(user).toMatchObject({
      aud: "authenticated",
      role: "authenticated",
      email,
      phone: "",
      app_metadata: { provider: "email", providers: ["email"], tenant: "t1" },
      user_metadata: { full_name: "Ada" },
      is_anonymous: false,
    });
    expect(user.email_confirmed_at).toEqual(expect.any(String));
    expect(user).not.toHaveProperty("last_sign_in_at");
    expect(user.identities).toEqual([expect.objectContaining({ id: user.id, provider: "email", user_id: user.id })]);
    expect((await signIn(email)).error).toBeNull();
  });

  it("leaves the email unconfirmed without email_confirm: sign-in says email_not_confirmed", async () => {
    const email = newEmail();
    const { data } = await admin().createUser({ email, password: PASSWORD });
    expect(data.user).not.toHaveProperty("email_confirmed_at");
    expect((await signIn(email)).error).toMatchObject({ status: 400, code: "email_not_confirmed" });
  });

  it("refuses a taken email (422 email_exists), a weak password and a bad email", async () => {
    const { email } = await createUser();
    expect((await admin().createUser({ email, password: PASSWORD })).error).toMatchObject({ status: 422, code: "email_exists" });
    expect((await admin().createUser({ email: newEmail(), password: "123" })).error).toMatchObject({
      status: 422,
      code: "weak_password",
    });
    expect((await admin().createUser({ email: "nope", password: PASSWORD })).error).toMatchObject({
      status: 400,
      code: "validation_failed",
    });
    expect((await admin().createUser({ email: newEmail(), password: PASSWORD, role: "service_role" })).error).toMatchObject({
      status: 400,
      code: "validation_failed",
    });
  });

  it("accepts a bcrypt password_hash and a chosen id", async () => {
    const id = crypto.randomUUID();
    const [{ hash }] = await db.admin`select extensions.crypt('hashed password', extensions.gen_salt('bf', 4)) as hash`;
    const email = newEmail();
    const { data, error } = await admin().createUser({ id, email, password_hash: hash, email_confirm: true });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(id);
    expect((await signIn(email, "hashed password")).error).toBeNull();
  });
});

describe("listUsers", () => {
  it("pages newest first with X-Total-Count and Link headers", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createUser()).user.id);
    const [{ total }] = await db.admin`select count(*)::int as total from auth.users`;
    const newestFirst = (await db.admin`select id from auth.users order by created_at desc, id desc`).map((r) => r.id);
    expect(newestFirst.slice(0, 5)).toEqual([...created].reverse());

    const perPage = 2;
    const lastPage = Math.ceil(total / perPage);
    const first = await admin().listUsers({ page: 1, perPage });
    expect(first.error).toBeNull();
    expect(first.data).toMatchObject({ aud: "authenticated", total, nextPage: 2, lastPage: Number(String(lastPage)[0]) });
    expect(first.data.users.map((u) => u.id)).toEqual(newestFirst.slice(0, 2));
    const second = await admin().listUsers({ page: 2, perPage });
    expect(second.data.users.map((u) => u.id)).toEqual(newestFirst.slice(2, 4));

    const res = await fetch(`${server.url}/auth/v1/admin/users?page=1&per_page=${perPage}`, {
      headers: { apikey: TEST_SERVICE_ROLE_KEY, authorization: `Bearer ${TEST_SERVICE_ROLE_KEY}` },
    });
    expect(res.headers.get("x-total-count")).toBe(String(total));
    expect(res.headers.get("link")).toBe(
      `</admin/users?page=2&per_page=${perPage}>; rel="next", </admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`,
    );
    const lastRes = await fetch(`${server.url}/auth/v1/admin/users?page=${lastPage}&per_page=${perPage}`, {
      headers: { apikey: TEST_SERVICE_ROLE_KEY, authorization: `Bearer ${TEST_SERVICE_ROLE_KEY}` },
    });
    expect(lastRes.headers.get("link")).toBe(`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`);
  });

  it("uses page 1 and 50 per page when the parameters are empty; refuses garbage", async () => {
    const { data, error } = await admin().listUsers();
    expect(error).toBeNull();
    const [{ total }] = await db.admin`select count(*)::int as total from auth.users`;
    expect(data.users).toHaveLength(Math.min(total, 50));
    const res = await fetch(`${server.url}/auth/v1/admin/users?page=abc`, {
      headers: { apikey: TEST_SERVICE_ROLE_KEY, authorization: `Bearer ${TEST_SERVICE_ROLE_KEY}` },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("validation_failed");
  });
});

describe("getUserById", () => {
  it("returns the user, or 404 user_not_found", async () => {
    const { user } = await createUser();
    expect((await admin().getUserById(user.id)).data.user).toMatchObject({ id: user.id, email: user.email });
    expect((await admin().getUserById(crypto.randomUUID())).error).toMatchObject({ status: 404, code: "user_not_found" });
  });
});

describe("updateUserById", () => {
  it("sets a new password and signs the user out everywhere", async () => {
    const { email, user } = await createUser();
    const { data: before } = await signIn(email);
    const { error } = await admin().updateUserById(user.id, { password: "the new password" });
    expect(error).toBeNull();
    expect((await rawUser(before.session!.access_token)).body.code).toBe("session_not_found");
    expect((await signIn(email)).error?.code).toBe("invalid_credentials");
    expect((await signIn(email, "the new password")).error).toBeNull();
    expect((await admin().updateUserById(user.id, { password: "short" })).error?.code).toBe("weak_password");
  });

  it("merges user_metadata and app_metadata (null deletes) and confirms the email", async () => {
    const { data } = await admin().createUser({
      email: newEmail(),
      password: PASSWORD,
      user_metadata: { a: 1, b: 2 },
      app_metadata: { plan: "free", flag: true },
    });
    const id = data.user!.id;
    const updated = await admin().updateUserById(id, {
      user_metadata: { b: null, c: 3 },
      app_metadata: { plan: "pro", flag: null },
      email_confirm: true,
    });
    expect(updated.error).toBeNull();
    expect(updated.data.user).toMatchObject({
      user_metadata: { a: 1, c: 3 },
      app_metadata: { provider: "email", providers: ["email"], plan: "pro" },
    });
    expect(updated.data.user!.app_metadata).not.toHaveProperty("flag");
    expect(updated.data.user!.email_confirmed_at).toEqual(expect.any(String));
  });

  it("bans with a Go duration and lifts the ban with 'none'", async () => {
    const { email, user } = await createUser();
    const { data: signedIn } = await signIn(email);
    const session = signedIn.session!;

    const banned = await admin().updateUserById(user.id, { ban_duration: "24h" });
    expect(banned.error).toBeNull();
    const until = new Date(banned.data.user!.banned_until!).getTime();
    expect(Math.abs(until - (Date.now() + 24 * 3600_000))).toBeLessThan(60_000);

    expect((await signIn(email)).error).toMatchObject({ status: 400, code: "user_banned" });
    expect((await anon().auth.refreshSession({ refresh_token: session.refresh_token })).error).toMatchObject({
      status: 400,
      code: "user_banned",
    });
    expect((await anon().auth.getUser(session.access_token)).error).toMatchObject({ status: 403, code: "user_banned" });
    // A ban only sets banned_until: the session row stays.
    const [{ n }] = await db.admin`select count(*)::int as n from auth.sessions where user_id = ${user.id}`;
    expect(n).toBe(1);

    const lifted = await admin().updateUserById(user.id, { ban_duration: "none" });
    expect(lifted.data.user).not.toHaveProperty("banned_until");
    expect((await anon().auth.getUser(session.access_token)).error).toBeNull();
    expect((await signIn(email)).error).toBeNull();

    expect((await admin().updateUserById(user.id, { ban_duration: "forever" })).error).toMatchObject({
      status: 400,
      code: "validation_failed",
    });
  });

  it("changes the email, refusing a taken one", async () => {
    const other = await createUser();
    const { user } = await createUser();
    expect((await admin().updateUserById(user.id, { email: other.email })).error).toMatchObject({ status: 422, code: "email_exists" });
    const email = newEmail();
    expect((await admin().updateUserById(user.id, { email })).data.user?.email).toBe(email);
    expect((await signIn(email)).error).toBeNull();
  });

  it("answers 404 user_not_found for an unknown id", async () => {
    expect((await admin().updateUserById(crypto.randomUUID(), { user_metadata: {} })).error).toMatchObject({
      status: 404,
      code: "user_not_found",
    });
  });
});

describe("deleteUser", () => {
  it("removes the user with its identities, sessions and refresh tokens", async () => {
    const { email, user } = await createUser();
    const { data: signedIn } = await signIn(email);
    const { data, error } = await admin().deleteUser(user.id);
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);

    const counts = await db.admin`
      select (select count(*)::int from auth.users where id = ${user.id}) as users,
             (select count(*)::int from auth.identities where user_id = ${user.id}) as identities,
             (select count(*)::int from auth.sessions where user_id = ${user.id}) as sessions,
             (select count(*)::int from auth.refresh_tokens where user_id = ${user.id}) as tokens`;
    expect(counts[0]).toEqual({ users: 0, identities: 0, sessions: 0, tokens: 0 });
    expect((await anon().auth.getUser(signedIn.session!.access_token)).error).toMatchObject({
      status: 403,
      code: "user_not_found",
    });
    expect((await admin().getUserById(user.id)).error?.code).toBe("user_not_found");
    expect((await admin().deleteUser(user.id)).error).toMatchObject({ status: 404, code: "user_not_found" });
  });

  it("answers the DELETE itself with 200 {}", async () => {
    const { user } = await createUser();
    const res = await fetch(`${server.url}/auth/v1/admin/users/${user.id}`, {
      method: "DELETE",
      headers: { apikey: TEST_SERVICE_ROLE_KEY, authorization: `Bearer ${TEST_SERVICE_ROLE_KEY}` },
      body: JSON.stringify({ should_soft_delete: false }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });

  it("soft-deletes: the row stays, unusable", async () => {
    const { email, user } = await createUser();
    const { data: signedIn } = await signIn(email);
    expect((await admin().deleteUser(user.id, true)).error).toBeNull();
    const [row] = await db.admin`select email, deleted_at, encrypted_password from auth.users where id = ${user.id}`;
    expect(row.deleted_at).not.toBeNull();
    expect(row.email).not.toBe(email);
    expect(row.encrypted_password).toBe("");
    expect((await signIn(email)).error?.code).toBe("invalid_credentials");
    expect((await rawUser(signedIn.session!.access_token)).status).toBe(403);
    // The address is free again.
    expect((await admin().createUser({ email, password: PASSWORD })).error).toBeNull();
  });
});
