/**
 * Issue 16, item 1: the local Auth API trusts no key anyone can make. Its API keys are HS256 JWTs
 * signed with a random secret per data folder (keys.ts `loadProjectKeys`); a key signed with the
 * Supabase CLI's published demo secret, or any other secret, or none, is refused on every route
 * that needs a key, and admin routes accept only tokens signed with the project's secret whose
 * role is an admin role (`service_role`, `supabase_admin`), as Supabase Auth does.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadProjectKeys, newJwtSecret } from "../../supabase/local/auth-server/keys";
import { startAuthServer, type AuthServer } from "../../supabase/local/auth-server/server";
import { TEST_ANON_KEY, TEST_JWT_SECRET, TEST_SERVICE_ROLE_KEY } from "../helpers/auth-keys";
import { createTestDb, createUser, type TestDb } from "../helpers/db";

/** The Supabase CLI's demo JWT secret: published, so the payload of every forged key here. */
const DEMO_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";
const ROOT = path.resolve(import.meta.dirname, "../..");

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

const hs256 = (claims: Record<string, unknown>, secret: string, alg = "HS256") =>
  new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT" }).sign(new TextEncoder().encode(secret));
const unsigned = (claims: Record<string, unknown>) =>
  `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
const farAhead = () => ({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 * 24 * 365 });

/** Keys anyone could make: every admin-ish role, signed with the published secret, another secret, or not at all. */
async function forgedKeys(): Promise<{ name: string; token: string }[]> {
  const out: { name: string; token: string }[] = [];
  for (const role of ["anon", "service_role", "supabase_admin"]) {
    out.push({ name: `${role}, the CLI's demo secret`, token: await hs256({ iss: "supabase-demo", role, exp: 1983812996 }, DEMO_SECRET) });
    out.push({ name: `${role}, another random secret`, token: await hs256({ iss: "supabase", role, ...farAhead() }, newJwtSecret()) });
    out.push({ name: `${role}, alg none`, token: unsigned({ iss: "supabase", role, ...farAhead() }) });
  }
  // The right secret but an algorithm the project does not use, and an expired key.
  out.push({ name: "service_role, HS512 with the project's secret", token: await hs256({ role: "service_role", ...farAhead() }, TEST_JWT_SECRET, "HS512") });
  out.push({ name: "service_role, expired", token: await hs256({ role: "service_role", iat: 1, exp: 2 }, TEST_JWT_SECRET) });
  return out;
}

