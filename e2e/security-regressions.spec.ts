/**
 * Issue 16: the holes a hostile tester found, each tested as a class against the production
 * build. Actions and route handlers come from the build's manifests, so a new one is covered
 * without editing this file.
 *
 * - sign-out replay: a signed-out session's cookie, replayed, gets "session ended" from every
 *   server action and 401 from every route handler, and nothing is written;
 * - view-as: every action refuses, and every route handler refuses every writing method;
 * - forged tokens: a session cookie whose access token names another algorithm (with the real
 *   key id) means signed out, fast, never a 500 or a stack;
 * - hostile shapes: deeply nested action arguments and very long URLs get a fast 4xx;
 * - open redirect: signing in with a bypass `next` lands on this site.
 */
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { ROOT } from "../tooling/migrate";
import { sessionCookieName } from "../lib/supabase/session-expiry";
import { expect, test } from "./fixtures";
import { demo } from "./support/accounts";
import { diffFingerprints, fingerprint } from "./support/db-fingerprint";
import { LoginPage } from "./pages/login-page";
import { callAction, cookieHeader, discoverActions, type ServerAction } from "./support/server-actions";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { recordSuite } from "./support/suite-summary";

const SUITE = "security regressions";
const SESSION_ENDED = "Your session has ended. Sign in again.";
const VIEW_AS_READ_ONLY = /viewing the console as another user, read-only/;
const ZERO_ID = "00000000-0000-4000-8000-000000000000";
const FAST_MS = 2_000;

/**
 * Actions that work without a session by design. Named, not found by folder: a new action is
 * held to the session rule until someone decides here that it is public.
 */
const PUBLIC_ACTIONS = new Set(["signIn", "signUp", "signOut", "requestPasswordReset"]);
const isPublicAction = (a: ServerAction): boolean => PUBLIC_ACTIONS.has(a.name);
/** Route handlers that work without a session by design (an emailed link's landing). */
const PUBLIC_ROUTES = new Set(["/auth/confirm"]);

type RouteHandler = { file: string; url: string };

/** Every route handler of the build (`.next/server/app-paths-manifest.json`), dynamic segments filled. */
function discoverRoutes(): RouteHandler[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((k) => k.endsWith("/route") && !k.startsWith("/_") && !k.includes("/api/health"))
    .map((k) => {
      const segments = k
        .replace(/\/route$/, "")
        .split("/")
        .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
        .map((s) => (s.startsWith("[") ? ZERO_ID : s));
      return { file: k, url: `/${segments.join("/")}` };
    })
    // Icons and other metadata routes are static files, not handlers.
    .filter((r) => !/\.(svg|png|ico|txt|xml)$/.test(r.url));
}

async function signedInCookies(context: BrowserContext, account: { email: string; password: string }): Promise<string> {
  const page = await context.newPage();
  await new LoginPage(page).signIn(account);
  const cookie = cookieHeader(await context.cookies());
  await page.close();
  return cookie;
}

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

// Its own stack: the "nothing written" checks compare whole-database fingerprints, which other
// specs' sign-ins and writes on the shared stack would move.
test.describe.configure({ mode: "serial", timeout: 240_000 });

let stack: OwnStack;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startOwnStack({ label: "regressions" });
});

test.afterAll(async () => {
  await stack?.stop();
});

test("a signed-out session's cookie, replayed, changes nothing through any action or route handler", async ({ browser }) => {
  const db = stack.sql;
  const actions = discoverActions();
  const routes = discoverRoutes();
  expect(actions.length).toBeGreaterThan(10);
  expect(routes.length).toBeGreaterThan(3);

  // An admin session of its own (other specs keep theirs), then signed out through the app.
  const context = await browser.newContext({ baseURL: stack.appUrl });
  const replayed = await signedInCookies(context, demo.admin);
  const signOutAction = actions.find((a) => a.name === "signOut");
  expect(signOutAction, "the sign-out action").toBeTruthy();
  const out = await callAction(stack.appUrl, signOutAction!, [], { cookie: replayed });
  expect(out.status).toBeLessThan(400);
  await context.close();

  // The token itself is still valid (it has not expired): only the session is gone.
  const before = await fingerprint(db);
  const failures: string[] = [];
  let calls = 0;
  for (const action of actions.filter((a) => !isPublicAction(a))) {
    for (const arg of [{}, { id: ZERO_ID, userId: ZERO_ID, name: "replayed" }]) {
      const r = await callAction(stack.appUrl, action, [null, arg], { cookie: replayed });
      calls++;
      if (r.status !== 200 || r.result?.message !== SESSION_ENDED) {
        failures.push(`${action.name} (${action.file}) -> ${r.status} ${JSON.stringify(r.result ?? r.body.slice(0, 120))}`);
      }
    }
  }
  for (const route of routes) {
    for (const method of ["GET", ...WRITE_METHODS]) {
      const res = await fetch(new URL(route.url, stack.appUrl), {
        method,
        redirect: "manual",
        headers: { cookie: replayed, origin: stack.appUrl, "content-type": "text/csv" },
        body: method === "GET" ? undefined : "a,b\n1,2\n",
      });
      calls++;
      // A public route takes no session: without a valid link it sends the browser to sign in.
      const refused = PUBLIC_ROUTES.has(route.url)
        ? res.status === 405 || (res.status === 307 && (res.headers.get("location") ?? "").startsWith("/login"))
        : [401, 405].includes(res.status);
      if (!refused) failures.push(`${method} ${route.url} -> ${res.status} ${res.headers.get("location") ?? ""}`);
    }
  }
  expect(failures).toEqual([]);
  expect(diffFingerprints(before, await fingerprint(db))).toEqual([]);
  recordSuite(SUITE, { "replayed signed-out calls refused": calls, "actions covered": actions.length, "route handlers covered": routes.length });
});

