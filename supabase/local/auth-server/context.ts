/**
 * What a route handler gets: the request, the server's shared parts, and the checks on who is
 * calling (project API key, service role, signed-in user).
 */
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import type { JsonObject, Sql } from "./db";
import type { EmailSettings } from "./email-links";
import { forbidden, unauthorized, userBanned } from "./errors";
import { readJsonObject } from "./http";
import { ADMIN_ROLES } from "./keys";
import type { SignInLimits } from "./rate-limit";
import type { ClientInfo } from "./sessions";
import type { AccessTokenClaims, ApiKeyRole, Tokens } from "./tokens";
import { findUserById, type UserRow } from "./users";

/** Shared by every request: built once by `startAuthServer`. */
export type ServerParts = {
  sql: Sql;
  tokens: Tokens;
  limits: SignInLimits;
  refreshTokenReuseIntervalSeconds: number;
  /** Header naming the client address when behind a proxy (e.g. `x-forwarded-for`); else the socket's. */
  clientIpHeader?: string;
  /** Mail, email links and redirects (recovery, email change, verify, generate_link). */
  email: EmailSettings;
};

export type AuthenticatedUser = { user: UserRow; claims: AccessTokenClaims };

export class RequestContext {
  private bodyPromise?: Promise<JsonObject>;

  constructor(
    readonly req: IncomingMessage,
    readonly url: URL,
    readonly parts: ServerParts,
  ) {}

  get sql() {
    return this.parts.sql;
  }

  get tokens() {
    return this.parts.tokens;
  }

  body(): Promise<JsonObject> {
    this.bodyPromise ??= readJsonObject(this.req);
    return this.bodyPromise;
  }

  query(name: string): string | null {
    return this.url.searchParams.get(name);
  }

  /**
   * The client's address, for rate limits and `auth.sessions.ip`: the first value of the
   * configured header (as GOTRUE_RATE_LIMIT_HEADER) when one is set and it is a valid IP, else
   * the socket's. Without the setting no header is believed: anyone could send one.
   */
  get ip(): string {
    const header = this.parts.clientIpHeader;
    const unmapped = (a: string) => (a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a);
    const forwarded = header ? unmapped(String(this.req.headers[header.toLowerCase()] ?? "").split(",")[0].trim()) : "";
    return isIP(forwarded) ? forwarded : unmapped(this.req.socket.remoteAddress ?? "");
  }

  get client(): ClientInfo {
    const ip = this.ip;
    return { userAgent: this.req.headers["user-agent"] ?? null, ip: isIP(ip) ? ip : null };
  }

  bearer(): string | null {
    const match = /^bearer\s+(\S+)\s*$/i.exec(this.req.headers.authorization ?? "");
    return match ? match[1] : null;
  }

  /**
   * The project key in `apikey` (header, or query as the Supabase gateway also accepts), which every
   * route but the public ones requires. The gateway in front of Supabase Auth answers 401 without it.
   */
  async requireApiKey(): Promise<ApiKeyRole> {
    const key = (this.req.headers.apikey as string | undefined) ?? this.query("apikey");
    if (!key) throw unauthorized("no_authorization", "No API key found in request");
    const role = await this.tokens.apiKeyRole(key);
    if (!role) throw unauthorized("no_authorization", "Invalid API key");
    return role;
  }

  /**
   * Admin routes: the bearer must be a token signed with the project's secret (or our access-token
   * key) whose role is an admin role, `service_role` or `supabase_admin`, as Supabase Auth decides
   * (its JWT admin roles). A forged or foreign token is 403 `bad_jwt`, any other role 403 `not_admin`.
   */
  async requireServiceRole(): Promise<void> {
    const bearer = this.bearer();
    if (!bearer) throw unauthorized("no_authorization", "This endpoint requires a bearer token");
    const role = await this.tokens.bearerRole(bearer);
    if (!role || !ADMIN_ROLES.includes(role)) throw forbidden("not_admin", "User not allowed");
  }

  /**
   * The signed-in user behind the bearer access token, checked as Supabase Auth checks it:
   * signature and expiry (`bad_jwt`), the user (`user_not_found`), the session row, which sign-out
   * deletes (`session_not_found`), and the ban (`user_banned`, unless `allowBanned`: a banned user
   * may still sign out).
   */
  async requireUser(opts: { allowBanned?: boolean } = {}): Promise<AuthenticatedUser> {
    const bearer = this.bearer();
    if (!bearer) throw unauthorized("no_authorization", "This endpoint requires a bearer token");
    const claims = await this.tokens.verifyAccessToken(bearer);
    const user = await findUserById(this.sql, claims.sub);
    if (!user || user.deleted_at) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
    const [session] = await this.sql`
      select 1 from auth.sessions where id = ${claims.session_id} and user_id = ${claims.sub}`;
    if (!session) throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
    if (user.banned && !opts.allowBanned) throw userBanned(403);
    return { user, claims };
  }
}
