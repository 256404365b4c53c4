/**
 * What the local Auth API writes to the `auth` schema (so real Supabase Auth could read it), its
 * keys, its persisted signing key, its CLI, and the duration parser behind `ban_duration`.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@supabase/supabase-js";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGoDuration } from "../../supabase/local/auth-server/durations";
import { startAuthServer, type AuthServer } from "../../supabase/local/auth-server/server";
import { TEST_ANON_KEY, TEST_JWT_SECRET, TEST_SERVICE_ROLE_KEY } from "../helpers/auth-keys";
import { createTestDb, createUser, type TestDb } from "../helpers/db";

const PASSWORD = "correct horse battery";
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
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
const anon = (url = server.url) => createClient(url, TEST_ANON_KEY, options);
let counter = 0;
const newEmail = () => `store${++counter}.${Date.now()}@example.test`;

describe("rows in the auth schema", () => {
  it("writes users, identities, sessions and refresh tokens as Supabase Auth does", async () => {
    const email = newEmail();
    const { data } = await anon().auth.signUp({ email: email.toUpperCase(), password: PASSWORD, options: { data: { x: 1 } } });
    const id = data.user!.id;

    const [user] = await db.admin`select * from auth.users where id = ${id}`;
    expect(user).toMatchObject({
      instance_id: ZERO_UUID,
      aud: "authenticated",
      role: "authenticated",
      email,
      raw_app_meta_data: { provider: "email", providers: ["email"] },
      raw_user_meta_data: { x: 1 },
      is_sso_user: false,
      is_anonymous: false,
      phone: null,
      banned_until: null,
      deleted_at: null,
    });
    for (const column of [
      "confirmation_token", "recovery_token", "email_change_token_new", "email_change", "phone_change",
      "phone_change_token", "email_change_token_current", "reauthentication_token",
    ]) {
      expect(user[column], column).toBe("");
    }
    expect(user.email_confirmed_at).toBeInstanceOf(Date);
    expect(user.confirmed_at).toBeInstanceOf(Date);
    expect(user.last_sign_in_at).toBeInstanceOf(Date);
    // `$2a$`, cost 10: what Go's bcrypt (Supabase Auth) and pgcrypto write.
    expect(user.encrypted_password).toMatch(/^\$2a\$10\$/);

    const identities = await db.admin`select provider, provider_id, user_id, identity_data, email from auth.identities where user_id = ${id}`;
    expect(identities).toEqual([
      {
        provider: "email",
        provider_id: id,
        user_id: id,
        identity_data: { sub: id, email, email_verified: true, phone_verified: false },
        email,
      },
    ]);

    const sessions = await db.admin`select id, user_id, aal from auth.sessions where user_id = ${id}`;
    expect(sessions).toEqual([{ id: expect.any(String), user_id: id, aal: "aal1" }]);
    const tokens = await db.admin`select instance_id, token, user_id, revoked, parent, session_id from auth.refresh_tokens where user_id = ${id}`;
    expect(tokens).toEqual([
      {
        instance_id: ZERO_UUID,
        token: data.session!.refresh_token,
        user_id: id,
        revoked: false,
        parent: null,
        session_id: sessions[0].id,
      },
    ]);
  });

  it("writes password hashes that Postgres' extensions.crypt() verifies (bcrypt as Supabase uses it)", async () => {
    const email = newEmail();
    const { data } = await anon().auth.signUp({ email, password: PASSWORD });
    const admin = createClient(server.url, TEST_SERVICE_ROLE_KEY, options).auth.admin;
    const check = async (pw: string) => {
      const [row] = await db.admin`
        select extensions.crypt(${pw}, encrypted_password) = encrypted_password as ok from auth.users where id = ${data.user!.id}`;
      return row.ok as boolean;
    };
    expect(await check(PASSWORD)).toBe(true);
    expect(await check("wrong password")).toBe(false);

    await admin.updateUserById(data.user!.id, { password: "päßwörd with ümlauts" });
    expect(await check("päßwörd with ümlauts")).toBe(true);
  });

  it("signs in users whose hash Postgres wrote (seeded with extensions.crypt)", async () => {
    const { email } = await createUser(db.admin, { email: newEmail() });
    const { error } = await anon().auth.signInWithPassword({ email, password: "password" });
    expect(error).toBeNull();
  });
});

describe("keys", () => {
  it("the API keys are HS256 JWTs of the anon and service_role roles, signed with the project's secret, valid for years", async () => {
    const secret = new TextEncoder().encode(TEST_JWT_SECRET);
    const now = Math.floor(Date.now() / 1000);
    for (const [key, role] of [[TEST_ANON_KEY, "anon"], [TEST_SERVICE_ROLE_KEY, "service_role"]] as const) {
      const { payload, protectedHeader } = await jwtVerify(key, secret);
      expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
      expect(payload).toEqual({ iss: "supabase", role, iat: expect.any(Number), exp: expect.any(Number) });
      expect(Math.abs(payload.iat! - now)).toBeLessThan(600);
      expect(payload.exp! - payload.iat!).toBeGreaterThan(9 * 365 * 24 * 3600);
    }
    // The server hands out keys signed with the secret it was given.
    for (const key of [server.anonKey, server.serviceRoleKey]) await expect(jwtVerify(key, secret)).resolves.toBeTruthy();
  });

  it("persists the signing key: tokens survive a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-key-"));
    const keyFile = path.join(dir, "nested", "signing-key.json");
    try {
      const first = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET, signingKeyFile: keyFile });
      const { data } = await anon(first.url).auth.signUp({ email: newEmail(), password: PASSWORD });
      const token = data.session!.access_token;
      await first.close();

      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const stored = JSON.parse(fs.readFileSync(keyFile, "utf8"));
      expect(stored).toMatchObject({ kty: "EC", crv: "P-256", kid: decodeProtectedHeader(token).kid });

      const second = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET, signingKeyFile: keyFile });
      try {
        const { error } = await anon(second.url).auth.getUser(token);
        expect(error).toBeNull();
        const { keys } = await (await fetch(`${second.url}/auth/v1/.well-known/jwks.json`)).json();
        expect(keys[0].kid).toBe(stored.kid);
        expect(keys[0]).not.toHaveProperty("d");
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an ephemeral key differs per server", async () => {
    const other = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET });
    try {
      const kid = async (url: string) => (await (await fetch(`${url}/auth/v1/.well-known/jwks.json`)).json()).keys[0].kid;
      expect(await kid(other.url)).not.toBe(await kid(server.url));
    } finally {
      await other.close();
    }
  });
});

describe("startAuthServer", () => {
  it("refuses a database without the auth schema", async () => {
    const url = db.adminUrl.replace(/\/[^/]+$/, "/postgres");
    await expect(startAuthServer({ databaseUrl: url, port: 0 })).rejects.toThrow(/auth\.users/);
  });
});

describe("main.ts", () => {
  it("serves until SIGTERM, announcing itself in one line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-cli-"));
    const main = path.resolve(import.meta.dirname, "../../supabase/local/auth-server/main.ts");
    const child = spawn(process.execPath, ["--import", "tsx", main], {
      env: {
        ...process.env,
        DATABASE_URL: db.adminUrl,
        AUTH_PORT: "0",
        AUTH_SIGNING_KEY_FILE: path.join(dir, "key.json"),
        AUTH_JWT_SECRET_FILE: path.join(dir, "jwt-secret.json"),
        AUTH_JWT_SECRET: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk) => {
          out += chunk;
          const m = /listening on (http:\/\/\S+)\/auth\/v1/.exec(out);
          if (m) resolve(m[1]);
        });
        child.stderr.on("data", (chunk) => (out += chunk));
        child.on("exit", (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      // Its keys are in the secret file it created; the test file's keys (another secret) are refused.
      const { anon_key: anonKey } = JSON.parse(fs.readFileSync(path.join(dir, "jwt-secret.json"), "utf8"));
      expect((await fetch(`${url}/auth/v1/health`, { headers: { apikey: anonKey } })).status).toBe(200);
      expect((await fetch(`${url}/auth/v1/health`, { headers: { apikey: TEST_ANON_KEY } })).status).toBe(401);
      expect(out.trim().split("\n")).toHaveLength(1);

      const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ban durations (Go's time.ParseDuration)", () => {
  it("parses what Go parses and nothing else", () => {
    expect(parseGoDuration("24h")).toBe(86_400_000);
    expect(parseGoDuration("1h30m")).toBe(5_400_000);
    expect(parseGoDuration("1.5h")).toBe(5_400_000);
    expect(parseGoDuration("300ms")).toBe(300);
    expect(parseGoDuration("876000h")).toBe(876_000 * 3_600_000);
    expect(parseGoDuration("0")).toBe(0);
    expect(parseGoDuration("-1h")).toBe(-3_600_000);
    for (const bad of ["", "24", "h", "1d", "1h ", "forever", "3000000h"]) expect(parseGoDuration(bad), bad).toBeNull();
  });
});