test("while an admin views as a user, every action and every writing route handler refuses", async ({ browser }) => {
  const db = stack.sql;
  const context = await browser.newContext({ baseURL: stack.appUrl });
  const adminCookie = await signedInCookies(context, demo.admin);
  await context.close();
  const [admin] = await db<{ id: string }[]>`select id from public.profiles where email = ${demo.admin.email}`;
  const [alice] = await db<{ id: string }[]>`select id from public.profiles where email = ${demo.user.email}`;
  // What startViewAs sets; honoured only because the signed-in person is this admin.
  const cookie = `${adminCookie}; console_view_as=${admin.id}.${alice.id}`;

  const home = await fetch(new URL("/", stack.appUrl), { headers: { cookie } });
  expect(await home.text()).toContain("Viewing as");

  const before = await fingerprint(db);
  const failures: string[] = [];
  let calls = 0;
  for (const action of discoverActions().filter((a) => !isPublicAction(a) && a.name !== "stopViewAs" && a.name !== "signOut")) {
    const r = await callAction(stack.appUrl, action, [null, { id: ZERO_ID, userId: alice.id, name: "view-as write" }], { cookie });
    calls++;
    if (r.status !== 200 || typeof r.result?.message !== "string" || !VIEW_AS_READ_ONLY.test(r.result.message)) {
      failures.push(`${action.name} -> ${r.status} ${JSON.stringify(r.result ?? r.body.slice(0, 120))}`);
    }
  }
  for (const route of discoverRoutes()) {
    for (const method of WRITE_METHODS) {
      const res = await fetch(new URL(`${route.url}?offset=0`, stack.appUrl), {
        method,
        redirect: "manual",
        headers: { cookie, origin: stack.appUrl, "content-type": "text/csv" },
        body: "a,b\n1,2\n",
      });
      calls++;
      if (![403, 405].includes(res.status)) failures.push(`${method} ${route.url} -> ${res.status} ${(await res.text()).slice(0, 120)}`);
    }
  }
  expect(failures).toEqual([]);
  expect(diffFingerprints(before, await fingerprint(db))).toEqual([]);
  // No upload reached alice's folder.
  const aliceUploads = path.join((await import("node:os")).tmpdir(), "console-ingest", alice.id);
  expect(fs.existsSync(aliceUploads) ? fs.readdirSync(aliceUploads).filter((f) => f.startsWith(ZERO_ID)) : []).toEqual([]);
  recordSuite(SUITE, { "view-as writes refused": calls });
});

