/**
 * The local Auth API driven by the real supabase-js / @supabase/ssr clients: sign-up, sign-in,
 * getUser, getClaims, refresh (rotation, reuse grace, concurrency), sign-out, updateUser.
 */
import { createServerClient } from "@supabase/ssr";
import { createClient, isAuthSessionMissingError } from "@supabase/supabase-js";
import { decodeJwt, decodeProtectedHeader, SignJWT, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthServer, type AuthServer } from "../../supabase/local/auth-server/server";
import { TEST_ANON_KEY, TEST_JWT_SECRET } from "../helpers/auth-keys";
import { EXPIRY_MARGIN_MS } from "@supabase/auth-js/dist/module/lib/constants";
import { authCookieOptions } from "@/lib/supabase/cookie-policy";
import { REFRESH_MARGIN_MS, sessionCookieName, sessionExpiresAt, sessionNeedsNoRefresh } from "@/lib/supabase/session-expiry";
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

type Fetch = typeof fetch;
function client(opts: { url?: string; fetch?: Fetch; flowType?: "pkce" | "implicit" } = {}) {
  return createClient(opts.url ?? server.url, TEST_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType: opts.flowType },
    global: opts.fetch ? { fetch: opts.fetch } : undefined,
  });
}

let counter = 0;
const newEmail = () => `user${++counter}.${Date.now()}@example.test`;

async function signUp(email = newEmail(), data: Record<string, unknown> = {}) {
  const { data: res, error } = await client().auth.signUp({ email, password: PASSWORD, options: { data } });
  expect(error).toBeNull();
  return { email, user: res.user!, session: res.session! };
}

async function signIn(email: string, password = PASSWORD) {
  const c = client();
  const { data, error } = await c.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  return { client: c, session: data.session! };
}

