/**
 * The errors the local Auth API produces, as the real supabase-js client surfaces them
 * (`error.status`, `error.code`), plus the transport rules: API key, API version header, CORS.
 */
import { createClient, isAuthSessionMissingError } from "@supabase/supabase-js";
import { decodeJwt, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInLimits } from "../../supabase/local/auth-server/rate-limit";
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

function client(url = server.url, headers: Record<string, string> = {}) {
  return createClient(url, TEST_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers },
  });
}

let counter = 0;
const newEmail = () => `err${++counter}.${Date.now()}@example.test`;

async function signedUp(url = server.url) {
  const email = newEmail();
  const { data, error } = await client(url).auth.signUp({ email, password: PASSWORD });
  expect(error).toBeNull();
  return { email, session: data.session!, user: data.user! };
}

/** A raw request to the API, to check statuses, bodies and headers the client hides. */
async function api(path: string, init: RequestInit & { key?: string | null; bearer?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set("apikey", init.key ?? TEST_ANON_KEY);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  const res = await fetch(`${server.url}/auth/v1${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe("sign-in errors", () => {
  it("wrong password: 400 invalid_credentials", async () => {
    const { email } = await signedUp();
    const { data, error } = await client().auth.signInWithPassword({ email, password: "not the password" });
    expect(data.session).toBeNull();
    expect(error).toMatchObject({ name: "AuthApiError", status: 400, code: "invalid_credentials", message: "Invalid login credentials" });
  });

  it("unknown email: the same answer", async () => {
    const { error } = await client().auth.signInWithPassword({ email: newEmail(), password: PASSWORD });
    expect(error).toMatchObject({ status: 400, code: "invalid_credentials", message: "Invalid login credentials" });
  });

  it("missing email: 400 validation_failed", async () => {
    const res = await api("/token?grant_type=password", { method: "POST", body: JSON.stringify({ password: "x" }) });
    expect(res).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });

  it("an unsupported grant type: 400 validation_failed", async () => {
    const res = await api("/token?grant_type=magic", { method: "POST", body: "{}" });
    expect(res).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });
});

describe("sign-up errors", () => {
  it("weak password: 422 weak_password with reasons ['length'] (min 6, max 72)", async () => {
    for (const password of ["12345", "x".repeat(73), "é".repeat(37) /* 74 bytes */]) {
      const { data, error } = await client().auth.signUp({ email: newEmail(), password });
      expect(data.session).toBeNull();
      expect(error).toMatchObject({ name: "AuthWeakPasswordError", status: 422, code: "weak_password", reasons: ["length"] });
    }
    for (const password of ["123456", "x".repeat(72)]) {
      expect((await client().auth.signUp({ email: newEmail(), password })).error).toBeNull();
    }
  });

  it("duplicate email (in any case): 422 user_already_exists", async () => {
    const { email } = await signedUp();
    const { error } = await client().auth.signUp({ email: email.toUpperCase(), password: PASSWORD });
    expect(error).toMatchObject({ status: 422, code: "user_already_exists" });
  });

  it("invalid email: 400 validation_failed", async () => {
    const { error } = await client().auth.signUp({ email: "not-an-email", password: PASSWORD });
    expect(error).toMatchObject({ status: 400, code: "validation_failed" });
  });

  it("a non-object body: 400 bad_json, never a 5xx", async () => {
    for (const body of ["{nope", "[1,2]", '"text"']) {
      const res = await api("/signup", { method: "POST", body });
      expect(res).toMatchObject({ status: 400, body: { code: "bad_json" } });
    }
    const res = await api("/signup", { method: "POST", body: JSON.stringify({ email: newEmail(), password: PASSWORD, data: [1] }) });
    expect(res).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });
});

describe("access token errors on /user", () => {
  it("no bearer: 401 no_authorization", async () => {
    const res = await api("/user");
    expect(res).toMatchObject({ status: 401, body: { code: "no_authorization" } });
  });

  it("expired token: 403 bad_jwt (and getClaims fails locally with invalid_jwt)", async () => {
    const quick = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET, jwtExpirySeconds: 1 });
    try {
      const { session } = await signedUp(quick.url);
      expect(session.expires_in).toBe(1);
      await new Promise((r) => setTimeout(r, 2100));
      const { error } = await client(quick.url).auth.getUser(session.access_token);
      expect(error).toMatchObject({ status: 403, code: "bad_jwt" });
      expect((await client(quick.url).auth.getClaims(session.access_token)).error?.code).toBe("invalid_jwt");
    } finally {
      await quick.close();
    }
  });

  it("forged token: 403 bad_jwt", async () => {
    const { session } = await signedUp();
    const [h, p, s] = session.access_token.split(".");
    const claims = decodeJwt(session.access_token);
    const otherUser = Buffer.from(JSON.stringify({ ...claims, sub: crypto.randomUUID() })).toString("base64url");
    for (const token of [`${h}.${otherUser}.${s}`, `${h}.${p}.${s.slice(0, -4)}AAAA`, "not.a.jwt", "garbage"]) {
      expect((await client().auth.getUser(token)).error).toMatchObject({ status: 403, code: "bad_jwt" });
    }
    // HS256, even with the project's own secret, is not how this server signs user tokens.
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await client().auth.getUser(hs)).error).toMatchObject({ status: 403, code: "bad_jwt" });
  });

  it("an API key instead of a user token: 403 bad_jwt", async () => {
    for (const key of [TEST_ANON_KEY, TEST_SERVICE_ROLE_KEY]) {
      expect((await client().auth.getUser(key)).error).toMatchObject({ status: 403, code: "bad_jwt" });
    }
  });

  it("a signed-out session's token: 403 session_not_found (the client's AuthSessionMissingError)", async () => {
    const { session } = await signedUp();
    const c = client();
    await c.auth.setSession(session);
    expect((await c.auth.signOut()).error).toBeNull();
    const { error } = await client().auth.getUser(session.access_token);
    expect(isAuthSessionMissingError(error)).toBe(true);
    const res = await api("/user", { bearer: session.access_token });
    expect(res).toMatchObject({ status: 403, body: { code: "session_not_found" } });
  });

  it("a deleted user's token: 403 user_not_found", async () => {
    const { session, user } = await signedUp();
    await db.admin`delete from auth.users where id = ${user.id}`;
    expect((await client().auth.getUser(session.access_token)).error).toMatchObject({ status: 403, code: "user_not_found" });
  });
});

describe("rate limiting of sign-ins and sign-ups (per IP, per account and IP; never per account alone)", () => {
  let limited: AuthServer;
  let unconfigured: AuthServer;
  beforeAll(async () => {
    limited = await startAuthServer({
      databaseUrl: db.adminUrl,
      port: 0,
      jwtSecret: TEST_JWT_SECRET,
      signInRateLimit: { perIp: 8, freePerAccountAndIp: 3, windowSeconds: 60 },
      signUpRateLimit: { perIp: 3, windowSeconds: 60 },
      clientIpHeader: "x-forwarded-for",
    });
    // No client-IP header configured: X-Forwarded-For is the caller's word and is ignored.
    unconfigured = await startAuthServer({
      databaseUrl: db.adminUrl,
      port: 0,
      jwtSecret: TEST_JWT_SECRET,
      signInRateLimit: { perIp: 4, windowSeconds: 60 },
    });
  });
  afterAll(async () => {
    await limited?.close();
    await unconfigured?.close();
  });

  const from = (ip: string, url = limited.url) => client(url, { "X-Forwarded-For": ip });
  const attempt = (ip: string, email: string, password: string, url = limited.url) =>
    from(ip, url).auth.signInWithPassword({ email, password });
  let signUpIp = 0;
  /** An account made from an address of its own, so that sign-ups per IP never get in the way. */
  async function account(url = limited.url) {
    const email = newEmail();
    const { error } = await from(`10.200.${Math.floor(++signUpIp / 250)}.${signUpIp % 250}`, url).auth.signUp({ email, password: PASSWORD });
    expect(error).toBeNull();
    return email;
  }

  it("a stranger failing an account's password from one address does not lock the owner out of another", async () => {
    const email = await account();
    for (let i = 0; i < 3; i++) {
      expect((await attempt("10.1.0.1", email, "wrong")).error?.code).toBe("invalid_credentials");
    }
    // The stranger's address now waits, even with the right password...
    for (let i = 0; i < 5; i++) {
      expect((await attempt("10.1.0.1", email, PASSWORD)).error).toMatchObject({ status: 429, code: "over_request_rate_limit" });
    }
    // ...and the owner, elsewhere, signs in.
    expect((await attempt("10.1.0.2", email, PASSWORD)).error).toBeNull();
  });

  it("a success from an address ends that address's backoff for the account", async () => {
    const email = await account();
    await attempt("10.2.0.1", email, "wrong");
    await attempt("10.2.0.1", email, "wrong");
    expect((await attempt("10.2.0.1", email, PASSWORD)).error).toBeNull();
    for (let i = 0; i < 3; i++) {
      expect((await attempt("10.2.0.1", email, "wrong")).error?.code).toBe("invalid_credentials");
    }
    expect((await attempt("10.2.0.1", email, "wrong")).error?.code).toBe("over_request_rate_limit");
  });

  it("blocks an address after its failures across accounts; other addresses go on", async () => {
    const ip = "10.3.0.1";
    for (let i = 0; i < 8; i++) {
      expect((await attempt(ip, newEmail(), "wrong")).error?.code).toBe("invalid_credentials");
    }
    const email = await account();
    expect((await attempt(ip, email, PASSWORD)).error?.code).toBe("over_request_rate_limit");
    expect((await attempt("10.3.0.2", email, PASSWORD)).error).toBeNull();
  });

  it("counts parallel guesses too", async () => {
    const email = await account();
    const results = await Promise.all(Array.from({ length: 6 }, () => attempt("10.4.0.1", email, "wrong")));
    const codes = results.map((r) => r.error?.code).sort();
    expect(codes.filter((c) => c === "invalid_credentials")).toHaveLength(3);
    expect(codes.filter((c) => c === "over_request_rate_limit")).toHaveLength(3);
  });

  it("limits sign-ups per address", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await from("10.5.0.1").auth.signUp({ email: newEmail(), password: PASSWORD })).error).toBeNull();
    }
    const { error } = await from("10.5.0.1").auth.signUp({ email: newEmail(), password: PASSWORD });
    expect(error).toMatchObject({ status: 429, code: "over_request_rate_limit" });
    expect((await from("10.5.0.2").auth.signUp({ email: newEmail(), password: PASSWORD })).error).toBeNull();
  });

  it("without a configured client-IP header, a rotated X-Forwarded-For changes nothing", async () => {
    for (let i = 0; i < 4; i++) {
      expect((await attempt(`10.6.0.${i}`, newEmail(), "wrong", unconfigured.url)).error?.code).toBe("invalid_credentials");
    }
    expect((await attempt("10.6.1.1", newEmail(), "wrong", unconfigured.url)).error?.code).toBe("over_request_rate_limit");
  });

  it("a configured header that is not an address counts against the connection's address", async () => {
    const email = await account();
    for (let i = 0; i < 3; i++) {
      expect((await attempt(`not-an-ip-${i}`, email, "wrong")).error?.code).toBe("invalid_credentials");
    }
    expect((await attempt("still-not-an-ip", email, PASSWORD)).error?.code).toBe("over_request_rate_limit");
    expect((await attempt("10.7.0.1", email, PASSWORD)).error).toBeNull();
  });
});

describe("SignInLimits backoff", () => {
  it("waits 2^failures seconds after the free failures, capped, per account and address", () => {
    const limits = new SignInLimits({ freePerAccountAndIp: 3, perIp: 1000, maxBackoffSeconds: 60 });
    try {
      let now = 1_000_000;
      for (let i = 0; i < 3; i++) expect(limits.tryAttempt("a@x.test", "10.8.0.1", now)).toBe(0);
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const wait = limits.tryAttempt("a@x.test", "10.8.0.1", now);
        waits.push(wait);
        expect(limits.tryAttempt("a@x.test", "10.8.0.1", now + wait * 1000 - 1)).toBeGreaterThan(0);
        now += wait * 1000;
        expect(limits.tryAttempt("a@x.test", "10.8.0.1", now)).toBe(0);
      }
      expect(waits).toEqual([8, 16, 32, 60, 60]);
      // Another address, and another account from the same address, never waited.
      expect(limits.tryAttempt("a@x.test", "10.8.0.2", now)).toBe(0);
      expect(limits.tryAttempt("b@x.test", "10.8.0.1", now)).toBe(0);
    } finally {
      limits.close();
    }
  });
});

describe("transport", () => {
  it("every response, errors included, carries X-Supabase-Api-Version: 2024-01-01", async () => {
    const responses = await Promise.all([
      api("/health"),
      api("/settings"),
      api("/.well-known/jwks.json"),
      api("/user"),
      api("/token?grant_type=password", { method: "POST", body: JSON.stringify({ email: newEmail(), password: "x" }) }),
      api("/admin/users"),
      api("/nope"),
      api("/health", { key: null }),
    ]);
    for (const res of responses) expect(res.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    const errors = responses.filter((r) => r.status >= 400);
    expect(errors.length).toBeGreaterThanOrEqual(4);
    for (const res of errors) {
      expect(res.status).toBeLessThan(500);
      expect(res.body).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
  });

  it("a request without a valid API key: 401 no_authorization", async () => {
    expect(await api("/settings", { key: null })).toMatchObject({ status: 401, body: { code: "no_authorization" } });
    expect(await api("/settings", { key: "nonsense" })).toMatchObject({ status: 401, body: { code: "no_authorization" } });
    const forgedKey = await new SignJWT({ role: "service_role" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("another secret that is long enough!!"));
    expect(await api("/settings", { key: forgedKey })).toMatchObject({ status: 401, body: { code: "no_authorization" } });
    const { error } = await createClient(server.url, "nonsense", { auth: { persistSession: false } }).auth.signInWithPassword({
      email: newEmail(),
      password: PASSWORD,
    });
    expect(error).toMatchObject({ status: 401, code: "no_authorization" });
  });

  it("health and settings answer as GoTrue does", async () => {
    expect(await api("/health")).toMatchObject({ status: 200, body: { name: "GoTrue" } });
    expect(await api("/settings")).toMatchObject({
      status: 200,
      body: { external: { email: true, phone: false }, disable_signup: false, mailer_autoconfirm: true },
    });
  });

  it("answers CORS preflights and exposes the pagination and version headers", async () => {
    const res = await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "apikey, authorization, content-type, x-client-info, x-supabase-api-version",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const methods = res.headers.get("access-control-allow-methods")!;
    for (const m of ["GET", "POST", "PUT", "DELETE"]) expect(methods).toContain(m);
    const allowed = res.headers.get("access-control-allow-headers")!.toLowerCase();
    for (const h of ["apikey", "authorization", "content-type", "x-client-info", "x-supabase-api-version"]) {
      expect(allowed).toContain(h);
    }
    const health = await fetch(`${server.url}/auth/v1/health`, { headers: { apikey: TEST_ANON_KEY, origin: "http://localhost:3000" } });
    expect(health.headers.get("access-control-allow-origin")).toBe("*");
    expect(health.headers.get("access-control-expose-headers")).toBe("X-Total-Count, Link, X-Supabase-Api-Version");
  });

  it("unknown routes and methods: JSON 404 and 405", async () => {
    expect(await api("/nope")).toMatchObject({ status: 404, body: { code: "not_found" } });
    expect(await api("/user", { method: "DELETE" })).toMatchObject({ status: 405 });
  });
});