/** The session cookie with its access token's header and signature replaced. */
function forgedSessionCookie(cookies: { name: string; value: string }[], header: Record<string, unknown>, signature?: string): string {
  const name = sessionCookieName(stack.app.authUrl);
  const jar = new Map(cookies.map((c) => [c.name, c.value]));
  let raw = jar.get(name);
  if (!raw) {
    const chunks: string[] = [];
    for (let i = 0; jar.get(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
    raw = chunks.join("");
  }
  const session = JSON.parse(raw.startsWith("base64-") ? Buffer.from(raw.slice(7), "base64url").toString("utf8") : raw) as { access_token: string };
  const [h, payload, sig] = session.access_token.split(".");
  const realHeader = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as Record<string, unknown>;
  const forgedHeader = Buffer.from(JSON.stringify({ ...realHeader, ...header })).toString("base64url");
  session.access_token = `${forgedHeader}.${payload}.${signature ?? sig}`;
  return `${name}=base64-${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
}

test("a session cookie whose token names another algorithm means signed out: fast, no 500, no stack", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: stack.appUrl });
  await signedInCookies(context, demo.user);
  const cookies = await context.cookies();
  await context.close();

  const variants: [string, Record<string, unknown>, string | undefined][] = [
    ["RS256", { alg: "RS256" }, undefined],
    ["PS256", { alg: "PS256" }, undefined],
    ["ES384", { alg: "ES384" }, undefined],
    ["ES512", { alg: "ES512" }, undefined],
    ["EdDSA", { alg: "EdDSA" }, undefined],
    ["HS256", { alg: "HS256" }, undefined],
    ["none", { alg: "none" }, ""],
    ["no alg", { alg: undefined }, undefined],
    ["unknown kid", { kid: ZERO_ID }, undefined],
    ["garbage signature", {}, "AAAA"],
  ];
  const failures: string[] = [];
  let requests = 0;
  for (const [label, header, signature] of variants) {
    const cookie = forgedSessionCookie(cookies, header, signature);
    for (const url of ["/", "/chats", "/admin", "/usage/export"]) {
      const started = Date.now();
      const res = await fetch(new URL(url, stack.appUrl), { headers: { cookie }, redirect: "manual" });
      const body = await res.text();
      const ms = Date.now() - started;
      requests++;
      const signedOut = (res.status === 307 && (res.headers.get("location") ?? "").includes("/login")) || res.status === 401;
      if (!signedOut || ms > FAST_MS || /\bat .+\.(ts|js):\d+|RangeError|TypeError|DataError/.test(body)) {
        failures.push(`${label} ${url} -> ${res.status} in ${ms} ms ${body.slice(0, 120)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  recordSuite(SUITE, { "forged-algorithm token requests signed out": requests });
});

test("deeply nested action arguments and very long URLs get a fast 4xx", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: stack.appUrl });
  const cookie = await signedInCookies(context, demo.admin);
  await context.close();
  const [action] = discoverActions().filter((a) => !isPublicAction(a));
  const failures: string[] = [];
  let n = 0;

  for (const depth of [100, 4_000, 50_000]) {
    const nested = "[".repeat(depth) + "]".repeat(depth);
    for (const body of [`[null,${nested}]`, `[null,{"a":${"{\"a\":".repeat(depth)}1${"}".repeat(depth)}}]`]) {
      const started = Date.now();
      const r = await callAction(stack.appUrl, action, [], { cookie, rawBody: body });
      n++;
      if (r.status !== 400 || Date.now() - started > FAST_MS || /RangeError|Maximum call stack/.test(r.body)) failures.push(`depth ${depth} -> ${r.status} ${r.body.slice(0, 100)}`);
    }
  }
  // The same nesting inside a form field (multipart).
  const form = new FormData();
  form.set("1_value", "[".repeat(4_000) + "]".repeat(4_000));
  form.set("0", '["$K1"]');
  const res = await fetch(new URL(action.page, stack.appUrl), {
    method: "POST",
    headers: { "Next-Action": action.id, cookie, Origin: stack.appUrl },
    body: form,
  });
  n++;
  if (res.status !== 400) failures.push(`multipart depth 4000 -> ${res.status}`);

  for (const size of [6_500, 8_000, 12_000]) {
    const started = Date.now();
    const long = await fetch(new URL(`/chats?q=${"a".repeat(size)}`, stack.appUrl), { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(10_000) });
    const body = await long.text();
    n++;
    if (long.status !== 414 || Date.now() - started > FAST_MS || /\bat .+\.(ts|js):\d+/.test(body)) failures.push(`URL of ${size} chars -> ${long.status} in ${Date.now() - started} ms`);
  }
  // An ordinary long filter URL still works.
  const ok = await fetch(new URL(`/chats?q=${"a".repeat(500)}`, stack.appUrl), { headers: { cookie }, redirect: "manual" });
  expect(ok.status).toBe(200);
  expect(failures).toEqual([]);
  recordSuite(SUITE, { "hostile shapes refused fast": n });
});

test("signing in with a bypass next= lands on this site", async ({ browser }) => {
  const origin = new URL(stack.appUrl).origin;
  let tried = 0;
  for (const next of ["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/\\evil.example", "//evil.example/x", "/%5c%5cevil.example"]) {
    const context = await browser.newContext({ baseURL: stack.appUrl });
    const page = await context.newPage();
    // Anything leaving the site is stopped and recorded.
    const offSite: string[] = [];
    await context.route((url) => url.origin !== origin, async (route) => {
      offSite.push(route.request().url());
      await route.abort();
    });
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(demo.user.email);
    await page.getByLabel("Password").fill(demo.user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    expect(new URL(page.url()).origin, next).toBe(origin);
    // Signed in now: /login with the same next redirects straight away, also on this site.
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    expect(new URL(page.url()).origin, `${next} (signed in)`).toBe(origin);
    expect(offSite, next).toEqual([]);
    tried++;
    await context.close();
  }
  recordSuite(SUITE, { "open-redirect forms tried through sign-in": tried });
});
