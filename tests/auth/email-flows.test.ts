/**
 * Issue 16 item 5: secure email change, password recovery, /verify and generateLink, through the
 * real supabase-js client against the local Auth stand-in and Postgres, with mail read from the
 * local mail catcher.
 */
import http from "node:http";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher, type CaughtMail, type MailCatcher } from "../../supabase/local/mail-catcher";
import { startAuthServer, type AuthServer } from "../../supabase/local/auth-server/server";
import { createTestDb, type TestDb } from "../helpers/db";

const PASSWORD = "correct horse battery";
const SITE = "http://localhost:3999";
const ALLOWED = "https://preview.example.test/**";

let db: TestDb;
let catcher: MailCatcher;
let server: AuthServer;

beforeAll(async () => {
  db = await createTestDb();
  catcher = await startMailCatcher({ port: 0 });
  server = await startAuthServer({
    databaseUrl: db.adminUrl,
    port: 0,
    siteUrl: SITE,
    redirectAllowList: [ALLOWED],
    mailCatcherUrl: catcher.url,
    // Every sign-in here comes from 127.0.0.1: the per-IP limit is not what this file tests.
    signInRateLimit: { perIp: 10_000 },
  });
});
afterAll(async () => {
  await server?.close();
  await catcher?.close();
  await db?.drop();
});

const options = { auth: { persistSession: false, autoRefreshToken: false } };
const anon = () => createClient(server.url, server.anonKey, options);
const admin = () => createClient(server.url, server.serviceRoleKey, options).auth.admin;

let counter = 0;
const newEmail = (tag = "u") => `${tag}${++counter}.${Date.now()}@example.test`;

async function createUser(email = newEmail()) {
  const { data, error } = await admin().createUser({ email, password: PASSWORD, email_confirm: true });
  expect(error).toBeNull();
  return data.user!;
}

async function signedIn(email: string, password = PASSWORD): Promise<SupabaseClient> {
  const client = anon();
  const { error } = await client.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  return client;
}