async function call(method: string, route: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${server.url}/auth/v1${route}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const hashOf = async (id: string) =>
  (await db.admin`select encrypted_password from auth.users where id = ${id}`)[0].encrypted_password as string;

describe("a forged API key gets 401 on every route that needs a key", () => {
  it("admin routes (list users, set a password) and the user routes, by raw request and by supabase-js", async () => {
    const victim = await createUser(db.admin, { role: "ADMIN" });
    const before = await hashOf(victim.id);
    const routes: [string, string, unknown?][] = [
      ["GET", "/admin/users"],
      ["GET", `/admin/users/${victim.id}`],
      ["PUT", `/admin/users/${victim.id}`, { password: "taken over by a stranger" }],
      ["POST", "/admin/users", { email: "stranger@example.test", password: "a stranger's password" }],
      ["DELETE", `/admin/users/${victim.id}`],
      ["POST", "/token?grant_type=password", { email: victim.email, password: "password" }],
      ["POST", "/signup", { email: "forged-signup@example.test", password: "a password of sorts" }],
      ["GET", "/user"],
      ["PUT", "/user", { password: "another password" }],
      ["POST", "/logout"],
      ["GET", "/settings"],
      ["GET", "/health"],
    ];
    let refused = 0;
    for (const { name, token } of await forgedKeys()) {
      for (const [method, route, body] of routes) {
        const res = await call(method, route, { apikey: token, authorization: `Bearer ${token}` }, body);
        expect(res, `${name}: ${method} ${route}`).toMatchObject({ status: 401, body: { code: "no_authorization" } });
        refused++;
      }
      const forgedAdmin = createClient(server.url, token, { auth: { persistSession: false, autoRefreshToken: false } }).auth.admin;
      const listed = await forgedAdmin.listUsers();
      expect(listed.error, name).toMatchObject({ status: 401 });
      expect(listed.data.users, name).toEqual([]);
      expect((await forgedAdmin.updateUserById(victim.id, { password: "taken over by a stranger" })).error, name).toMatchObject({ status: 401 });
    }
    expect(refused).toBe(11 * routes.length);
    expect(await hashOf(victim.id)).toBe(before);
    expect((await db.admin`select count(*)::int as n from auth.users where email like '%stranger%' or email like 'forged-%'`)[0].n).toBe(0);
  });

  it("behind the project's real anon key, a forged bearer cannot use an admin route (403 bad_jwt) and changes nothing", async () => {
    const victim = await createUser(db.admin, { role: "ADMIN" });
    const before = await hashOf(victim.id);
    for (const { name, token } of await forgedKeys()) {
      const headers = { apikey: TEST_ANON_KEY, authorization: `Bearer ${token}` };
      const list = await call("GET", "/admin/users", headers);
      expect(list, name).toMatchObject({ status: 403, body: { code: "bad_jwt" } });
      expect(list.body).not.toHaveProperty("users");
      const update = await call("PUT", `/admin/users/${victim.id}`, headers, { password: "taken over by a stranger" });
      expect(update, name).toMatchObject({ status: 403, body: { code: "bad_jwt" } });
    }
    expect(await hashOf(victim.id)).toBe(before);
    // The account still signs in with its own password, and not with the stranger's.
    const anon = createClient(server.url, TEST_ANON_KEY, { auth: { persistSession: false, autoRefreshToken: false } });
    expect((await anon.auth.signInWithPassword({ email: victim.email, password: "password" })).error).toBeNull();
    expect((await anon.auth.signInWithPassword({ email: victim.email, password: "taken over by a stranger" })).error?.code).toBe("invalid_credentials");
  });
});

describe("admin routes accept Supabase Auth's admin roles, signed with the project's secret", () => {
  it("the derived service_role key lists users and sets a password", async () => {
    const user = await createUser(db.admin);
    const admin = createClient(server.url, TEST_SERVICE_ROLE_KEY, { auth: { persistSession: false, autoRefreshToken: false } }).auth.admin;
    const { data, error } = await admin.listUsers({ perPage: 1000 });
    expect(error).toBeNull();
    expect(data.users.map((u) => u.id)).toContain(user.id);
    expect((await admin.updateUserById(user.id, { password: "set by the service role" })).error).toBeNull();
    const anon = createClient(server.url, TEST_ANON_KEY, { auth: { persistSession: false, autoRefreshToken: false } });
    expect((await anon.auth.signInWithPassword({ email: user.email, password: "set by the service role" })).error).toBeNull();
  });

  it("a supabase_admin token signed with the project's secret works too", async () => {
    const user = await createUser(db.admin);
    const token = await hs256({ iss: "supabase", role: "supabase_admin", ...farAhead() }, TEST_JWT_SECRET);
    const headers = { apikey: TEST_ANON_KEY, authorization: `Bearer ${token}` };
    const list = await call("GET", "/admin/users?per_page=1000", headers);
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { id: string }) => u.id)).toContain(user.id);
    const before = await hashOf(user.id);
    expect((await call("PUT", `/admin/users/${user.id}`, headers, { password: "set by supabase_admin" })).status).toBe(200);
    expect(await hashOf(user.id)).not.toBe(before);
  });

  it("other roles signed with the project's secret are refused: 403 not_admin", async () => {
    const user = await createUser(db.admin);
    const before = await hashOf(user.id);
    const tokens = [
      TEST_ANON_KEY,
      await hs256({ role: "authenticated", ...farAhead() }, TEST_JWT_SECRET),
      await hs256({ role: "postgres", ...farAhead() }, TEST_JWT_SECRET),
      await hs256({ ...farAhead() }, TEST_JWT_SECRET),
    ];
    for (const token of tokens) {
      for (const apikey of [TEST_ANON_KEY, TEST_SERVICE_ROLE_KEY]) {
        const headers = { apikey, authorization: `Bearer ${token}` };
        expect(await call("GET", "/admin/users", headers)).toMatchObject({ status: 403, body: { code: "not_admin" } });
        expect(await call("PUT", `/admin/users/${user.id}`, headers, { password: "not yours to set" })).toMatchObject({
          status: 403,
          body: { code: "not_admin" },
        });
      }
    }
    expect(await hashOf(user.id)).toBe(before);
  });

  it("a supabase_admin token is not a project API key: the gateway check refuses it as apikey (401)", async () => {
    const token = await hs256({ iss: "supabase", role: "supabase_admin", ...farAhead() }, TEST_JWT_SECRET);
    expect(await call("GET", "/admin/users", { apikey: token, authorization: `Bearer ${token}` })).toMatchObject({ status: 401 });
  });
});

