/**
 * The 503 "Database unreachable" page middleware.ts sends while Postgres is down: plain HTML, no
 * script (it reloads itself with a meta refresh), the same words as the app's own page
 * (components/shell/error-pages.tsx).
 */
import net from "node:net";
import { DATABASE_UNAVAILABLE_MESSAGE } from "./errors";
import { databaseOutage, markDatabaseUp } from "./db-outage";

const PROBE_EVERY_MS = 500;
const PROBE_TIMEOUT_MS = 1_000;
const RETRY_AFTER_SECONDS = 5;

function tcpReachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * While an outage is known (the app saw a connection failure): is Postgres accepting connections
 * again? Checked at most twice a second, by a TCP connect to the app's database address (no query,
 * no login: middleware never touches data). Resolves true when requests should go through.
 */
export async function databaseLooksUp(databaseUrl: string): Promise<boolean> {
  const s = databaseOutage();
  if (s.downSince === null) return true;
  if (Date.now() - s.probedAt < PROBE_EVERY_MS) return s.probeUp;
  s.probedAt = Date.now();
  const url = new URL(databaseUrl);
  const up = await tcpReachable(url.hostname.replace(/^\[|\]$/g, ""), Number(url.port || 5432));
  if (up) markDatabaseUp();
  else s.probeUp = false;
  return up;
}

export function databaseUnavailableResponse(headers: Record<string, string>): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>Database unreachable · Agent Console</title></head>
<body style="margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;font-family:ui-sans-serif,system-ui,sans-serif;background:#fafafa;color:#18181b">
<main style="max-width:28rem;padding:2rem;text-align:center">
<p style="font-size:.75rem;font-weight:600;color:#71717a;letter-spacing:.05em">503</p>
<h1 style="font-size:1.25rem;margin:.5rem 0">Database unreachable</h1>
<p style="color:#52525b;font-size:.875rem">${DATABASE_UNAVAILABLE_MESSAGE} Nothing was lost.</p>
<p role="status" style="color:#71717a;font-size:.8125rem">This page reloads by itself every ${RETRY_AFTER_SECONDS} seconds and shows the console when the database is back.</p>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(RETRY_AFTER_SECONDS),
    },
  });
}