async function inbox(to: string): Promise<CaughtMail[]> {
  const res = await fetch(`${catcher.url}/api/messages?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: CaughtMail[] }).messages;
}

/** Mail is delivered after the API answers: wait for `count` messages to `to`. */
async function waitForMail(to: string, count = 1): Promise<CaughtMail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const messages = await inbox(to);
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} after 5 s (have ${messages.length}, want ${count})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The `/auth/confirm` link of a mail, parsed. */
function confirmLink(mail: CaughtMail): URL {
  const link = mail.links.find((l) => new URL(l).pathname === "/auth/confirm");
  expect(link, `a /auth/confirm link in "${mail.subject}"`).toBeDefined();
  return new URL(link!);
}

function tokenOf(mail: CaughtMail): { token_hash: string; type: "recovery" | "email_change" } {
  const link = confirmLink(mail);
  return { token_hash: link.searchParams.get("token_hash")!, type: link.searchParams.get("type") as "recovery" | "email_change" };
}

async function profileEmail(id: string): Promise<string> {
  const [row] = await db.admin<{ email: string }[]>`select email from public.profiles where id = ${id}`;
  return row.email;
}

async function authRow(id: string) {
  const [row] = await db.admin`
    select email, email_change, email_change_token_new, email_change_token_current, email_change_confirm_status,
           email_change_sent_at, recovery_token
    from auth.users where id = ${id}`;
  return row;
}

describe("secure email change", () => {
  it("stays pending, profiles.email unchanged, until both addresses' links are used; both inboxes get mail", async () => {
    const oldEmail = newEmail("old");
    const user = await createUser(oldEmail);
    const client = await signedIn(oldEmail);
    const target = newEmail("new");

    const { data, error } = await client.auth.updateUser({ email: target.toUpperCase() });
    expect(error).toBeNull();
    // As Supabase Auth answers: the address is unchanged, the new one pending.
    expect(data.user).toMatchObject({ email: oldEmail, new_email: target });
    expect(data.user!.email_change_sent_at).toBeTruthy();

    const row = await authRow(user.id);
    expect(row).toMatchObject({ email: oldEmail, email_change: target, email_change_confirm_status: 0 });
    expect(row.email_change_token_new).toMatch(/^[0-9a-f]{64}$/);
    expect(row.email_change_token_current).toMatch(/^[0-9a-f]{64}$/);
    expect(await profileEmail(user.id)).toBe(oldEmail);
    // getUser still says the old address, with the change pending.
    const { data: got } = await client.auth.getUser();
    expect(got.user).toMatchObject({ email: oldEmail, new_email: target });

    const [toNew] = await waitForMail(target);
    const [toOld] = await waitForMail(oldEmail);
    expect(toNew.subject).toBe("Confirm your new email address");
    expect(toOld.subject).toBe("Confirm the change of your email address");
    expect(toOld.text).toContain(target);
    for (const mail of [toNew, toOld]) {
      const link = confirmLink(mail);
      expect(link.origin).toBe(SITE);
      expect(link.searchParams.get("type")).toBe("email_change");
    }
    // The link carries the token; the database keeps only its hash.
    expect(tokenOf(toNew).token_hash).not.toBe(row.email_change_token_new);

    // The new address confirms first: accepted, still pending, no session.
    const first = await anon().auth.verifyOtp(tokenOf(toNew));
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    expect((await authRow(user.id)).email).toBe(oldEmail);
    expect(await profileEmail(user.id)).toBe(oldEmail);

    // Used once: the same link again is refused.
    const again = await anon().auth.verifyOtp(tokenOf(toNew));
    expect(again.error).toMatchObject({ status: 403, code: "otp_expired" });

    // The current address confirms: the change applies, and the link signs in as the new address.
    const second = await anon().auth.verifyOtp(tokenOf(toOld));
    expect(second.error).toBeNull();
    expect(second.data.session?.user.email).toBe(target);
    expect(second.data.user).toMatchObject({ id: user.id, email: target });
    expect(second.data.user!.new_email).toBeUndefined();
    expect(await profileEmail(user.id)).toBe(target);
    expect(await authRow(user.id)).toMatchObject({
      email: target,
      email_change: "",
      email_change_token_new: "",
      email_change_token_current: "",
    });
    const { data: identities } = await admin().getUserById(user.id);
    expect(identities.user!.identities![0].identity_data).toMatchObject({ email: target, email_verified: true });

    // Both links are spent.
    expect((await anon().auth.verifyOtp(tokenOf(toOld))).error).toMatchObject({ code: "otp_expired" });
    // Signing in works with the new address, not the old.
    expect((await anon().auth.signInWithPassword({ email: target, password: PASSWORD })).error).toBeNull();
    expect((await anon().auth.signInWithPassword({ email: oldEmail, password: PASSWORD })).error).toMatchObject({
      code: "invalid_credentials",
    });
  });

  it("either order works: the current address first, then the new one", async () => {
    const oldEmail = newEmail("old");
    const user = await createUser(oldEmail);
    const target = newEmail("new");
    expect((await (await signedIn(oldEmail)).auth.updateUser({ email: target })).error).toBeNull();
    const [toOld] = await waitForMail(oldEmail);
    const [toNew] = await waitForMail(target);

    const first = await anon().auth.verifyOtp(tokenOf(toOld));
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    expect(await profileEmail(user.id)).toBe(oldEmail);

    const second = await anon().auth.verifyOtp(tokenOf(toNew));
    expect(second.data.session?.user.email).toBe(target);
    expect(await profileEmail(user.id)).toBe(target);
  });

  it("a link past its expiry (one day) is refused and changes nothing", async () => {
    const oldEmail = newEmail("old");
    const user = await createUser(oldEmail);
    const target = newEmail("new");
    await (await signedIn(oldEmail)).auth.updateUser({ email: target });
    const [toNew] = await waitForMail(target);
    await db.admin`update auth.users set email_change_sent_at = now() - interval '24 hours 1 second' where id = ${user.id}`;

    const { error } = await anon().auth.verifyOtp(tokenOf(toNew));
    expect(error).toMatchObject({ status: 403, code: "otp_expired" });
    expect(await authRow(user.id)).toMatchObject({ email: oldEmail, email_change: target, email_change_confirm_status: 0 });
  });

  it("refuses an address another account has (422 email_exists) and a second request inside 60 s (429)", async () => {
    const taken = (await createUser()).email!;
    const oldEmail = newEmail("old");
    await createUser(oldEmail);
    const client = await signedIn(oldEmail);

    const { error: exists } = await client.auth.updateUser({ email: taken });
    expect(exists).toMatchObject({ status: 422, code: "email_exists" });

    expect((await client.auth.updateUser({ email: newEmail("new") })).error).toBeNull();
    const { error: tooSoon } = await client.auth.updateUser({ email: newEmail("new") });
    expect(tooSoon).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
    expect(tooSoon!.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
  });

  it("a new request replaces the pending one: the earlier links stop working", async () => {
    const oldEmail = newEmail("old");
    const user = await createUser(oldEmail);
    const client = await signedIn(oldEmail);
    const firstTarget = newEmail("new");
    await client.auth.updateUser({ email: firstTarget });
    const [stale] = await waitForMail(firstTarget);
    await db.admin`update auth.users set email_change_sent_at = now() - interval '61 seconds' where id = ${user.id}`;
    const secondTarget = newEmail("new");
    expect((await client.auth.updateUser({ email: secondTarget })).error).toBeNull();

    expect((await anon().auth.verifyOtp(tokenOf(stale))).error).toMatchObject({ code: "otp_expired" });
    expect((await authRow(user.id)).email_change).toBe(secondTarget);
  });
});

describe("password recovery", () => {
  it("answers 200 {} for known and unknown addresses; only the known one gets mail", async () => {
    const known = (await createUser()).email!;
    const unknown = newEmail("nobody");

    for (const email of [unknown, known]) {
      const res = await fetch(`${server.url}/auth/v1/recover`, {
        method: "POST",
        headers: { apikey: server.anonKey, "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
    }
    const [mail] = await waitForMail(known);
    expect(mail.subject).toBe("Reset your password");
    // Mail is sent in order: the unknown address's request came first, so it would be there by now.
    expect(await inbox(unknown)).toEqual([]);

    // Inside the interval, both get the same 429: it tells nothing about which exists.
    for (const email of [unknown, known]) {
      const { error } = await anon().auth.resetPasswordForEmail(email);
      expect(error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
    }
  });

  it("the link signs in once and lets the user set a new password; other sessions end", async () => {
    const user = await createUser();
    const email = user.email!;
    const { data: before } = await anon().auth.signInWithPassword({ email, password: PASSWORD });
    expect((await anon().auth.resetPasswordForEmail(email)).error).toBeNull();
    const [mail] = await waitForMail(email);
    const token = tokenOf(mail);
    expect(token.type).toBe("recovery");
    expect(confirmLink(mail).searchParams.get("next")).toBeNull();

    const recovering = anon();
    const { data, error } = await recovering.auth.verifyOtp(token);
    expect(error).toBeNull();
    expect(data.session?.user.id).toBe(user.id);
    expect((await authRow(user.id)).recovery_token).toBe("");
    // Single use.
    expect((await anon().auth.verifyOtp(token)).error).toMatchObject({ status: 403, code: "otp_expired" });

    await recovering.auth.setSession(data.session!);
    expect((await recovering.auth.updateUser({ password: "a brand new password" })).error).toBeNull();
    expect((await anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toMatchObject({ code: "invalid_credentials" });
    expect((await anon().auth.signInWithPassword({ email, password: "a brand new password" })).error).toBeNull();
    // The session that existed before the reset is gone.
    const res = await fetch(`${server.url}/auth/v1/user`, {
      headers: { apikey: server.anonKey, authorization: `Bearer ${before.session!.access_token}` },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe("session_not_found");
  });

  it("an expired recovery link is refused", async () => {
    const user = await createUser();
    await anon().auth.resetPasswordForEmail(user.email!);
    const [mail] = await waitForMail(user.email!);
    await db.admin`update auth.users set recovery_sent_at = now() - interval '1 day 1 second' where id = ${user.id}`;
    expect((await anon().auth.verifyOtp(tokenOf(mail))).error).toMatchObject({ status: 403, code: "otp_expired" });
  });

  it("refuses malformed input as a client mistake, never a 5xx", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/auth/v1${path}`, {
        method: "POST",
        headers: { apikey: server.anonKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post("/recover", {})).status).toBe(400);
    expect((await post("/recover", { email: "not an email" })).status).toBe(400);
    expect((await post("/verify", { type: "recovery" })).status).toBe(400);
    expect((await post("/verify", { type: "bogus", token_hash: "a".repeat(56) })).status).toBe(400);
    expect((await post("/verify", { type: "recovery", token_hash: "x'; drop table auth.users; --" })).status).toBe(403);
    expect((await post("/verify", { type: "recovery", token_hash: "a".repeat(56) })).status).toBe(403);
    // A 6-digit code guess is not a way in: codes are not accepted at all.
    expect((await post("/verify", { type: "recovery", email: "a@example.test", token: "123456" })).status).toBe(400);
  });
});