describe("the secret file (one per data folder)", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is created once with mode 0600 and a random secret of at least 32 bytes; a restart reuses it (same keys)", async () => {
    const file = path.join(dir, "one", "nested", "auth-jwt-secret.json");
    const first = loadProjectKeys(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.jwtSecret, "base64url").length).toBeGreaterThanOrEqual(32);
    expect(first.jwtSecret).not.toBe(DEMO_SECRET);
    const stored = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(stored).toEqual({ jwt_secret: first.jwtSecret, anon_key: first.anonKey, service_role_key: first.serviceRoleKey });
    const mtime = fs.statSync(file).mtimeMs;
    expect(loadProjectKeys(file)).toEqual(first);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);

    // A stand-in started on the file, stopped, and started again accepts the same stored keys.
    for (let run = 0; run < 2; run++) {
      const s = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: loadProjectKeys(file).jwtSecret });
      try {
        expect((await fetch(`${s.url}/auth/v1/health`, { headers: { apikey: first.anonKey } })).status).toBe(200);
        const list = await fetch(`${s.url}/auth/v1/admin/users`, { headers: { apikey: first.serviceRoleKey, authorization: `Bearer ${first.serviceRoleKey}` } });
        expect(list.status).toBe(200);
        // This test file's keys are another project's.
        expect((await fetch(`${s.url}/auth/v1/health`, { headers: { apikey: TEST_ANON_KEY } })).status).toBe(401);
      } finally {
        await s.close();
      }
    }
  });

  it("differs between two data folders, and each folder's keys are refused by the other's stand-in", async () => {
    const a = loadProjectKeys(path.join(dir, "a", "auth-jwt-secret.json"));
    const b = loadProjectKeys(path.join(dir, "b", "auth-jwt-secret.json"));
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.serviceRoleKey).not.toBe(b.serviceRoleKey);
    const onB = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: b.jwtSecret });
    try {
      const res = await fetch(`${onB.url}/auth/v1/admin/users`, { headers: { apikey: a.serviceRoleKey, authorization: `Bearer ${a.serviceRoleKey}` } });
      expect(res.status).toBe(401);
    } finally {
      await onB.close();
    }
  });

  it("processes creating it at once all end with the one secret written", async () => {
    const file = path.join(dir, "race", "auth-jwt-secret.json");
    const keysModule = path.join(ROOT, "supabase/local/auth-server/keys.ts");
    const script = `import { loadProjectKeys } from ${JSON.stringify(keysModule)}; console.log(loadProjectKeys(process.env.SECRET_FILE).jwtSecret);`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
          env: { ...process.env, SECRET_FILE: file },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (c) => (out += c));
        child.stderr.on("data", (c) => (out += c));
        child.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${out}`))));
      });
    const secrets = await Promise.all(Array.from({ length: 6 }, run));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toBe(JSON.parse(fs.readFileSync(file, "utf8")).jwt_secret);
    // Written under a temporary name and linked into place: nothing else is left behind.
    expect(fs.readdirSync(path.dirname(file))).toEqual(["auth-jwt-secret.json"]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a file it cannot trust: not JSON, a short secret, keys not signed with the secret", async () => {
    const write = (name: string, text: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text, { mode: 0o600 });
      return f;
    };
    expect(() => loadProjectKeys(write("garbage.json", "{"))).toThrow(/not valid JSON/);
    const good = loadProjectKeys();
    expect(() => loadProjectKeys(write("short.json", JSON.stringify({ jwt_secret: "short", anon_key: good.anonKey, service_role_key: good.serviceRoleKey })))).toThrow(
      /at least 32 characters/,
    );
    const other = loadProjectKeys();
    expect(() =>
      loadProjectKeys(write("mixed.json", JSON.stringify({ jwt_secret: good.jwtSecret, anon_key: good.anonKey, service_role_key: other.serviceRoleKey }))),
    ).toThrow(/not keys signed with its jwt_secret/);
    await expect(startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: "too short" })).rejects.toThrow(/at least 32/);
  });
});

describe("no published key is left to fall back on", () => {
  it("the app's settings have no local default key: without the keys in its environment, using one fails naming the command", async () => {
    vi.resetModules();
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", "");
    vi.stubEnv("NEXT_PUBLIC_SUPABASE_ANON_KEY", "");
    vi.stubEnv("SUPABASE_SERVICE_ROLE_KEY", "");
    try {
      const { env } = await import("@/lib/env");
      expect(() => env.supabaseAnonKey).toThrow(/npm run dev/);
      expect(() => env.serviceRoleKey).toThrow(/npm run dev/);

      vi.resetModules();
      vi.stubEnv("NEXT_PUBLIC_SUPABASE_ANON_KEY", TEST_ANON_KEY);
      vi.stubEnv("SUPABASE_SERVICE_ROLE_KEY", TEST_SERVICE_ROLE_KEY);
      const { env: given } = await import("@/lib/env");
      expect(given.supabaseAnonKey).toBe(TEST_ANON_KEY);
      expect(given.serviceRoleKey).toBe(TEST_SERVICE_ROLE_KEY);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it("no source file holds the CLI's demo secret or the keys signed with it", async () => {
    // The published keys, made again from the published secret (HS256 is deterministic).
    const published = await Promise.all(
      ["anon", "service_role"].map((role) => hs256({ iss: "supabase-demo", role, exp: 1983812996 }, DEMO_SECRET)),
    );
    const signatures = published.map((k) => k.split(".")[2]);
    const self = path.relative(ROOT, import.meta.filename);
    const skip = /(^|\/)(node_modules|\.next|\.data|\.git|test-results|playwright-report)$/;
    const offenders: string[] = [];
    const walk = (rel: string) => {
      for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
        const p = rel ? `${rel}/${e.name}` : e.name;
        if (skip.test(p) || p === self) continue;
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx|js|mjs|cjs|json|md|sql|toml|example)$|^\.env/.test(e.name)) {
          const text = fs.readFileSync(path.join(ROOT, p), "utf8");
          if (text.includes(DEMO_SECRET) || signatures.some((s) => text.includes(s))) offenders.push(p);
        }
      }
    };
    walk("");
    expect(offenders).toEqual([]);
  });
});
