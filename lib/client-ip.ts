/**
 * The client's address, decided in one place (issue 16, item 3): the sign-in limits, the address
 * forwarded to the Auth API and `ip_address` in the system logs all use it.
 *
 * Forwarded headers are only as true as the proxy that wrote them, so which ones to believe is a
 * setting, `TRUSTED_PROXY` (lib/env.ts), never a guess:
 *
 * - unset or `none`: nothing sits in front of the app. The address is the TCP peer's (stamped by
 *   lib/peer-address.ts); `X-Forwarded-For`, `X-Real-IP` and the like are the client's own words
 *   and are ignored.
 * - `vercel`: Vercel's edge overwrites `X-Forwarded-For` with the client's public address (and
 *   sets `X-Real-IP` to the same) whatever the client sent; the peer is Vercel's infrastructure.
 * - a number N (1, 2, ...): N reverse proxies in front of the app, each appending the address it
 *   saw to `X-Forwarded-For` (nginx `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`,
 *   cloud load balancers). Of [X-Forwarded-For..., peer], the Nth from the right is the address
 *   the outermost proxy saw; everything left of it may be the client's invention.
 *
 * Only valid IP addresses come out, normalised (IPv4-mapped IPv6 as IPv4, IPv6 compressed and
 * lower-case, ports and brackets removed); anything else is null.
 */
import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { env, type TrustedProxy } from "@/lib/env";
import { PEER_ADDRESS_HEADER, peerAddressOf } from "./peer-address";

type HeaderSource = { get(name: string): string | null };

/** A valid, normalised IP address from `raw`, or null. */
export function normaliseIp(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  let s = raw.trim();
  if (s.length === 0 || s.length > 100) return null;
  // "[2001:db8::1]" or "[2001:db8::1]:443"
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1];
  // "203.0.113.7:51234" (some load balancers append the port)
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(s)) s = s.slice(0, s.indexOf(":"));
  s = s.toLowerCase().replace(/%[0-9a-z._~-]+$/, ""); // an IPv6 zone ("fe80::1%eth0") is local detail
  const family = isIP(s);
  if (family === 4) return s;
  if (family !== 6) return null;
  const canonical = new URL(`http://[${s}]/`).hostname.slice(1, -1); // WHATWG compresses and lower-cases
  const mapped = /^::ffff:(?:(\d{1,3}(?:\.\d{1,3}){3})|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(canonical);
  if (mapped) {
    if (mapped[1]) return mapped[1];
    const hi = parseInt(mapped[2], 16);
    const lo = parseInt(mapped[3], 16);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return canonical;
}

/** The entries of every `X-Forwarded-For` line, left to right, untouched. */
function forwardedFor(h: HeaderSource): string[] {
  const v = h.get("x-forwarded-for");
  return v ? v.split(",").map((x) => x.trim()) : [];
}

/**
 * The client address of a request with headers `h` and TCP peer `peer`, as `proxy` says to
 * decide it. Pure: the tests call it with spoofed headers for every setting.
 */
export function clientIpFrom(h: HeaderSource, proxy: TrustedProxy, peer: string | null): string | null {
  if (proxy === "none") return normaliseIp(peer);
  if (proxy === "vercel") {
    // Vercel writes both from the connection it accepted; a client's own values do not survive.
    return normaliseIp(forwardedFor(h)[0]) ?? normaliseIp(h.get("x-real-ip"));
  }
  // N proxies: without the peer the chain cannot be counted from its trusted end.
  if (peer === null) return null;
  const chain = [...forwardedFor(h), peer];
  // A chain shorter than expected (a request that skipped a proxy): its furthest entry, which
  // then is the peer or an address a trusted proxy wrote.
  return normaliseIp(chain[Math.max(0, chain.length - 1 - proxy)]);
}

/** The current request's client address (server components, actions, route handlers). */
export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return clientIpFrom(h, env.trustedProxy, peerAddressOf(h.get(PEER_ADDRESS_HEADER)));
}

/** The same for a plain header record (instrumentation.ts `onRequestError`). */
export function clientIpOfHeaderRecord(record: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const get = (name: string): string | null => {
    const v = record[name];
    return Array.isArray(v) ? v.join(", ") : (v ?? null);
  };
  return clientIpFrom({ get }, env.trustedProxy, peerAddressOf(get(PEER_ADDRESS_HEADER)));
}
