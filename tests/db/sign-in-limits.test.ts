/**
 * Issue 16, item 3: the app's sign-in and sign-up limits in Postgres
 * (supabase/migrations/20251125001800_sign_in_limits.sql), through the app's own path: the
 * `authenticator` login and lib/auth/sign-in-limits.ts, with the client address decided by
 * lib/client-ip.ts. Time is moved by shifting the rows' timestamps back.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  inWords,
  returnSignUpAttempt,
  settleSignInAttempt,
  takeSignInAttempt,
  takeSignUpAttempt,
  tooManySignInsMessage,
  type LimitVerdict,
} from "@/lib/auth/sign-in-limits";
import { clientIpFrom } from "@/lib/client-ip";
import { appDb, exec } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl, 10);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});
beforeEach(async () => {
  await db.admin`delete from public.sign_in_limits`;
});

const ADMIN = "admin@example.com";
const waitOf = (v: LimitVerdict) => (v.ok ? 0 : v.waitSeconds);
/** Moves the clock: every row of the limits looks `seconds` older. */
const age = (seconds: number) =>
  db.admin`update public.sign_in_limits
              set window_started_at = window_started_at - make_interval(secs => ${seconds}),
                  last_attempt_at = last_attempt_at - make_interval(secs => ${seconds}),
                  expires_at = expires_at - make_interval(secs => ${seconds})`;