describe("redirect_to", () => {
  it("is honoured when it is the site or on the allow list, and falls back to the site URL otherwise", async () => {
    const cases: [string, string][] = [
      [`${SITE}/reset-password`, `${SITE}/reset-password`],
      ["http://localhost:4000/x", "http://localhost:4000/x"], // any port on localhost, as Supabase Auth
      ["https://preview.example.test/deep/path?q=1", "https://preview.example.test/deep/path?q=1"],
      ["https://evil.example/reset-password", SITE],
      ["https://preview.example.test.evil.example/", SITE],
      [`https://user@preview.example.test/`, SITE],
      ["http://127.0.0.1:3999/reset-password", SITE],
      ["javascript:alert(1)", SITE],
      ["//evil.example/", SITE],
      ["/reset-password", SITE],
    ];
    for (const [asked, expected] of cases) {
      const email = newEmail("redirect");
      await createUser(email);
      const { data, error } = await admin().generateLink({ type: "recovery", email, options: { redirectTo: asked } });
      expect(error).toBeNull();
      expect(data.properties!.redirect_to, asked).toBe(expected);
      expect(new URL(data.properties!.action_link).searchParams.get("redirect_to")).toBe(expected);
    }
  });

  it("a recovery mail's link goes to the app's /auth/confirm with next from an allowed redirect_to only", async () => {
    const a = (await createUser()).email!;
    await anon().auth.resetPasswordForEmail(a, { redirectTo: `${SITE}/reset-password?from=mail` });
    const linkA = confirmLink((await waitForMail(a))[0]);
    expect(linkA.origin).toBe(SITE);
    expect(linkA.searchParams.get("next")).toBe("/reset-password?from=mail");

    const b = (await createUser()).email!;
    await anon().auth.resetPasswordForEmail(b, { redirectTo: "https://evil.example/steal" });
    const linkB = confirmLink((await waitForMail(b))[0]);
    expect(linkB.origin).toBe(SITE);
    expect(linkB.searchParams.get("next")).toBeNull();
  });

  it("GET /verify redirects (303) to the allowed redirect_to with the session in the fragment, or the error", async () => {
    const email = (await createUser()).email!;
    const { data } = await admin().generateLink({ type: "magiclink", email, options: { redirectTo: `${SITE}/welcome` } });
    const res = await fetch(data.properties!.action_link, { redirect: "manual" });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(`${SITE}/welcome`);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("type")).toBe("magiclink");
    expect(fragment.get("token_type")).toBe("bearer");
    const { data: me } = await anon().auth.getUser(fragment.get("access_token")!);
    expect(me.user?.email).toBe(email);

    // The same link again: back to the app with the error, not a JSON page.
    const again = await fetch(data.properties!.action_link, { redirect: "manual" });
    expect(again.status).toBe(303);
    const errorFragment = new URLSearchParams(new URL(again.headers.get("location")!).hash.slice(1));
    expect(errorFragment.get("error_code")).toBe("otp_expired");
    expect(errorFragment.get("error")).toBe("access_denied");

    // A forged redirect_to on the link is not followed.
    const forged = new URL(data.properties!.action_link);
    forged.searchParams.set("redirect_to", "https://evil.example/");
    const res3 = await fetch(forged, { redirect: "manual" });
    expect(new URL(res3.headers.get("location")!).origin).toBe(SITE);
  });
});

