/**
 * The request details a system log row carries (seed 001: ip_address, user_agent,
 * request_path, request_method, session_id), read from the incoming request's headers.
 */
import "server-only";
import { headers } from "next/headers";
import { clientIp } from "@/lib/client-ip";
import type { RequestContext } from "./system-log";

export async function requestContext(path: string, method = "POST", sessionId?: string | null): Promise<RequestContext> {
  try {
    const h = await headers();
    return {
      path,
      method,
      ip: await clientIp(),
      userAgent: h.get("user-agent"),
      sessionId: sessionId ?? null,
    };
  } catch {
    return { path, method, sessionId: sessionId ?? null };
  }
}

/**
 * The Auth session id of an access token (its `session_id` claim), for correlating log rows of one
 * session. Only read, never trusted: the token was just issued to this server by the Auth API.
 */
export function sessionIdOf(accessToken: string | undefined | null): string | null {
  if (!accessToken) return null;
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString("utf8")) as { session_id?: unknown };
    return typeof payload.session_id === "string" ? payload.session_id : null;
  } catch {
    return null;
  }
}
