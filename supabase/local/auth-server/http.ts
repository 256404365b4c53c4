/** HTTP plumbing: replies, JSON bodies, and the headers every response carries. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, validationFailed } from "./errors";
import type { JsonObject } from "./db";

/**
 * auth-js reads an error's `code` only when the response says it speaks API version 2024-01-01
 * (lib/helpers.js `parseResponseAPIVersion`), so every response says so.
 */
export const API_VERSION_HEADER = "X-Supabase-Api-Version";
export const API_VERSION = "2024-01-01";

const MAX_BODY_BYTES = 1024 * 1024;

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
export const noContent = (): Reply => ({ status: 204 });

/** Browsers call the Auth API cross-origin with bearer headers, never cookies: any origin may. */
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "X-Total-Count, Link, X-Supabase-Api-Version",
};
const PREFLIGHT_HEADERS = {
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "apikey, authorization, content-type, x-client-info, x-supabase-api-version",
  "Access-Control-Max-Age": "86400",
};

export function preflight(): Reply {
  return { status: 204, headers: PREFLIGHT_HEADERS };
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    [API_VERSION_HEADER]: API_VERSION,
    ...CORS_HEADERS,
    ...reply.headers,
  };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res
    .writeHead(reply.status, {
      ...headers,
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(payload)),
    })
    .end(payload);
}

export function errorReply(e: ApiError): Reply {
  return { status: e.status, body: e.toBody() };
}

/**
 * The request body as a JSON object; an empty body is `{}` (auth-js sends `POST /logout` without
 * one). Anything that is not a JSON object is the client's mistake (400 `bad_json`), never a 5xx.
 */
export async function readJsonObject(req: IncomingMessage): Promise<JsonObject> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new ApiError(413, "request_too_large", "Request body is too large");
      chunks.push(chunk);
    }
  } catch (e) {
    // An aborted upload is the client's doing, not a server failure.
    if (e instanceof ApiError) throw e;
    throw new ApiError(400, "bad_json", "Could not read the request body");
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, "bad_json", `Could not parse request body as JSON: ${(e as Error).message}`);
  }
  if (value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ApiError(400, "bad_json", "Could not parse request body as JSON: expected an object");
  }
  return value as JsonObject;
}

/** `1` -> 1; empty or absent -> `fallback`; anything else (`-1`, `abc`, `1.5`) -> `validation_failed`. */
export function positiveIntParam(value: string | null, fallback: number): number {
  if (value === null || value === "") return fallback;
  if (!/^\d{1,9}$/.test(value)) throw validationFailed("Bad Pagination Parameters");
  const n = Number(value);
  return n === 0 ? fallback : n;
}