/** GET /user with a raw fetch, to see the status and code the client turns into errors. */
async function rawGetUser(accessToken: string, url = server.url) {
  const res = await fetch(`${url}/auth/v1/user`, {
    headers: { apikey: TEST_ANON_KEY, authorization: `Bearer ${accessToken}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function refresh(refreshToken: string) {
  return client().auth.refreshSession({ refresh_token: refreshToken });
}

describe("sign-up", () => {
  it("creates a confirmed user and returns a session, in GoTrue's shapes", async () => {
    const { data, error } = await client().auth.signUp({
      email: "New.Person@Example.TEST",
      password: PASSWORD,
      options: { data: { full_name: "New Person" } },
    });
    expect(error).toBeNull();
    const { user, session } = data;
    expect(session).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(session!.access_token).toEqual(expect.any(String));
    expect(session!.refresh_token).toEqual(expect.any(String));
    expect(session!.expires_at).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3590);
    expect(user).toMatchObject({
      aud: "authenticated",
      role: "authenticated",
      email: "new.person@example.test",
      phone: "",
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { full_name: "New Person" },
      is_anonymous: false,
    });
    for (const key of ["email_confirmed_at", "confirmed_at", "last_sign_in_at", "created_at", "updated_at"]) {
      expect(new Date((user as unknown as Record<string, string>)[key]).getTime()).not.toBeNaN();
    }
    expect(user).not.toHaveProperty("banned_until");
    expect(user).not.toHaveProperty("phone_confirmed_at");
    expect(user!.identities).toEqual([
      expect.objectContaining({
        id: user!.id,
        user_id: user!.id,
        provider: "email",
        email: "new.person@example.test",
        identity_data: expect.objectContaining({ sub: user!.id, email: "new.person@example.test", email_verified: true }),
      }),
    ]);
  });

  it("ignores the PKCE fields @supabase/ssr sends and still signs the user in", async () => {
    const { data, error } = await client({ flowType: "pkce" }).auth.signUp({ email: newEmail(), password: PASSWORD });
    expect(error).toBeNull();
    expect(data.session?.access_token).toEqual(expect.any(String));
  });
});

describe("sign-in and the signed-in user", () => {
  it("signInWithPassword returns a session and updates last_sign_in_at", async () => {
    const { email, user } = await signUp();
    await db.admin`update auth.users set last_sign_in_at = now() - interval '1 day' where id = ${user.id}`;
    const { session } = await signIn(email.toUpperCase());
    expect(session.user.id).toBe(user.id);
    const [row] = await db.admin`select last_sign_in_at > now() - interval '1 minute' as recent from auth.users where id = ${user.id}`;
    expect(row.recent).toBe(true);
  });

  it("getUser returns the user of the access token", async () => {
    const { email, user } = await signUp(newEmail(), { nickname: "n" });
    const { client: c } = await signIn(email);
    const { data, error } = await c.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: user.id, email, user_metadata: { nickname: "n" } });
  });

  it("getClaims verifies the ES256 token with the JWKS, without asking /user", async () => {
    const { email, user } = await signUp();
    const calls: string[] = [];
    const counting: Fetch = (input, init) => {
      calls.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
      return fetch(input, init);
    };
    const c = client({ fetch: counting });
    const { data: signedIn } = await c.auth.signInWithPassword({ email, password: PASSWORD });
    const token = signedIn.session!.access_token;

    const first = await c.auth.getClaims();
    const second = await c.auth.getClaims(token);
    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    expect(calls.filter((p) => p.endsWith("/.well-known/jwks.json"))).toHaveLength(1);
    expect(calls.filter((p) => p.endsWith("/user"))).toHaveLength(0);

    const { header, claims } = first.data!;
    const jwks = await (await fetch(`${server.url}/auth/v1/.well-known/jwks.json`)).json();
    expect(header).toMatchObject({ alg: "ES256", kid: jwks.keys[0].kid });
    expect(Object.keys(claims).sort()).toEqual(
      ["aal", "amr", "app_metadata", "aud", "email", "exp", "iat", "is_anonymous", "iss", "phone", "role", "session_id", "sub", "user_metadata"].sort(),
    );
    const [session] = await db.admin`
      select id, created_at from auth.sessions where user_id = ${user.id} and id = ${claims.session_id as string}`;
    expect(session).toBeDefined();
    expect(claims).toMatchObject({
      iss: `${server.url}/auth/v1`,
      sub: user.id,
      aud: "authenticated",
      email,
      phone: "",
      role: "authenticated",
      aal: "aal1",
      session_id: session.id,
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: {},
    });
    expect(claims.exp - claims.iat!).toBe(3600);
    expect(claims.amr).toEqual([{ method: "password", timestamp: Math.floor(session.created_at.getTime() / 1000) }]);
  });

  it("publishes the verification key as Supabase does", async () => {
    const res = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=600");
    const { keys } = await res.json();
    expect(keys).toEqual([
      { kty: "EC", crv: "P-256", x: expect.any(String), y: expect.any(String), kid: expect.any(String), alg: "ES256", use: "sig", key_ops: ["verify"] },
    ]);
  });

  it("getClaims refuses a forged token", async () => {
    const { email } = await signUp();
    const { session } = await signIn(email);
    const [h, , s] = session.access_token.split(".");
    const claims = decodeJwt(session.access_token);
    const tampered = Buffer.from(JSON.stringify({ ...claims, user_metadata: { admin: true } })).toString("base64url");

    // Same kid, altered payload: the signature no longer matches.
    const forged = await client().auth.getClaims(`${h}.${tampered}.${s}`);
    expect(forged.data).toBeNull();
    expect(forged.error?.code).toBe("invalid_jwt");

    // Signed with another key under our kid.
    const { privateKey } = await generateKeyPair("ES256");
    const kid = decodeProtectedHeader(session.access_token).kid!;
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid }).sign(privateKey);
    expect((await client().auth.getClaims(otherKey)).error?.code).toBe("invalid_jwt");

    // An unknown kid makes auth-js ask the server, which refuses it.
    const unknownKid = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "not-ours" }).sign(privateKey);
    const viaServer = await client().auth.getClaims(unknownKid);
    expect(viaServer.error).toMatchObject({ status: 403, code: "bad_jwt" });
  });
});

describe("refresh tokens", () => {
  it("rotates: a new refresh token, a fresh access token, the old one revoked as the parent", async () => {
    const { email, user } = await signUp();
    const { session } = await signIn(email);
    const { data, error } = await refresh(session.refresh_token);
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(session.refresh_token);
    expect(data.session!.user.id).toBe(user.id);
    expect(decodeJwt(data.session!.access_token).session_id).toBe(decodeJwt(session.access_token).session_id);

    const rows = await db.admin`
      select token, parent, revoked from auth.refresh_tokens where token in ${db.admin([session.refresh_token, data.session!.refresh_token])}
      order by id`;
    expect(rows).toEqual([
      { token: session.refresh_token, parent: null, revoked: true },
      { token: data.session!.refresh_token, parent: session.refresh_token, revoked: false },
    ]);
    const [s] = await db.admin`select refreshed_at from auth.sessions where id = ${decodeJwt(session.access_token).session_id as string}`;
    expect(s.refreshed_at).not.toBeNull();
  });

  it("answers the parent of the current token with the current token", async () => {
    const { email } = await signUp();
    const { session } = await signIn(email);
    const first = await refresh(session.refresh_token);
    const again = await refresh(session.refresh_token);
    expect(again.error).toBeNull();
    expect(again.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
  });

  it("accepts an older revoked token within the reuse interval (the grace case)", async () => {
    const { email } = await signUp();
    const { session } = await signIn(email);
    const t1 = (await refresh(session.refresh_token)).data.session!.refresh_token;
    const t2 = (await refresh(t1)).data.session!.refresh_token;
    const replay = await refresh(session.refresh_token); // revoked, not the parent of t2, but recent
    expect(replay.error).toBeNull();
    expect([session.refresh_token, t1, t2]).not.toContain(replay.data.session!.refresh_token);
  });

  it("refuses an old token after the reuse interval and ends the session", async () => {
    const strict = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET, refreshTokenReuseIntervalSeconds: 1 });
    try {
      const c = client({ url: strict.url });
      const { data } = await c.auth.signUp({ email: newEmail(), password: PASSWORD });
      const t0 = data.session!.refresh_token;
      const t1 = (await c.auth.refreshSession({ refresh_token: t0 })).data.session!;
      const t2 = (await c.auth.refreshSession({ refresh_token: t1.refresh_token })).data.session!;
      await new Promise((r) => setTimeout(r, 1500));

      const replay = await client({ url: strict.url }).auth.refreshSession({ refresh_token: t0 });
      expect(replay.error).toMatchObject({ status: 400, code: "refresh_token_already_used" });
      // The whole session is revoked: its current token and access token are dead too.
      const current = await client({ url: strict.url }).auth.refreshSession({ refresh_token: t2.refresh_token });
      expect(current.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
      expect((await rawGetUser(t2.access_token, strict.url)).body.code).toBe("session_not_found");
    } finally {
      await strict.close();
    }
  });

  it("lets five concurrent refreshes of one token all succeed with the same new token", async () => {
    const { email } = await signUp();
    const { session } = await signIn(email);
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(session.refresh_token)));
    for (const r of results) expect(r.error).toBeNull();
    const tokens = new Set(results.map((r) => r.data.session!.refresh_token));
    expect(tokens.size).toBe(1);
    const sessionId = decodeJwt(session.access_token).session_id as string;
    const rows = await db.admin`select token, revoked from auth.refresh_tokens where session_id = ${sessionId} order by id`;
    // One rotation, not five: the others were answered with its result.
    expect(rows).toEqual([
      { token: session.refresh_token, revoked: true },
      { token: [...tokens][0], revoked: false },
    ]);
    // And the session goes on.
    expect((await refresh([...tokens][0])).error).toBeNull();
  });

  it("answers a token without a session with 400 session_not_found", async () => {
    const { user } = await signUp();
    await db.admin`
      insert into auth.refresh_tokens (instance_id, token, user_id, revoked, session_id)
      values ('00000000-0000-0000-0000-000000000000', 'sessionless-token', ${user.id}, false, null)`;
    const res = await fetch(`${server.url}/auth/v1/token?grant_type=refresh_token`, {
      method: "POST",
      headers: { apikey: TEST_ANON_KEY, authorization: `Bearer ${TEST_ANON_KEY}` },
      body: JSON.stringify({ refresh_token: "sessionless-token" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("session_not_found");
    // auth-js turns that code into its AuthSessionMissingError.
    expect(isAuthSessionMissingError((await refresh("sessionless-token")).error)).toBe(true);
  });

  it("answers an unknown refresh token with refresh_token_not_found", async () => {
    const { error } = await refresh("no-such-token");
    expect(error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
  });
});

describe("sign-out", () => {
  async function twoSessions() {
    const { email } = await signUp();
    const a = await signIn(email);
    const b = await signIn(email);
    return { a, b };
  }

  it("local ends only this session; its token then gets session_not_found", async () => {
    const { a, b } = await twoSessions();
    expect((await a.client.auth.signOut({ scope: "local" })).error).toBeNull();

    const gone = await client().auth.getUser(a.session.access_token);
    expect(isAuthSessionMissingError(gone.error)).toBe(true);
    const raw = await rawGetUser(a.session.access_token);
    expect(raw).toMatchObject({ status: 403, body: { code: "session_not_found" } });
    expect((await refresh(a.session.refresh_token)).error?.code).toBe("refresh_token_not_found");

    expect((await client().auth.getUser(b.session.access_token)).error).toBeNull();
  });

  it("global (the default) ends every session of the user", async () => {
    const { a, b } = await twoSessions();
    expect((await a.client.auth.signOut()).error).toBeNull();
    expect((await a.client.auth.getSession()).data.session).toBeNull();
    for (const s of [a.session, b.session]) {
      expect(await rawGetUser(s.access_token)).toMatchObject({ status: 403, body: { code: "session_not_found" } });
    }
  });

  it("others ends every session but this one", async () => {
    const { a, b } = await twoSessions();
    expect((await a.client.auth.signOut({ scope: "others" })).error).toBeNull();
    expect((await rawGetUser(a.session.access_token)).status).toBe(200);
    expect((await rawGetUser(b.session.access_token)).body.code).toBe("session_not_found");
  });

  it("answers 204 without a body", async () => {
    const { email } = await signUp();
    const { session } = await signIn(email);
    const res = await fetch(`${server.url}/auth/v1/logout?scope=local`, {
      method: "POST",
      headers: { apikey: TEST_ANON_KEY, authorization: `Bearer ${session.access_token}` },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });
});

describe("updateUser", () => {
  it("shallow-merges data into user_metadata; null deletes a key", async () => {
    const { email } = await signUp(newEmail(), { a: 1, b: { nested: true } });
    const { client: c } = await signIn(email);
    const { data, error } = await c.auth.updateUser({ data: { b: null, c: "three" } });
    expect(error).toBeNull();
    expect(data.user!.user_metadata).toEqual({ a: 1, c: "three" });
    expect((await c.auth.getUser()).data.user!.user_metadata).toEqual({ a: 1, c: "three" });
  });

  it("refuses app_metadata with 403 not_admin", async () => {
    const { email, user } = await signUp();
    const { client: c } = await signIn(email);
    const { error } = await c.auth.updateUser({ app_metadata: { role: "ADMIN" } } as never);
    expect(error).toMatchObject({ status: 403, code: "not_admin" });
    const [row] = await db.admin`select raw_app_meta_data from auth.users where id = ${user.id}`;
    expect(row.raw_app_meta_data).toEqual({ provider: "email", providers: ["email"] });
  });

  it("changes the password, ending the user's other sessions", async () => {
    const { email } = await signUp();
    const other = await signIn(email);
    const { client: c, session } = await signIn(email);
    const { error } = await c.auth.updateUser({ password: "a brand new password" });
    expect(error).toBeNull();
    expect((await rawGetUser(session.access_token)).status).toBe(200);
    expect((await rawGetUser(other.session.access_token)).body.code).toBe("session_not_found");
    expect((await client().auth.signInWithPassword({ email, password: PASSWORD })).error?.code).toBe("invalid_credentials");
    await signIn(email, "a brand new password");
  });

  it("refuses the same password and a weak one", async () => {
    const { email } = await signUp();
    const { client: c } = await signIn(email);
    expect((await c.auth.updateUser({ password: PASSWORD })).error).toMatchObject({ status: 422, code: "same_password" });
    const weak = await c.auth.updateUser({ password: "abc" });
    expect(weak.error).toMatchObject({ status: 422, code: "weak_password", reasons: ["length"] });
  });

  it("keeps a new email pending until both addresses confirm (tests/auth/email-flows.test.ts), unless another user has it", async () => {
    const taken = await signUp();
    const { email } = await signUp();
    const { client: c } = await signIn(email);
    expect((await c.auth.updateUser({ email: taken.email })).error).toMatchObject({ status: 422, code: "email_exists" });
    const renamed = newEmail();
    const { data, error } = await c.auth.updateUser({ email: renamed.toUpperCase() });
    expect(error).toBeNull();
    expect(data.user!.email).toBe(email);
    expect(data.user!.new_email).toBe(renamed);
    expect(data.user!.identities![0].identity_data!.email).toBe(email);
    await signIn(email);
  });
});

describe("@supabase/ssr against the local API", () => {
  function cookieJar(initial: Map<string, string> = new Map()) {
    const jar = new Map(initial);
    return {
      jar,
      methods: {
        getAll: () => [...jar].map(([name, value]) => ({ name, value })),
        setAll: (cookies: { name: string; value: string; options: { maxAge?: number } }[]) => {
          for (const { name, value, options } of cookies) {
            if (options.maxAge === 0 || value === "") jar.delete(name);
            else jar.set(name, value);
          }
        },
      },
    };
  }
  const serverClient = (url: string, jar: ReturnType<typeof cookieJar>) =>
    createServerClient(url, TEST_ANON_KEY, { cookies: jar.methods, auth: { autoRefreshToken: false } });

  it("middleware's refresh check reads the expiry @supabase/ssr wrote (whole and chunked) and agrees with the client on when it refreshes", async () => {
    expect(REFRESH_MARGIN_MS).toBeGreaterThan(EXPIRY_MARGIN_MS); // middleware refreshes before auth-js would
    const longLived = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET, jwtExpirySeconds: 3600 });
    const shortLived = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET, jwtExpirySeconds: 60 });
    // The app's own cookie options (lib/supabase/cookie-policy.ts): a cookie name set there must reach the check.
    const appClient = (url: string, jar: ReturnType<typeof cookieJar>) =>
      createServerClient(url, TEST_ANON_KEY, { cookies: jar.methods, cookieOptions: authCookieOptions(false), auth: { autoRefreshToken: false } });
    try {
      const cookiesOf = (jar: Map<string, string>) => [...jar].map(([name, value]) => ({ name, value }));
      // A 6 KB name in user_metadata: the session cookie is split into chunks.
      for (const data of [{}, { full_name: "x".repeat(6000) }]) {
        const { email } = await signUp(newEmail(), data);
        for (const [server, far] of [[longLived, true], [shortLived, false]] as const) {
          const login = cookieJar();
          const { data: signedIn, error } = await appClient(server.url, login).auth.signInWithPassword({ email, password: PASSWORD });
          expect(error).toBeNull();
          expect([...login.jar.keys()].some((k) => /\.1$/.test(k))).toBe("full_name" in data);
          const expiresAt = signedIn.session!.expires_at!;
          expect(sessionExpiresAt(cookiesOf(login.jar), server.url)).toBe(expiresAt);
          expect(sessionNeedsNoRefresh(cookiesOf(login.jar), server.url)).toBe(far);
          // The boundary: skipped only with more than REFRESH_MARGIN_MS left; at 91 s left
          // (auth-js would not refresh yet) the client already gets the request.
          expect(sessionNeedsNoRefresh(cookiesOf(login.jar), server.url, expiresAt * 1000 - REFRESH_MARGIN_MS - 1000)).toBe(true);
          expect(sessionNeedsNoRefresh(cookiesOf(login.jar), server.url, expiresAt * 1000 - EXPIRY_MARGIN_MS - 1000)).toBe(false);
          // The client itself: far from expiry it writes nothing; near it, it refreshes.
          const request = cookieJar(login.jar);
          expect((await appClient(server.url, request).auth.getClaims()).error).toBeNull();
          expect([...request.jar].join() === [...login.jar].join()).toBe(far);
        }
      }
      const url = longLived.url;
      const name = sessionCookieName(url);
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const far = Math.floor(Date.now() / 1000) + 3600;
      const jwt = (header: object) => `${b64(header)}.${b64({ sub: "x" })}.sig`;
      const session = (header: object, extra: object = {}) => ({ access_token: jwt(header), refresh_token: "r", expires_at: far, ...extra });
      expect(sessionExpiresAt([], url)).toBeUndefined();
      expect(sessionNeedsNoRefresh([{ name: "other", value: "1" }], url)).toBe(true); // no session: nothing to refresh
      expect(sessionExpiresAt([{ name, value: `base64-${b64(session({ alg: "ES256", kid: "k" }))}` }], url)).toBe(far);
      expect(sessionExpiresAt([{ name, value: JSON.stringify(session({ alg: "ES256", kid: "k" })) }], url)).toBe(far);
      // Sessions the client might rewrite or remove: the client decides.
      for (const value of [
        "base64-!!!",
        "not json",
        `base64-${b64(session({ alg: "ES256", kid: "k" }, { expires_at: "soon" }))}`,
        `base64-${b64({ expires_at: far })}`, // no tokens: auth-js removes it
        `base64-${b64(session({ alg: "HS256", kid: "k" }))}`, // symmetric: getClaims asks the Auth API
        `base64-${b64(session({ alg: "ES256" }))}`, // no key id
      ]) {
        expect(sessionExpiresAt([{ name, value }], url)).toBeNull();
        expect(sessionNeedsNoRefresh([{ name, value }], url)).toBe(false);
      }
      // A session cookie under another name: not read as "no session".
      expect(sessionNeedsNoRefresh([{ name: "sb-elsewhere-auth-token", value: "x" }], url)).toBe(false);
      // Chunks count from .0 up to the first missing or empty one, as @supabase/ssr combines them.
      const whole = `base64-${b64(session({ alg: "ES256", kid: "k" }))}`;
      const [c0, c1] = [whole.slice(0, 40), whole.slice(40)];
      expect(sessionExpiresAt([{ name: `${name}.0`, value: c0 }, { name: `${name}.1`, value: c1 }], url)).toBe(far);
      expect(sessionExpiresAt([{ name: `${name}.0`, value: c0 }, { name: `${name}.1`, value: "" }, { name: `${name}.2`, value: c1 }], url)).toBeNull();
    } finally {
      await longLived.close();
      await shortLived.close();
    }
  });

  it("signs in into cookies, then verifies claims and refreshes from them", async () => {
    // 60 s tokens are inside auth-js's 90 s refresh margin: every server-side read refreshes.
    const shortLived = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET, jwtExpirySeconds: 60 });
    try {
      const { email, user } = await signUp();
      const login = cookieJar();
      const { error } = await serverClient(shortLived.url, login).auth.signInWithPassword({ email, password: PASSWORD });
      expect(error).toBeNull();
      expect([...login.jar.keys()].some((k) => k.startsWith("sb-127-auth-token"))).toBe(true);
      const before = [...login.jar.values()].join("");

      const request = cookieJar(login.jar);
      const { data, error: claimsError } = await serverClient(shortLived.url, request).auth.getClaims();
      expect(claimsError).toBeNull();
      expect(data!.claims.sub).toBe(user.id);
      expect([...request.jar.values()].join("")).not.toBe(before); // refreshed session written back

      const next = cookieJar(request.jar);
      const { data: u, error: userError } = await serverClient(shortLived.url, next).auth.getUser();
      expect(userError).toBeNull();
      expect(u.user!.id).toBe(user.id);
    } finally {
      await shortLived.close();
    }
  });
});
