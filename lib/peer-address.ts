/**
 * The TCP peer's address of each request, which Next's request API does not expose (issue 16,
 * item 3): without it the app could only read the client-sent `X-Forwarded-For`, which Next keeps
 * as sent (node_modules/next/dist/server/base-server.js: `x-forwarded-for ??= remoteAddress`).
 *
 * `installPeerAddressStamp()` (instrumentation.ts `register()`) subscribes to Node's
 * `http.server.request.start` diagnostics channel, which node:http publishes for every request
 * after parsing its headers and before emitting `'request'` to Next's handler, and writes the
 * socket's `remoteAddress` into the request header PEER_ADDRESS_HEADER, overwriting whatever the
 * client sent under that name. The value is prefixed with a random per-process token: a request
 * parsed before the subscription existed (the first moments of `next start`) keeps a
 * client-sent value, and the token is what tells the two apart (`peerAddressOf` returns null
 * without it). Both `next dev` and `next start` serve HTTP and run `register()` in the same Node
 * process (the dev CLI forks one child that does both), and app code runs in that process's
 * global scope, so the token is shared through `globalThis`.
 */
import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/** The app's own request header for the peer address; never trusted without the process token. */
export const PEER_ADDRESS_HEADER = "x-console-peer-address";

const TOKEN = Symbol.for("console.peerAddressToken");
type Global = typeof globalThis & { [TOKEN]?: string };

/** Subscribes once per process; later calls do nothing. */
export function installPeerAddressStamp(): void {
  const g = globalThis as Global;
  if (g[TOKEN]) return;
  const token = randomBytes(18).toString("base64url");
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = `${token} ${socket?.remoteAddress ?? ""}`;
  });
  g[TOKEN] = token;
}

/**
 * The peer address in a stamped header value, or null when the value does not carry this
 * process's token (not stamped, or sent by the client).
 */
export function peerAddressOf(value: string | null | undefined): string | null {
  const token = (globalThis as Global)[TOKEN];
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value.slice(space + 1) || null;
}
