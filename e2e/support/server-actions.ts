/**
 * Every server action of the production build, found in `.next/server/server-reference-manifest.json`
 * (id, file, exported name, the pages that bundle it), and a client that calls one over HTTP the
 * way React does: `POST <page>` with `Next-Action: <id>` and the JSON argument list as the body.
 * Nothing here knows the actions by name: what the build holds is what gets called.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../../tooling/migrate";

export type ServerAction = { id: string; file: string; name: string; page: string };

/** `app/(console)/chats/[id]/page` -> `/chats/00000000-0000-4000-8000-000000000000`. */
function pagePath(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map((s) => (s.startsWith("[") ? "00000000-0000-4000-8000-000000000000" : s));
  return `/${segments.join("/")}`;
}

export function discoverActions(): ServerAction[] {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const workers = Object.keys(entry.workers).filter((w) => w.endsWith("/page"));
    // Prefer a page without dynamic segments, then the shortest path.
    const worker = [...workers].sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")) || a.length - b.length)[0];
    return { id, file: entry.filename ?? "?", name: entry.exportedName ?? id.slice(0, 8), page: worker ? pagePath(worker) : "/" };
  });
}

/** React's reply encoding of plain values: a string starting with `$` is escaped as `$$`. */
export function escapeForReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeForReply);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeForReply(v)]));
  }
  return value;
}

export type ActionResponse = {
  status: number;
  body: string;
  /** The action's return value when the call answered with one (`ok`, `message`, `fieldErrors`...). */
  result: Record<string, unknown> | null;
  /** The action threw (React sends an error row) */
  threw: boolean;
};

export async function callAction(
  baseUrl: string,
  action: Pick<ServerAction, "id" | "page">,
  args: unknown[],
  opts: { cookie?: string; origin?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ActionResponse> {
  const res = await fetch(new URL(action.page, baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: opts.origin ?? new URL(baseUrl).origin,
      ...(opts.cookie ? { Cookie: opts.cookie } : {}),
      ...opts.headers,
    },
    body: opts.rawBody ?? JSON.stringify(escapeForReply(args)),
  });
  const body = await res.text();
  return { status: res.status, body, ...parseActionBody(body) };
}

/** The action's return value in a flight response body, and whether it threw. */
export function parseActionBody(body: string): { result: Record<string, unknown> | null; threw: boolean } {
  let result: Record<string, unknown> | null = null;
  let threw = false;
  // The flight rows: `0:{"a":"$@1",...}` then `1:<the return value>` (or `1:E{...}` when it threw).
  const root = /^0:(\{.*\})$/m.exec(body);
  const ref = root ? /"a":"\$@([0-9a-f]+)"/.exec(root[1])?.[1] : undefined;
  if (ref) {
    const row = new RegExp(`^${ref}:(E?)(.*)$`, "m").exec(body);
    if (row?.[1] === "E") threw = true;
    else if (row) {
      try {
        const value = JSON.parse(row[2]) as unknown;
        if (value && typeof value === "object") result = value as Record<string, unknown>;
      } catch {
        // not JSON (a streamed value): leave result null
      }
    }
  }
  return { result, threw };
}

/** A Cookie header from a Playwright context's cookies. */
export function cookieHeader(cookies: { name: string; value: string }[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
