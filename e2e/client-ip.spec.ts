/**
 * Issue 16, item 3, against the real app (`next start`, the Auth stand-in, Postgres) with
 * TRUSTED_PROXY unset: a client-chosen X-Forwarded-For neither escapes the per-IP limit nor
 * reaches the logs, and a stranger failing the admin's password cannot lock the admin out.
 *
 * Its own stack: these tests use up sign-in limits, which must not spill into the shared stack.
 * Distinct client addresses come from the loopback network: each request's socket is bound to a
 * source address of 127/8 (Linux routes all of it to lo), so the app's TCP peer is 127.0.0.2,
 * 127.0.0.3... A browser cannot choose its source address (connecting to 127.0.0.2 still comes
 * from 127.0.0.1), so the sign-in action is called over HTTP as React calls it.
 */
import http from "node:http";
import net from "node:net";
import { expect, test } from "./fixtures";
import { demo } from "./support/accounts";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { discoverActions, escapeForReply, parseActionBody, type ServerAction } from "./support/server-actions";
import { recordSuite } from "./support/suite-summary";

test.describe.configure({ mode: "serial", timeout: 300_000 });

let stack: OwnStack;
let signInAction: ServerAction;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startOwnStack({ label: "client-ip" });
  signInAction = discoverActions().find((a) => a.name === "signIn")!;
});

test.afterAll(async () => {
  await stack?.stop();
});

/** Whether a socket bound to `source` reaches the app (all of 127/8 is local on Linux). */
function canBind(source: string): Promise<boolean> {
  const u = new URL(stack.appUrl);
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port: Number(u.port), localAddress: source, timeout: 2000 }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
    s.on("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

type SignInAnswer = { signedIn: boolean; message: string | null };

/** The sign-in form's action, posted from source address `source` with extra request headers. */
function signInFrom(source: string, email: string, password: string, extraHeaders: Record<string, string> = {}): Promise<SignInAnswer> {
  const u = new URL(stack.appUrl);
  const body = JSON.stringify(escapeForReply([null, { email, password }]));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: Number(u.port),
        path: signInAction.page,
        method: "POST",
        localAddress: source,
        headers: {
          "Next-Action": signInAction.id,
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
          Origin: u.origin,
          Host: u.host,
          "Content-Length": Buffer.byteLength(body),
          ...extraHeaders,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => {
          // A successful sign-in redirects (React's action redirect) and sets the session cookie.
          const cookies = res.headers["set-cookie"] ?? [];
          const signedIn = cookies.some((c) => /-auth-token(\.0)?=base64-/.test(c));
          const { result } = parseActionBody(text);
          resolve({ signedIn, message: typeof result?.message === "string" ? result.message : null });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const INVALID = "Invalid email or password";
// The app's own limit states the wait; the Auth API's 429 would read "Wait a minute and try again".
const TOO_MANY = /^Too many attempts\. Try again in \d+ (second|minute)s?\.$/;

test("40 failed sign-ins, each with a different X-Forwarded-For, are limited as one address", async () => {
  test.skip(!(await canBind("127.0.0.2")), "127.0.0.2 is not a local address here (not Linux); tests/db/sign-in-limits.test.ts covers the rule");
  for (let i = 0; i < 40; i++) {
    // A different claimed address each time, as an attacker rotating the header would send.
    const answer = await signInFrom("127.0.0.2", `spray-${i}@example.test`, "wrong-password", {
      "X-Forwarded-For": `203.0.113.${i + 1}`,
      "X-Real-IP": `198.51.100.${i + 1}`,
    });
    // 30 failures per address per 5 minutes, then the app's own refusal.
    expect(answer.signedIn, `attempt ${i + 1}`).toBe(false);
    if (i < 30) expect(answer.message, `attempt ${i + 1}`).toBe(INVALID);
    else expect(answer.message ?? "", `attempt ${i + 1}`).toMatch(TOO_MANY);
  }
  // Counted against the peer only; none of the claimed addresses was believed.
  const keys = await stack.sql<{ ip_key: string }[]>`select distinct ip_key from public.sign_in_limits where scope = 'sign_in_ip'`;
  expect(keys.map((k) => k.ip_key)).toEqual(["127.0.0.2"]);
  recordSuite("client ip", { "sign-ins with a rotated X-Forwarded-For": 40, "let through past the per-IP limit": 0 });
});

test("a stranger failing the admin's password 15 times from one address does not lock the admin out of another", async () => {
  test.skip(!(await canBind("127.0.0.3")) || !(await canBind("127.0.0.4")), "127.0.0.3/4 are not local addresses here (not Linux); tests/db/sign-in-limits.test.ts covers the rule");
  for (let i = 0; i < 15; i++) {
    const answer = await signInFrom("127.0.0.3", demo.admin.email, `guess-${i}`);
    // 5 failures free per account and address, then backoff.
    if (i < 5) expect(answer.message, `guess ${i + 1}`).toBe(INVALID);
    else expect(answer.message ?? "", `guess ${i + 1}`).toMatch(TOO_MANY);
  }
  // Even the right password waits at the stranger's address.
  const atStranger = await signInFrom("127.0.0.3", demo.admin.email, demo.admin.password);
  expect(atStranger.signedIn).toBe(false);
  expect(atStranger.message ?? "").toMatch(TOO_MANY);

  // The admin, from elsewhere, signs in at once.
  const admin = await signInFrom("127.0.0.4", demo.admin.email, demo.admin.password);
  expect(admin).toEqual({ signedIn: true, message: null });
  recordSuite("client ip", { "stranger's failed sign-ins on the admin": 15, "admin lockouts": 0 });
});
