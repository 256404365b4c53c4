/**
 * defineRoute (lib/routes.ts), the one guard of every route handler (issue 18 item 2), run the way
 * Next runs a route handler: a request with cookies, inside Next's own request scope (the
 * work store and the request store that `cookies()` and `headers()` read), against a real Auth
 * API (the local stand-in, real sign-ins) and a real database (the viewer's role and live session
 * read through the app's own pool as `authenticator`). Nothing is mocked; the only thing the test
 * builds by hand is the request scope, with Next's own `createRequestStoreForAPI`.
 *
 * Also: every route handler in app/ is built by defineRoute, and only the two known routes are public.
 */
// What Next's server does first (the AsyncLocalStorage its request scope needs), before any Next module loads.
import "next/dist/server/node-environment-baseline";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createServerClient } from "@supabase/ssr";
import { NextRequest } from "next/server";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAuthServer, type AuthServer } from "../../supabase/local/auth-server/server";
import { TEST_ANON_KEY, TEST_JWT_SECRET } from "../helpers/auth-keys";
import { createTestDb, createUser, type Role, type TestDb } from "../helpers/db";
import type { Viewer } from "@/lib/auth/viewer";

type RoutesModule = typeof import("@/lib/routes");

const ROOT = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "password"; // what tests/helpers/db.ts createUser's hash is of
const VIEW_AS_READ_ONLY = /viewing the console as another user, read-only/;

let db: TestDb;
let auth: AuthServer;
let routes: RoutesModule;
const people: Record<"pending" | "user" | "admin", { id: string; email: string; cookie: string }> = {} as never;

/** The session cookies @supabase/ssr writes for a real sign-in, as one Cookie header. */
async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const client = createServerClient(auth.url, TEST_ANON_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (set) => set.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
  });
  const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
  expect(error).toBeNull();
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

async function person(role: Role) {
  const user = await createUser(db.admin, { role });
  return { ...user, cookie: await signIn(user.email) };
}