describe("admin.generateLink", () => {
  it("needs the service role", async () => {
    const { error } = await anon().auth.admin.generateLink({ type: "recovery", email: "a@example.test" });
    expect(error).toMatchObject({ status: 403, code: "not_admin" });
  });

  it("signup: creates an unconfirmed user; the link confirms and signs in", async () => {
    const email = newEmail("signup");
    const { data, error } = await admin().generateLink({ type: "signup", email, password: PASSWORD });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email });
    expect(data.user!.email_confirmed_at).toBeUndefined();
    expect(data.properties).toMatchObject({ verification_type: "signup", redirect_to: SITE, email_otp: "" });
    expect(data.properties!.hashed_token).toMatch(/^[0-9a-f]{56}$/);
    expect((await anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toMatchObject({ code: "email_not_confirmed" });

    const { data: verified, error: verifyError } = await anon().auth.verifyOtp({ type: "signup", token_hash: data.properties!.hashed_token });
    expect(verifyError).toBeNull();
    expect(verified.user!.email_confirmed_at).toBeTruthy();
    expect((await anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();

    const { error: dup } = await admin().generateLink({ type: "signup", email, password: PASSWORD });
    expect(dup).toMatchObject({ status: 422, code: "email_exists" });
  });

  it("invite: creates a user with invited_at; the link signs in", async () => {
    const email = newEmail("invite");
    const { data, error } = await admin().generateLink({ type: "invite", email });
    expect(error).toBeNull();
    expect(data.user!.invited_at).toBeTruthy();
    expect(data.properties!.verification_type).toBe("invite");
    const { data: verified } = await anon().auth.verifyOtp({ type: "invite", token_hash: data.properties!.hashed_token });
    expect(verified.session?.user.email).toBe(email);
  });

  it("magiclink: for a known user signs in; for an unknown address it is a signup", async () => {
    const known = (await createUser()).email!;
    const { data } = await admin().generateLink({ type: "magiclink", email: known });
    expect(data.properties!.verification_type).toBe("magiclink");
    const { data: verified } = await anon().auth.verifyOtp({ type: "magiclink", token_hash: data.properties!.hashed_token });
    expect(verified.session?.user.email).toBe(known);
    // 'email' type takes the same token kinds.
    const { data: again } = await admin().generateLink({ type: "magiclink", email: known });
    expect((await anon().auth.verifyOtp({ type: "email", token_hash: again.properties!.hashed_token })).data.session).toBeTruthy();

    const unknown = newEmail("magic");
    const { data: created } = await admin().generateLink({ type: "magiclink", email: unknown });
    expect(created.properties!.verification_type).toBe("signup");
    expect(created.user!.email).toBe(unknown);
  });

  it("recovery: 404 for an unknown address; the link signs in once", async () => {
    const { error } = await admin().generateLink({ type: "recovery", email: newEmail("nobody") });
    expect(error).toMatchObject({ status: 404, code: "user_not_found" });
    const email = (await createUser()).email!;
    const { data } = await admin().generateLink({ type: "recovery", email });
    expect(new URL(data.properties!.action_link).pathname).toBe("/auth/v1/verify");
    expect((await anon().auth.verifyOtp({ type: "recovery", token_hash: data.properties!.hashed_token })).data.session).toBeTruthy();
    expect((await anon().auth.verifyOtp({ type: "recovery", token_hash: data.properties!.hashed_token })).error).toMatchObject({
      code: "otp_expired",
    });
  });

  it("email_change_current and email_change_new: both links needed; then the email (and profile) change", async () => {
    const user = await createUser();
    const target = newEmail("changed");
    const current = await admin().generateLink({ type: "email_change_current", email: user.email!, newEmail: target });
    const next = await admin().generateLink({ type: "email_change_new", email: user.email!, newEmail: target });
    expect(current.error).toBeNull();
    expect(next.error).toBeNull();
    expect(current.data.properties!.verification_type).toBe("email_change_current");
    expect(next.data.user!.new_email).toBe(target);
    expect(new URL(next.data.properties!.action_link).searchParams.get("type")).toBe("email_change");

    expect((await anon().auth.verifyOtp({ type: "email_change", token_hash: next.data.properties!.hashed_token })).data.session).toBeNull();
    expect(await profileEmail(user.id)).toBe(user.email);
    const done = await anon().auth.verifyOtp({ type: "email_change", token_hash: current.data.properties!.hashed_token });
    expect(done.data.session?.user.email).toBe(target);
    expect(await profileEmail(user.id)).toBe(target);

    const { error } = await admin().generateLink({ type: "email_change_new", email: target, newEmail: (await createUser()).email! });
    expect(error).toMatchObject({ status: 422, code: "email_exists" });
  });

  it("refuses an unknown type", async () => {
    const res = await fetch(`${server.url}/auth/v1/admin/generate_link`, {
      method: "POST",
      headers: { apikey: server.serviceRoleKey, authorization: `Bearer ${server.serviceRoleKey}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "bogus", email: "a@example.test" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe("validation_failed");
  });
});

describe("mail catcher", () => {
  it("serves loopback host names only, and takes deliveries as JSON only", async () => {
    // fetch() will not send another Host header: a plain request, as a DNS-rebound page's would arrive.
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        http.get(`${catcher.url}/api/messages`, { headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on("error", reject);
      });
    expect(await status("evil.example")).toBe(403);
    expect(await status(`evil.example:${catcher.port}`)).toBe(403);
    expect(await status(`localhost:${catcher.port}`)).toBe(200);
    const form = await fetch(`${catcher.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "to=a@example.test&subject=x&text=y",
    });
    expect(form.status).toBe(415);
  });

  it("renders mail as escaped text in its inbox page", async () => {
    const to = newEmail("html");
    const res = await fetch(`${catcher.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "x", to, subject: "<script>alert(1)</script>", text: "<img src=x onerror=alert(1)> http://localhost/ok" }),
    });
    expect(res.status).toBe(201);
    const page = await (await fetch(`${catcher.url}/?to=${encodeURIComponent(to)}`)).text();
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;script&gt;");
    expect(page).toContain('<a href="http://localhost/ok"');
  });
});
