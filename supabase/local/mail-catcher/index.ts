/**
 * The local mail catcher: where the Auth stand-in's mails (password recovery, email change)
 * go instead of a network, as the Supabase CLI runs Inbucket/Mailpit on port 54324.
 *
 *   GET  /                       the inbox as a small HTML page (`?to=` filters by recipient)
 *   GET  /api/messages?to=...    `{messages: [...]}`, newest first (tests read this)
 *   GET  /api/messages/{id}      one message
 *   POST /api/messages           delivery: `{from, to, subject, text}` as application/json
 *   DELETE /api/messages         empties the inbox
 *
 * Mail is kept in memory (the newest 1,000) and lost on restart. The catcher listens on the
 * loopback interface only, answers only requests addressed to a loopback host name (a web page
 * cannot read it through DNS rebinding), takes deliveries only as JSON (a cross-site form cannot
 * post one without a CORS preflight, which it never grants) and renders every message as text.
 */
import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type CaughtMail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The http(s) links found in the text, in order. */
  links: string[];
  receivedAt: string;
};

export type MailCatcherOptions = {
  /** 0 picks a free port. Default 54324, the port the Supabase CLI's mail catcher uses. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How many messages are kept; older ones are dropped. Default 1000. */
  maxMessages?: number;
};

export type MailCatcher = {
  /** e.g. `http://127.0.0.1:54324` */
  url: string;
  port: number;
  close(): Promise<void>;
};

export const DEFAULT_MAIL_CATCHER_PORT = 54324;
const MAX_BODY_BYTES = 256 * 1024;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? "127.0.0.1";
  const maxMessages = opts.maxMessages ?? 1000;
  const inbox: CaughtMail[] = [];

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error("mail-catcher: unexpected error", e);
      if (!res.headersSent) reply(res, 500, { error: "unexpected failure" });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host)) return reply(res, 403, { error: "only loopback host names are served" });
    const url = new URL(req.url ?? "/", "http://localhost");
    const to = url.searchParams.get("to")?.trim().toLowerCase() || null;
    const byId = /^\/api\/messages\/([^/]+)$/.exec(url.pathname);

    if (url.pathname === "/" && req.method === "GET") return html(res, inboxPage(filtered(to), to));
    if (url.pathname === "/api/messages" && req.method === "GET") return reply(res, 200, { messages: filtered(to) });
    if (url.pathname === "/api/messages" && req.method === "DELETE") {
      inbox.length = 0;
      return reply(res, 200, {});
    }
    if (url.pathname === "/api/messages" && req.method === "POST") return deliver(req, res);
    if (byId && req.method === "GET") {
      const found = inbox.find((m) => m.id === byId[1]);
      return found ? reply(res, 200, found) : reply(res, 404, { error: "no such message" });
    }
    return reply(res, 404, { error: "not found" });
  }

  function filtered(to: string | null): CaughtMail[] {
    const list = to ? inbox.filter((m) => m.to.includes(to)) : inbox;
    return [...list].reverse();
  }

  async function deliver(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return reply(res, 415, { error: "deliver mail as application/json" });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return reply(res, 400, { error: "the body is not JSON, or too large" });
    }
    const mail = parseMail(body);
    if (!mail) return reply(res, 400, { error: "expected {from, to, subject, text}" });
    inbox.push(mail);
    if (inbox.length > maxMessages) inbox.splice(0, inbox.length - maxMessages);
    return reply(res, 201, { id: mail.id });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? DEFAULT_MAIL_CATCHER_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith("[") ? hostHeader.slice(0, hostHeader.indexOf("]") + 1) : hostHeader.split(":")[0];
  return LOOPBACK_HOSTS.has(name.toLowerCase());
}

function parseMail(value: unknown): CaughtMail | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const to = (Array.isArray(v.to) ? v.to : [v.to]).filter((t): t is string => typeof t === "string" && t.length > 0);
  if (to.length === 0 || typeof v.subject !== "string" || typeof v.text !== "string") return null;
  return {
    id: randomUUID(),
    from: typeof v.from === "string" ? v.from : "",
    to: to.map((t) => t.trim().toLowerCase()),
    subject: v.subject,
    text: v.text,
    links: v.text.match(/https?:\/\/[^\s<>"']+/g) ?? [],
    receivedAt: new Date().toISOString(),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error("too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res
    .writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(payload)),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    })
    .end(payload);
}

function html(res: ServerResponse, page: string): void {
  res
    .writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(page)),
      "Cache-Control": "no-store",
      // No script at all; the page is text and links.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    })
    .end(page);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function inboxPage(messages: CaughtMail[], to: string | null): string {
  const items = messages
    .map(
      (m) => `<article>
  <h2>${escapeHtml(m.subject)}</h2>
  <p class="meta">To ${escapeHtml(m.to.join(", "))} · from ${escapeHtml(m.from)} · ${escapeHtml(m.receivedAt)}</p>
  <pre>${escapeHtml(m.text)}</pre>
  ${m.links.map((l) => `<p><a href="${escapeHtml(l)}" rel="noreferrer">${escapeHtml(l.length > 120 ? `${l.slice(0, 117)}...` : l)}</a></p>`).join("\n  ")}
</article>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local mail</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#18181b}
article{border:1px solid #e4e4e7;border-radius:.5rem;padding:1rem;margin:1rem 0}
h1{font-size:1.25rem}h2{font-size:1rem;margin:0}.meta{color:#71717a;margin:.25rem 0}
pre{white-space:pre-wrap;word-break:break-word;background:#fafafa;padding:.75rem;border-radius:.25rem}
a{word-break:break-all}
</style></head><body>
<h1>Local mail${to ? ` to ${escapeHtml(to)}` : ""}</h1>
<form method="get"><label>Recipient <input name="to" type="email" value="${escapeHtml(to ?? "")}"></label> <button>Filter</button></form>
<p class="meta">${messages.length} message${messages.length === 1 ? "" : "s"}, newest first. Mail from the local Auth API lands here; nothing leaves this machine. Reload to see new mail.</p>
${items || "<p>No mail yet.</p>"}
</body></html>`;
}