/** Runs `handler` for one request the way Next's app-route module does: inside its work and request stores. */
async function call<P extends Record<string, string>>(
  handler: (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>,
  opts: { method?: string; cookie?: string; params?: P } = {},
): Promise<Response> {
  const request = new NextRequest("http://127.0.0.1/test-route", {
    method: opts.method ?? "GET",
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
  const workStore = createWorkStore({
    page: "/test-route/route",
    renderOpts: { experimental: {} } as never,
    buildId: "test",
    previouslyRevalidatedTags: [],
  } as never);
  const requestStore = createRequestStoreForAPI(request, request.nextUrl, [] as never, undefined, undefined as never, undefined);
  return workUnitAsyncStorage.run(requestStore, () =>
    workAsyncStorage.run(workStore, () => handler(request, { params: Promise.resolve(opts.params ?? ({} as P)) })),
  );
}

/** A handler that records that it ran and with whom. */
function recorder() {
  const seen: { viewer: Viewer; params: Record<string, string> }[] = [];
  const handler = async (_request: NextRequest, ctx: { viewer: Viewer; params: Record<string, string> }) => {
    seen.push(ctx);
    return Response.json({ ran: true, id: ctx.viewer.id }, { status: 202, headers: { "x-handler": "yes" } });
  };
  return { seen, handler };
}

async function body(res: Response) {
  return (await res.json()) as Record<string, unknown>;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** lib/env.ts reads the environment once, and lib/db/client.ts keeps one pool: load both afresh. */
async function loadRoutes(appDatabaseUrl: string): Promise<RoutesModule> {
  const pool = globalThis as unknown as { __consoleDb?: { sql: postgres.Sql } };
  await pool.__consoleDb?.sql.end();
  delete pool.__consoleDb;
  process.env.NEXT_PUBLIC_SUPABASE_URL = auth.url;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = TEST_ANON_KEY;
  process.env.APP_DATABASE_URL = appDatabaseUrl;
  process.env.DB_POOL_SIZE = "2";
  vi.resetModules();
  return import("@/lib/routes");
}

beforeAll(async () => {
  db = await createTestDb();
  auth = await startAuthServer({ databaseUrl: db.adminUrl, port: 0, jwtSecret: TEST_JWT_SECRET });
  routes = await loadRoutes(db.appUrl);
  people.pending = await person("PENDING");
  people.user = await person("USER");
  people.admin = await person("ADMIN");
});
afterAll(async () => {
  await (globalThis as unknown as { __consoleDb?: { sql: postgres.Sql } }).__consoleDb?.sql.end();
  await auth?.close();
  await db?.drop();
});

describe("defineRoute: who may call", () => {
  it("no session: 401 JSON, and the handler never runs", async () => {
    const { seen, handler } = recorder();
    const GET = routes.defineRoute({ roles: "signed-in" }, handler);
    const res = await call(GET);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await body(res)).toEqual({ error: "Sign in first." });
    expect(seen).toEqual([]);
  });

  it("a signed-out session's cookie, replayed: 401, and the handler never runs", async () => {
    const someone = await person("USER");
    const { seen, handler } = recorder();
    const GET = routes.defineRoute({ roles: "signed-in" }, handler);
    expect((await call(GET, { cookie: someone.cookie })).status).toBe(202); // live: let in
    await db.admin`delete from auth.sessions where user_id = ${someone.id}`; // what sign-out does
    const res = await call(GET, { cookie: someone.cookie });
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({ error: "Sign in first." });
    expect(seen).toHaveLength(1);
  });

  it("a wrong role: 403 with the words each route answered before, and the handler never runs", async () => {
    const { seen, handler } = recorder();
    const signedIn = routes.defineRoute({ roles: "signed-in" }, handler);
    const adminsOnly = routes.defineRoute({ roles: ["ADMIN"] }, handler);
    const managers = routes.defineRoute({ roles: ["MANAGER", "ADMIN"] }, handler);

    const cases: [typeof signedIn, string, string][] = [
      [signedIn, people.pending.cookie, "Your account is waiting for approval."],
      [adminsOnly, people.pending.cookie, "Admins only."],
      [adminsOnly, people.user.cookie, "Admins only."],
      [managers, people.pending.cookie, "Your account is waiting for approval."],
      [managers, people.user.cookie, "You do not have permission to do this."],
    ];
    for (const [route, cookie, error] of cases) {
      for (const method of ["GET", "POST"]) {
        const res = await call(route, { cookie, method });
        expect(res.status).toBe(403);
        expect(await body(res)).toEqual({ error });
      }
    }
    expect(seen).toEqual([]);
  });

  it("the right role: the handler's own response, with the viewer from the database and the params", async () => {
    const { seen, handler } = recorder();
    const route = routes.defineRoute<{ id: string }>({ roles: ["ADMIN"] }, handler);
    const res = await call(route, { cookie: people.admin.cookie, params: { id: "42" } });
    expect(res.status).toBe(202);
    expect(res.headers.get("x-handler")).toBe("yes");
    expect(await body(res)).toEqual({ ran: true, id: people.admin.id });
    expect(seen).toHaveLength(1);
    expect(seen[0].viewer).toMatchObject({ id: people.admin.id, email: people.admin.email, role: "ADMIN" });
    expect(seen[0].viewer.impersonator ?? null).toBeNull();
    expect(seen[0].params).toEqual({ id: "42" });

    const user = await call(routes.defineRoute({ roles: "signed-in" }, handler), { cookie: people.user.cookie, method: "PUT" });
    expect(user.status).toBe(202);
    expect(seen[1].viewer).toMatchObject({ id: people.user.id, role: "USER" });
  });

  it("a role changed by an admin counts on the next request (read from the database, not the token)", async () => {
    const someone = await person("USER");
    const { seen, handler } = recorder();
    const route = routes.defineRoute({ roles: ["ADMIN"] }, handler);
    expect((await call(route, { cookie: someone.cookie })).status).toBe(403);
    await db.admin`update public.profiles set role = 'ADMIN' where id = ${someone.id}`;
    expect((await call(route, { cookie: someone.cookie })).status).toBe(202);
    expect(seen).toHaveLength(1);
  });
});

describe("defineRoute: view as user", () => {
  const viewAs = () => `${people.admin.cookie}; console_view_as=${people.admin.id}.${people.user.id}`;

  it("every method but GET and HEAD is refused read-only before the handler runs", async () => {
    const { seen, handler } = recorder();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await call(routes.defineRoute({ roles: "signed-in" }, handler), { cookie: viewAs(), method });
      expect(res.status).toBe(403);
      expect((await body(res)).error).toMatch(VIEW_AS_READ_ONLY);
    }
    expect(seen).toEqual([]);
  });

  it("GET runs as the user viewed, with the admin as impersonator; a route the user may not open stays closed", async () => {
    const { seen, handler } = recorder();
    const res = await call(routes.defineRoute({ roles: "signed-in" }, handler), { cookie: viewAs() });
    expect(res.status).toBe(202);
    expect(seen[0].viewer).toMatchObject({ id: people.user.id, role: "USER", impersonator: { id: people.admin.id } });
    const admins = await call(routes.defineRoute({ roles: ["ADMIN"] }, handler), { cookie: viewAs() });
    expect(admins.status).toBe(403);
    expect(await body(admins)).toEqual({ error: "Admins only." });
    expect(seen).toHaveLength(1);
  });

  it("a write a GET handler tries under view-as is refused by Postgres and answered 403 read-only", async () => {
    const { withViewer } = await import("@/lib/db/with-viewer");
    const GET = routes.defineRoute({ roles: "signed-in" }, async (_request, { viewer }) => {
      await withViewer(viewer, (tx) => tx.execute(sql`update public.profiles set name = 'view-as write' where id = ${viewer.id}`));
      return new Response("written");
    });
    const res = await call(GET, { cookie: viewAs() });
    expect(res.status).toBe(403);
    expect((await body(res)).error).toMatch(VIEW_AS_READ_ONLY);
    const [row] = await db.admin<{ name: string | null }[]>`select name from public.profiles where id = ${people.user.id}`;
    expect(row.name).not.toBe("view-as write");
  });
});

describe("defineRoute: refusals from the handler's own work", () => {
  it("a session ended between the guard and the handler's query: 401", async () => {
    const someone = await person("USER");
    const { withViewer } = await import("@/lib/db/with-viewer");
    const GET = routes.defineRoute({ roles: "signed-in" }, async (_request, { viewer }) => {
      await db.admin`delete from auth.sessions where user_id = ${viewer.id}`;
      await withViewer(viewer, (tx) => tx.execute(sql`select 1`));
      return new Response("not reached");
    });
    const res = await call(GET, { cookie: someone.cookie });
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({ error: "Sign in first." });
  });

  it("the database unreachable in the handler: 503 JSON; any other error is thrown as is", async () => {
    const dead = postgres(`postgres://authenticator:authenticator@127.0.0.1:${await closedPort()}/postgres`, { max: 1, connect_timeout: 2 });
    const down = routes.defineRoute({ roles: "signed-in" }, async () => {
      await dead`select 1`;
      return new Response("not reached");
    });
    const res = await call(down, { cookie: people.user.cookie });
    expect(res.status).toBe(503);
    expect(await body(res)).toEqual({ error: "The database is unreachable. Try again in a moment." });
    await dead.end();

    const bug = routes.defineRoute({ roles: "signed-in" }, async () => {
      throw new Error("a bug");
    });
    await expect(call(bug, { cookie: people.user.cookie })).rejects.toThrow("a bug");
  });

  it("a public route runs without any session or database, and gets no viewer", async () => {
    const seen: unknown[] = [];
    const GET = routes.defineRoute({ public: true }, async (_request, ctx) => {
      seen.push(ctx);
      return Response.json({ ok: true });
    });
    const res = await call(GET, { params: {} });
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ params: {} }]);
  });
});

