/**
 * Issue 16, item 3: the client address is decided by the TRUSTED_PROXY setting, never by what
 * the client sends. Each setting is tried with spoofed headers; the peer-address stamp is tried
 * on a real node:http server with a forged copy of its header.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clientIpFrom, normaliseIp } from "@/lib/client-ip";
import { installPeerAddressStamp, PEER_ADDRESS_HEADER, peerAddressOf } from "@/lib/peer-address";

const headersOf = (h: Record<string, string>) => new Headers(h);
const SPOOFED = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7", forwarded: "for=8.8.8.8", "x-client-ip": "9.9.9.9" };

describe("normaliseIp", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:cb00:7107", "203.0.113.7"],
    ["[2001:DB8:0:0::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%j -> %j", (raw, want) => {
    expect(normaliseIp(raw)).toBe(want);
  });

  it.each(["", "unknown", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.1.1.1", "1.2.3.4, 5.6.7.8", "<script>", "for=1.2.3.4", "x".repeat(200), "2001:db8::g"])(
    "%j is dropped",
    (raw) => {
      expect(normaliseIp(raw)).toBeNull();
    },
  );

  it("is null for anything but a string", () => {
    expect(normaliseIp(null)).toBeNull();
    expect(normaliseIp(undefined)).toBeNull();
  });
});

describe("TRUSTED_PROXY=none: the TCP peer, every forwarded header ignored", () => {
  it("ignores spoofed headers of every kind", () => {
    expect(clientIpFrom(headersOf(SPOOFED), "none", "192.0.2.10")).toBe("192.0.2.10");
  });

  it("rotating X-Forwarded-For gives the same address every time", () => {
    const seen = new Set(Array.from({ length: 40 }, (_, i) => clientIpFrom(headersOf({ "x-forwarded-for": `10.0.${i}.1` }), "none", "192.0.2.10")));
    expect([...seen]).toEqual(["192.0.2.10"]);
  });

  it("an IPv4-mapped peer reads as IPv4; no peer is null, never a header", () => {
    expect(clientIpFrom(headersOf({}), "none", "::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientIpFrom(headersOf(SPOOFED), "none", null)).toBeNull();
  });
});

describe("TRUSTED_PROXY=vercel: the address Vercel's edge wrote", () => {
  it("takes X-Forwarded-For (Vercel overwrites it), falling back to X-Real-IP", () => {
    expect(clientIpFrom(headersOf({ "x-forwarded-for": "198.51.100.4" }), "vercel", "10.0.0.1")).toBe("198.51.100.4");
    expect(clientIpFrom(headersOf({ "x-real-ip": "198.51.100.5" }), "vercel", "10.0.0.1")).toBe("198.51.100.5");
  });

  it("an invalid value is dropped, not passed on", () => {
    expect(clientIpFrom(headersOf({ "x-forwarded-for": "<script>", "x-real-ip": "nonsense" }), "vercel", "10.0.0.1")).toBeNull();
  });
});

describe("TRUSTED_PROXY=N: N appending proxies; the Nth address from the right of [X-Forwarded-For..., peer]", () => {
  it("one proxy (nginx $proxy_add_x_forwarded_for): the address it appended, not the client's claims before it", () => {
    // The client sent "6.6.6.6, 5.5.5.5"; nginx appended the address it saw, 198.51.100.7.
    const h = headersOf({ "x-forwarded-for": "6.6.6.6, 5.5.5.5, 198.51.100.7", "x-real-ip": "7.7.7.7" });
    expect(clientIpFrom(h, 1, "10.0.0.2")).toBe("198.51.100.7");
  });

  it("two proxies (a CDN, then a load balancer)", () => {
    const h = headersOf({ "x-forwarded-for": "6.6.6.6, 198.51.100.8, 203.0.113.1" });
    expect(clientIpFrom(h, 2, "10.0.0.3")).toBe("198.51.100.8");
  });

  it("a chain shorter than N (a request that skipped the proxies) gives its furthest entry", () => {
    expect(clientIpFrom(headersOf({}), 1, "192.0.2.20")).toBe("192.0.2.20");
    expect(clientIpFrom(headersOf({ "x-forwarded-for": "198.51.100.9" }), 3, "10.0.0.4")).toBe("198.51.100.9");
  });

  it("whatever the client puts left of the proxy's entry, the answer does not change", () => {
    const answers = new Set(
      ["", "1.1.1.1", "1.1.1.1, 2.2.2.2", "garbage, , ::1", "198.51.100.7"].map((claimed) =>
        clientIpFrom(headersOf({ "x-forwarded-for": [claimed, "198.51.100.7"].filter(Boolean).join(", ") }), 1, "10.0.0.2"),
      ),
    );
    expect([...answers]).toEqual(["198.51.100.7"]);
  });

  it("an invalid entry where the address should be is null; no peer is null", () => {
    expect(clientIpFrom(headersOf({ "x-forwarded-for": "1.1.1.1, not-an-ip" }), 1, "10.0.0.2")).toBeNull();
    expect(clientIpFrom(headersOf({ "x-forwarded-for": "198.51.100.7" }), 1, null)).toBeNull();
  });
});

describe("TRUSTED_PROXY in lib/env.ts", () => {
  const load = async (value: string | undefined) => {
    vi.resetModules();
    const before = process.env.TRUSTED_PROXY;
    if (value === undefined) delete process.env.TRUSTED_PROXY;
    else process.env.TRUSTED_PROXY = value;
    try {
      return (await import("@/lib/env")).env.trustedProxy;
    } finally {
      if (before === undefined) delete process.env.TRUSTED_PROXY;
      else process.env.TRUSTED_PROXY = before;
    }
  };

  it("parses none (the default), vercel and a number of proxies", async () => {
    expect(await load(undefined)).toBe("none");
    expect(await load("none")).toBe("none");
    expect(await load("0")).toBe("none");
    expect(await load("Vercel")).toBe("vercel");
    expect(await load("2")).toBe(2);
  });

  it("refuses anything else at start-up", async () => {
    for (const bad of ["yes", "true", "-1", "1.5", "127.0.0.1"]) await expect(load(bad), bad).rejects.toThrow(/TRUSTED_PROXY|trustedProxy/);
  });
});

describe("the peer-address stamp on a real node:http server", () => {
  let server: http.Server;
  let url: string;
  const seen: { stamped: string | null; peer: string | null }[] = [];

  beforeAll(async () => {
    installPeerAddressStamp();
    server = http.createServer((req, res) => {
      const stamped = (req.headers[PEER_ADDRESS_HEADER] as string | undefined) ?? null;
      seen.push({ stamped, peer: peerAddressOf(stamped) });
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("overwrites a client-sent copy of its header with the socket's address", async () => {
    seen.length = 0;
    await fetch(url, { headers: { [PEER_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.66" } });
    await fetch(url);
    expect(seen.map((s) => normaliseIp(s.peer))).toEqual(["127.0.0.1", "127.0.0.1"]);
    expect(seen[0].stamped).not.toContain("203.0.113.66");
  });

  it("a value without this process's token (sent before the stamp existed, or forged) is not an address", () => {
    expect(peerAddressOf("203.0.113.66")).toBeNull();
    expect(peerAddressOf("guessed-token 203.0.113.66")).toBeNull();
    expect(peerAddressOf(null)).toBeNull();
    const real = seen[1].stamped!;
    expect(peerAddressOf(real)).toBe(seen[1].peer);
  });
});
