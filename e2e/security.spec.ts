/**
 * Security settings of the running app (issue 9): response headers and the nonce CSP, no CSP
 * violation on any page reachable from the navigation, session cookie flags, cross-site server
 * action posts refused, and no secret in any file the browser can download.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ROOT } from "../tooling/migrate";
import { expect, test } from "./fixtures";
import { demo, type Account } from "./support/accounts";
import { navHrefs } from "./support/nav";
import { callAction, cookieHeader, discoverActions } from "./support/server-actions";
import { stackState } from "./support/stack-state";
import { recordSuite } from "./support/suite-summary";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

test.describe("response headers", () => {
  test("pages carry a nonce CSP without 'unsafe-inline' scripts, frame, referrer and sniffing protection", async ({ request }) => {
    const nonces = new Set<string>();
    for (const url of ["/login", "/signup", "/"]) {
      const res = await request.get(url, { maxRedirects: 0 });
      const h = res.headers();
      expect(h["x-frame-options"], url).toBe("DENY");
      expect(h["x-content-type-options"], url).toBe("nosniff");
      expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      const csp = directives(h["content-security-policy"] ?? "");
      const script = csp.get("script-src") ?? [];
      expect(script, url).not.toContain("'unsafe-inline'");
      expect(script, url).not.toContain("'unsafe-eval'");
      const nonce = script.find((s) => s.startsWith("'nonce-"));
      expect(nonce, url).toBeTruthy();
      nonces.add(nonce!);
      expect(csp.get("frame-ancestors"), url).toEqual(["'none'"]);
      expect(csp.get("object-src"), url).toEqual(["'none'"]);
      expect(csp.get("base-uri"), url).toEqual(["'self'"]);
      expect(csp.get("form-action"), url).toEqual(["'self'"]);
      if (res.status() === 200) {
        // Every script element of the page carries this response's nonce.
        const html = await res.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, url).toBeGreaterThan(0);
        const value = nonce!.slice("'nonce-".length, -1);
        for (const tag of scripts) expect(tag, url).toContain(`nonce="${value}"`);
      }
    }
    expect(nonces.size, "a fresh nonce per response").toBe(3);
    recordSuite("security", { "header checks": 3 });
  });

  test("static assets are served with nosniff and DENY framing too", async ({ request }) => {
    const html = await (await request.get("/login")).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    for (const url of [asset!, "/icon.svg"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers()["x-frame-options"], url).toBe("DENY");
    }
  });
});

/** Collects CSP violations (the DOM event and the console message) for a page. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

const ROLES: { who: string; account: Account }[] = [
  { who: "user", account: demo.user },
  { who: "admin", account: demo.admin },
];

for (const { who, account } of ROLES) {
  test(`no CSP violation on any page the ${who} can reach from the navigation`, async ({ page, signIn }) => {
    test.setTimeout(480_000);
    const consoleViolations = await watchCsp(page);
    await signIn(account);
    // The navigation's pages, plus the not-found page (rendered per request for its nonce).
    const pages = ["/", ...(await navHrefs(page)), "/no-such-page"];
    for (const href of pages) {
      const res = await page.goto(href);
      expect(res?.status(), href).toBeLessThan(500);
      await page.waitForLoadState("load");
      if (href !== "/no-such-page") await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();
      const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
      expect(violations, href).toEqual([]);
    }
    // A client-side navigation too (RSC fetch + chunk loads under the CSP).
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).first().getByRole("link").first().click();
    await page.waitForLoadState("load");
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(consoleViolations).toEqual([]);
    recordSuite("security", { "pages checked for CSP violations": pages.length });
  });
}

test.describe("session cookies", () => {
  test("are HttpOnly, SameSite=Lax, and not Secure over plain http", async ({ page, signIn, context }) => {
    await signIn(demo.user);
    const auth = (await context.cookies()).filter((c) => c.name.startsWith("sb-"));
    expect(auth.length).toBeGreaterThan(0);
    for (const c of auth) {
      expect(c.httpOnly, c.name).toBe(true);
      expect(c.sameSite, c.name).toBe("Lax");
      expect(c.secure, c.name).toBe(false);
    }
    // Script in the page cannot read them.
    expect(await page.evaluate(() => document.cookie)).not.toContain("sb-");
  });

  test("are Secure behind an HTTPS proxy (x-forwarded-proto: https)", async ({ browser, baseURL }) => {
    // Chromium accepts Secure cookies from http://localhost (a secure context), as from https.
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(demo.manager.email);
    await page.getByLabel("Password").fill(demo.manager.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    const auth = (await context.cookies()).filter((c) => c.name.startsWith("sb-"));
    expect(auth.length).toBeGreaterThan(0);
    for (const c of auth) {
      expect(c.secure, c.name).toBe(true);
      expect(c.httpOnly, c.name).toBe(true);
    }
    await context.close();
  });
});

test.describe("server actions refuse cross-site posts", () => {
  test("a foreign Origin or Sec-Fetch-Site: cross-site gets 403 and changes nothing; the same call from the app's origin is answered", async ({
    page,
    signIn,
    context,
    baseURL,
    db,
  }) => {
    await signIn(demo.admin);
    const cookie = cookieHeader(await context.cookies());
    const actions = discoverActions();
    expect(actions.length).toBeGreaterThan(0);
    const [{ id: targetId }] = await db<{ id: string }[]>`select id from public.profiles where email = ${"e2e-list-01@example.test"}`;
    const [{ role: before }] = await db<{ role: string }[]>`select role::text from public.profiles where id = ${targetId}`;
    const changeRole = actions.find((a) => a.name === "changeUserRole");
    let refused = 0;
    for (const action of actions) {
      const input = [null, { userId: targetId, role: before === "MANAGER" ? "USER" : "MANAGER" }];
      const cases: { origin: string; headers?: Record<string, string> }[] = [
        { origin: "https://evil.example" },
        { origin: "null" },
        { origin: new URL(baseURL!).origin, headers: { "Sec-Fetch-Site": "cross-site" } },
      ];
      for (const c of cases) {
        const res = await callAction(baseURL!, action, input, { cookie, origin: c.origin, headers: c.headers });
        expect(res.status, `${action.name} ${JSON.stringify(c)}`).toBe(403);
        expect(res.body).toContain("Cross-site request refused");
        refused++;
      }
    }
    const [{ role: after }] = await db<{ role: string }[]>`select role::text from public.profiles where id = ${targetId}`;
    expect(after).toBe(before);
    // The control: the same request from the app's own origin reaches the action (an invalid
    // input here, so nothing changes either, but the answer is the action's own).
    if (changeRole) {
      const res = await callAction(baseURL!, changeRole, [null, { userId: "not-a-uuid", role: "USER" }], { cookie });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ ok: false });
    }
    // A real browser form post from another origin (a CSRF page) is refused too.
    const evil = await page.context().newPage();
    await evil.route("https://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form id="f" method="post" action="${baseURL}/admin/users"><input name="userId" value="${targetId}"></form>`,
      }),
    );
    await evil.goto("https://evil.example/csrf");
    const [response] = await Promise.all([evil.waitForResponse((r) => r.url().startsWith(`${baseURL}/admin/users`)), evil.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit())]);
    expect(response.status()).toBe(403);
    recordSuite("security", { "cross-site posts refused": refused + 1 });
  });
});

test.describe("the production build holds no secret", () => {
  /** Files the browser can download: client chunks, CSS, media, and the prerendered HTML/RSC. */
  function clientFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string, filter: (f: string) => boolean) => {
      if (!fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, filter);
        else if (filter(p)) out.push(p);
      }
    };
    walk(path.join(ROOT, ".next/static"), () => true);
    walk(path.join(ROOT, ".next/server/app"), (f) => /\.(html|rsc|body|meta)$/.test(f));
    walk(path.join(ROOT, "public"), () => true);
    return out;
  }

  test("no service-role key, JWT secret, database URL or password in any client file", async () => {
    const files = clientFiles();
    expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(5);
    // The secrets of this run's stack: the Auth stand-in's fresh JWT secret and the service key
    // signed with it, which the app's server holds (tooling/app-stack.ts).
    const { serviceRoleKey, jwtSecret, anonKey } = stackState();
    expect(jwtSecret.length).toBeGreaterThanOrEqual(32);
    const needles: [string, string | RegExp][] = [
      ["the stack's service-role key", serviceRoleKey],
      ["the stack's JWT secret", jwtSecret],
      ["postgres:// URL", /postgres(ql)?:\/\/[^\s"'`]+@/],
      ["authenticator password", "authenticator:authenticator"],
      ["superuser password", "postgres:postgres@"],
      ["SUPABASE_SERVICE_ROLE_KEY value", "SUPABASE_SERVICE_ROLE_KEY="],
      ["DATABASE_URL value", /DATABASE_URL["']?\s*[:=]\s*["']postgres/],
    ];
    for (const name of ["SUPABASE_SERVICE_ROLE_KEY", "DATABASE_URL", "APP_DATABASE_URL", "SUPABASE_JWT_SECRET"]) {
      const v = process.env[name];
      if (v && v.length >= 8) needles.push([`$${name} of this machine`, v]);
    }
    const found: string[] = [];
    let bytes = 0;
    let jwts = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "latin1");
      bytes += text.length;
      for (const [name, needle] of needles) {
        if (typeof needle === "string" ? text.includes(needle) : needle.test(text)) found.push(`${name} in ${path.relative(ROOT, file)}`);
      }
      // Any JWT shipped to the browser must be this run's anon key (the server hands it over at
      // run time, so a build holds none), never a service_role token or a published demo key.
      for (const m of text.matchAll(/eyJ[A-Za-z0-9_-]{8,}\.(eyJ[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+/g)) {
        jwts++;
        if (m[0] === anonKey) continue;
        let role = "?";
        try {
          role = (JSON.parse(Buffer.from(m[1], "base64url").toString("utf8")) as { role?: string }).role ?? "?";
        } catch {
          // Not JSON: reported below with its role unknown.
        }
        found.push(`a JWT (role ${role}) other than the run's anon key in ${path.relative(ROOT, file)}`);
      }
    }
    expect(found).toEqual([]);
    recordSuite("bundle scan", { "client files scanned": files.length, "MB scanned": Math.round(bytes / 1e6), "secrets found": 0 }, [
      `JWTs seen in client files: ${jwts} (the run's anon key only)`,
    ]);
  });

  test("a signed-in page hands the browser the run's anon key at run time, and no other JWT or secret", async ({ page, signIn }) => {
    const { anonKey, serviceRoleKey, jwtSecret } = stackState();
    await signIn(demo.admin);
    const html = await (await page.request.get("/")).text();
    // The browser Supabase client's key (components/shell/supabase-provider.tsx): the one the stand-in signed for this run.
    expect(html).toContain(anonKey);
    expect(html).not.toContain(serviceRoleKey);
    expect(html).not.toContain(jwtSecret);
    const jwts = [...html.matchAll(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g)].map((m) => m[0]);
    expect(new Set(jwts)).toEqual(new Set([anonKey]));
  });
});