describe("who may call", () => {
  it("the app's login may; anon and authenticated (the Data API's roles) may not, nor read the table", async () => {
    expect(waitOf(await takeSignInAttempt(app.db, ADMIN, "192.0.2.1"))).toBe(0);
    const user = await createUser(db.admin, { role: "ADMIN" });
    for (const actor of [{ name: "anon", claims: null }, { name: "admin", claims: claimsFor(user) }]) {
      for (const q of [
        sql`select public.take_sign_in_attempt(${ADMIN}, '192.0.2.1')`,
        sql`select public.settle_sign_in_attempt(${ADMIN}, '192.0.2.1', 'succeeded')`,
        sql`select public.take_sign_up_attempt('192.0.2.1')`,
        sql`select public.return_sign_up_attempt('192.0.2.1')`,
        sql`select public.purge_sign_in_limits(100)`,
        sql`select count(*) from public.sign_in_limits`,
        sql`delete from public.sign_in_limits`,
      ]) {
        await expect(exec(app.db, actor, q, { rollback: true }), actor.name).rejects.toMatchObject({ code: "42501" });
      }
    }
  });

  it("keeps no typed email: the account is a SHA-256 of the lower-cased address", async () => {
    await takeSignInAttempt(app.db, " Admin@Example.com ", "192.0.2.1");
    const rows = await db.admin`select account_key from public.sign_in_limits where scope = 'sign_in_account_ip'`;
    expect(rows).toEqual([{ account_key: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const [{ same }] = await db.admin`select encode(sha256(convert_to('admin@example.com', 'UTF8')), 'hex') = ${rows[0].account_key} as same`;
    expect(same).toBe(true);
  });
});

describe("per client IP", () => {
  it("rotating a spoofed X-Forwarded-For does not reset the count when TRUSTED_PROXY is none", async () => {
    const peer = "198.51.100.1";
    const verdicts: number[] = [];
    for (let i = 0; i < 40; i++) {
      const ip = clientIpFrom(new Headers({ "x-forwarded-for": `10.${i}.0.1`, "x-real-ip": `10.${i}.0.2` }), "none", peer);
      verdicts.push(waitOf(await takeSignInAttempt(app.db, `sprayed-${i}@example.test`, ip)));
    }
    expect(verdicts.slice(0, 30)).toEqual(Array(30).fill(0));
    for (const w of verdicts.slice(30)) expect(w).toBeGreaterThan(290);
    for (const w of verdicts.slice(30)) expect(w).toBeLessThanOrEqual(300);
    // Only the peer was ever counted.
    const keys = await db.admin`select distinct ip_key from public.sign_in_limits`;
    expect(keys.map((r) => r.ip_key)).toEqual([peer]);
  });

  it("another address is not affected, and the window ends after 5 minutes", async () => {
    for (let i = 0; i < 30; i++) await takeSignInAttempt(app.db, `a${i}@example.test`, "198.51.100.2");
    expect(waitOf(await takeSignInAttempt(app.db, "x@example.test", "198.51.100.2"))).toBeGreaterThan(0);
    expect(waitOf(await takeSignInAttempt(app.db, "x@example.test", "198.51.100.3"))).toBe(0);
    await age(300);
    expect(waitOf(await takeSignInAttempt(app.db, "x@example.test", "198.51.100.2"))).toBe(0);
  });

  it("IPv6 addresses count by their /64: rotating inside it changes nothing", async () => {
    for (let i = 0; i < 30; i++) await takeSignInAttempt(app.db, `v6-${i}@example.test`, `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect(waitOf(await takeSignInAttempt(app.db, "y@example.test", "2001:db8:1:2:ffff::1"))).toBeGreaterThan(0);
    expect(waitOf(await takeSignInAttempt(app.db, "y@example.test", "2001:db8:1:3::1"))).toBe(0);
  });

  it("an unknown address shares one bucket instead of escaping the limit", async () => {
    for (let i = 0; i < 30; i++) await takeSignInAttempt(app.db, `u${i}@example.test`, null);
    expect(waitOf(await takeSignInAttempt(app.db, "z@example.test", null))).toBeGreaterThan(0);
  });
});

describe("per account and IP, with backoff", () => {
  it("a stranger's failures from address A never stop the owner signing in from B", async () => {
    const waits: number[] = [];
    for (let i = 0; i < 15; i++) waits.push(waitOf(await takeSignInAttempt(app.db, ADMIN, "203.0.113.66")));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    for (const w of waits.slice(5)) expect(w).toBeGreaterThan(0);
    // The owner, elsewhere: allowed, and a success clears only their own (account, B) state.
    expect(waitOf(await takeSignInAttempt(app.db, ADMIN, "192.0.2.44"))).toBe(0);
    await settleSignInAttempt(app.db, ADMIN, "192.0.2.44", "succeeded");
    expect(waitOf(await takeSignInAttempt(app.db, ADMIN, "192.0.2.44"))).toBe(0);
    // The stranger still waits.
    expect(waitOf(await takeSignInAttempt(app.db, ADMIN, "203.0.113.66"))).toBeGreaterThan(0);
  });

  it("backoff grows: 2^failures seconds after the 5 free ones, capped at 15 minutes", async () => {
    const ip = "203.0.113.67";
    for (let i = 0; i < 5; i++) expect(waitOf(await takeSignInAttempt(app.db, ADMIN, ip))).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const wait = waitOf(await takeSignInAttempt(app.db, ADMIN, ip));
      waits.push(wait);
      await age(wait - 2);
      expect(waitOf(await takeSignInAttempt(app.db, ADMIN, ip)), "still waiting just before").toBeGreaterThan(0);
      await age(2);
      expect(waitOf(await takeSignInAttempt(app.db, ADMIN, ip)), "allowed once waited").toBe(0);
    }
    expect(waits).toEqual([32, 64, 128, 256, 512, 900, 900]);
  });

  it("a success from that address ends its backoff; 'unchecked' gives the attempt back", async () => {
    const ip = "203.0.113.68";
    for (let i = 0; i < 5; i++) await takeSignInAttempt(app.db, ADMIN, ip);
    // The fifth was the right password after all.
    await settleSignInAttempt(app.db, ADMIN, ip, "succeeded");
    for (let i = 0; i < 4; i++) {
      expect(waitOf(await takeSignInAttempt(app.db, ADMIN, ip))).toBe(0);
      await settleSignInAttempt(app.db, ADMIN, ip, "unchecked"); // the Auth API never answered
    }
    for (let i = 0; i < 5; i++) expect(waitOf(await takeSignInAttempt(app.db, ADMIN, ip))).toBe(0);
    expect(waitOf(await takeSignInAttempt(app.db, ADMIN, ip))).toBe(32);
    const [ipRow] = await db.admin`select attempts from public.sign_in_limits where scope = 'sign_in_ip' and ip_key = ${ip}`;
    // 4 failures, then 5: the success and the four unanswered attempts were given back.
    expect(ipRow.attempts).toBe(9);
  });

  it("parallel guesses are counted before the password is checked: exactly 5 of 20 go through", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => takeSignInAttempt(app.db, ADMIN, "203.0.113.69")));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it("refuses an unknown outcome", async () => {
    await expect(app.db.execute(sql`select public.settle_sign_in_attempt(${ADMIN}, '192.0.2.1', 'maybe')`)).rejects.toMatchObject({
      cause: { code: "22023" },
    });
  });
});

describe("sign-ups per IP", () => {
  it("10 per hour from one address; the 11th waits; another address goes on; an unanswered one is given back", async () => {
    const ip = "198.51.100.50";
    for (let i = 0; i < 10; i++) expect(waitOf(await takeSignUpAttempt(app.db, ip))).toBe(0);
    const wait = waitOf(await takeSignUpAttempt(app.db, ip));
    expect(wait).toBeGreaterThan(3590);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(waitOf(await takeSignUpAttempt(app.db, "198.51.100.51"))).toBe(0);
    await returnSignUpAttempt(app.db, ip);
    expect(waitOf(await takeSignUpAttempt(app.db, ip))).toBe(0);
    expect(waitOf(await takeSignUpAttempt(app.db, ip))).toBeGreaterThan(0);
    await age(3600);
    expect(waitOf(await takeSignUpAttempt(app.db, ip))).toBe(0);
  });
});

describe("bounded rows", () => {
  it("old rows are purged by the takes (up to 100 a call); live ones stay", async () => {
    await db.admin`
      insert into public.sign_in_limits (scope, ip_key, account_key, attempts, expires_at)
      select 'sign_in_ip', '10.99.' || (i / 250) || '.' || (i % 250), '', 3, now() - interval '1 minute'
        from generate_series(1, 150) as i`;
    await db.admin`insert into public.sign_in_limits (scope, ip_key, account_key, attempts, expires_at)
                   values ('sign_up_ip', '10.98.0.1', '', 2, now() + interval '10 minutes')`;
    await takeSignUpAttempt(app.db, "10.97.0.1");
    const [{ n: afterOne }] = await db.admin`select count(*)::int as n from public.sign_in_limits where expires_at < now()`;
    expect(afterOne).toBe(50);
    await takeSignInAttempt(app.db, ADMIN, "10.97.0.2");
    const rows = await db.admin`select scope, ip_key from public.sign_in_limits order by 1, 2`;
    expect(rows).toEqual([
      { scope: "sign_in_account_ip", ip_key: "10.97.0.2" },
      { scope: "sign_in_ip", ip_key: "10.97.0.2" },
      { scope: "sign_up_ip", ip_key: "10.97.0.1" },
      { scope: "sign_up_ip", ip_key: "10.98.0.1" },
    ]);
  });
});

describe("messages", () => {
  it("state the wait in the user's words, rounded up", () => {
    expect(inWords(1)).toBe("in 1 second");
    expect(inWords(32)).toBe("in 32 seconds");
    expect(inWords(60)).toBe("in 1 minute");
    expect(inWords(61)).toBe("in 2 minutes");
    expect(inWords(900)).toBe("in 15 minutes");
    expect(tooManySignInsMessage(100)).toBe("Too many attempts. Try again in 2 minutes.");
  });
});