describe("the console's own route handlers answer as before", () => {
  // Imported here, not at the top: lib/env.ts must read this file's environment first.

  it("/admin/users/export: 401 signed out, 403 'Admins only.' to anyone else, the CSV to an admin", async () => {
    const { GET } = await import("@/app/(console)/admin/users/export/route");
    const out = await call(GET);
    expect([out.status, await body(out)]).toEqual([401, { error: "Sign in first." }]);
    for (const who of [people.pending, people.user]) {
      const res = await call(GET, { cookie: who.cookie });
      expect([res.status, await body(res)]).toEqual([403, { error: "Admins only." }]);
    }
    const csv = await call(GET, { cookie: people.admin.cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(await csv.text()).toContain(people.admin.email);
  });

  it("/usage/export and /admin/usage/export: the role words, then the handler's own 400", async () => {
    const own = (await import("@/app/(console)/usage/export/route")).GET;
    const admin = (await import("@/app/(console)/admin/usage/export/route")).GET;
    const pending = await call(own, { cookie: people.pending.cookie });
    expect([pending.status, await body(pending)]).toEqual([403, { error: "Your account is waiting for approval." }]);
    const notAdmin = await call(admin, { cookie: people.pending.cookie });
    expect([notAdmin.status, await body(notAdmin)]).toEqual([403, { error: "Admins only." }]);
    const noChart = await call(own, { cookie: people.user.cookie });
    expect([noChart.status, await body(noChart)]).toEqual([400, { error: "chart must be one of series, latency, models" }]);
  });

  it("an ingest upload (PUT): 401 signed out, 403 pending, 403 read-only under view-as, before anything is written", async () => {
    const { PUT } = await import("@/app/(console)/projects/[id]/ingest/uploads/[uploadId]/route");
    const params = { id: "00000000-0000-0000-0000-000000000000", uploadId: "00000000-0000-0000-0000-000000000000" };
    const out = await call(PUT, { method: "PUT", params });
    expect([out.status, await body(out)]).toEqual([401, { error: "Sign in first." }]);
    const pending = await call(PUT, { method: "PUT", params, cookie: people.pending.cookie });
    expect([pending.status, await body(pending)]).toEqual([403, { error: "Your account is waiting for approval." }]);
    const viewAs = `${people.admin.cookie}; console_view_as=${people.admin.id}.${people.user.id}`;
    const res = await call(PUT, { method: "PUT", params, cookie: viewAs });
    expect(res.status).toBe(403);
    expect((await body(res)).error).toMatch(VIEW_AS_READ_ONLY);
  });
});

describe("defineRoute: the database down while the viewer is resolved", () => {
  afterAll(async () => {
    routes = await loadRoutes(db.appUrl);
  });

  it("answers 503 JSON before the handler, for a request with a session", async () => {
    routes = await loadRoutes(`postgres://authenticator:authenticator@127.0.0.1:${await closedPort()}/postgres`);
    const { seen, handler } = recorder();
    const res = await call(routes.defineRoute({ roles: "signed-in" }, handler), { cookie: people.user.cookie });
    expect(res.status).toBe(503);
    expect(await body(res)).toEqual({ error: "The database is unreachable. Try again in a moment." });
    // Without a session there is nothing to read: signed out, as before.
    expect((await call(routes.defineRoute({ roles: "signed-in" }, handler))).status).toBe(401);
    expect(seen).toEqual([]);
  });
});

describe("refuseRoute: the decision alone", () => {
  it("orders the refusals: signed out, then view-as writes, then the role", () => {
    const viewer = (role: Viewer["role"], impersonator: Viewer["impersonator"] = null): Viewer => ({
      id: people.user.id,
      email: people.user.email,
      role,
      claims: {} as Viewer["claims"],
      impersonator,
    });
    expect(routes.refuseRoute(null, ["ADMIN"], "POST")?.status).toBe(401);
    expect(routes.refuseRoute(viewer("USER", people.admin), ["ADMIN"], "post")?.status).toBe(403);
    expect(routes.refuseRoute(viewer("USER", people.admin), "signed-in", "HEAD")).toBeNull();
    expect(routes.refuseRoute(viewer("MANAGER"), ["MANAGER"], "DELETE")).toBeNull();
  });
});

describe("every route handler in app/ is built by defineRoute", () => {
  const METHODS = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS";
  const PUBLIC = ["app/api/health/route.ts", "app/auth/confirm/route.ts"];

  function routeFiles(dir = path.join(ROOT, "app")): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return routeFiles(full);
      return /^route\.(ts|tsx|js)$/.test(e.name) ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
    });
  }

  it("exports each method as defineRoute(...), and only the known routes are public", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(5);
    const problems: string[] = [];
    const publicOnes: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      const exported = [...text.matchAll(new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let|var)\\s+(${METHODS})\\b`, "g"))];
      if (!exported.length) problems.push(`${file}: exports no method`);
      for (const m of exported) {
        if (!new RegExp(`export\\s+const\\s+${m[1]}\\s*=\\s*defineRoute\\b`).test(text)) problems.push(`${file}: ${m[1]} is not built by defineRoute`);
      }
      if (/export\s*\{/.test(text)) problems.push(`${file}: re-exports (check by hand that a method is not among them)`);
      if (/defineRoute(?:<[^>]*>)?\(\s*\{\s*public:\s*true/.test(text)) publicOnes.push(file);
    }
    expect(problems).toEqual([]);
    expect(publicOnes.sort()).toEqual(PUBLIC);
  });
});
