/**
 * The local stand-in for the Supabase Auth API (GoTrue), served under `/auth/v1` so that
 * `@supabase/supabase-js` and `@supabase/ssr` work against it unmodified. The contract is
 * docs/local-stack.md#the-auth-api-stand-in; the authority is the installed auth-js client.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RequestContext, type ServerParts } from "./context";
import { checkAuthSchema, connect } from "./db";
import { ApiError } from "./errors";
import { errorReply, preflight, send, type Reply } from "./http";
import { deriveProjectKeys, loadSigningKey, newJwtSecret } from "./keys";
import { SignInLimits, type SignInLimitOptions, type SignUpLimitOptions } from "./rate-limit";
import { adminCreateUser, adminDeleteUser, adminGetUser, adminListUsers, adminUpdateUser } from "./routes/admin";
import { logout } from "./routes/logout";
import { health, jwks, settings } from "./routes/meta";
import { signup } from "./routes/signup";
import { token } from "./routes/token";
import { getUser, updateUser } from "./routes/user";
import { Tokens } from "./tokens";
import {
  DEFAULT_EMAIL_INTERVAL_SECONDS,
  DEFAULT_OTP_EXPIRY_SECONDS,
  RedirectPolicy,
  SendInterval,
} from "./email-links";
import { Mailer } from "./mailer";
import { adminGenerateLink } from "./routes/generate-link";
import { recover } from "./routes/recover";
import { verifyGet, verifyPost } from "./routes/verify";

export type AuthServerOptions = {
  /** A superuser URL of the database holding the `auth` schema. */
  databaseUrl: string;
  /** 0 picks a free port. Default 54321, the port `supabase start` uses. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Access-token lifetime. Default 3600. */
  jwtExpirySeconds?: number;
  /** Where the ES256 private JWK persists (created when absent); omitted: a key per process. */
  signingKeyFile?: string;
  /**
   * The project's JWT secret: API keys are valid only when signed with it (keys.ts
   * `loadProjectKeys` keeps one per data folder). Omitted: a random one for this server, whose
   * keys are on the returned `AuthServer`.
   */
  jwtSecret?: string;
  /** The URL clients use (the token's `iss` is `<publicUrl>/auth/v1`). Default `http://<host>:<port>`. */
  publicUrl?: string;
  /**
   * Limits on password sign-ins (rate-limit.ts): default 30 failures per IP per 5 minutes, and per
   * account and IP 5 failures, then 2^failures seconds between attempts (at most 15 minutes).
   */
  signInRateLimit?: SignInLimitOptions;
  /** Sign-ups per IP. Default 30 per 5 minutes (GoTrue's default). */
  signUpRateLimit?: SignUpLimitOptions;
  /** How long a rotated refresh token may still be used (parallel refreshes). Default 10. */
  refreshTokenReuseIntervalSeconds?: number;
  /** Header holding the client address when behind a proxy (e.g. `x-forwarded-for`). Default: none. */
  clientIpHeader?: string;
  /**
   * Supabase Auth's SITE_URL: the app, where email links lead and where a `redirect_to` that is
   * not allowed falls back to. Default `http://localhost:3000`.
   */
  siteUrl?: string;
  /** Supabase Auth's URI_ALLOW_LIST: further `redirect_to` URLs or globs (`**`, `*`, `?`). */
  redirectAllowList?: string[];
  /** The local mail catcher's URL (supabase/local/mail-catcher); omitted: mails are printed. */
  mailCatcherUrl?: string;
  /** How long email links work. Default 86400 (Supabase Auth's MAILER_OTP_EXP). */
  emailLinkExpirySeconds?: number;
  /** Per address, the least time between two recovery or email-change mails. Default 60. */
  emailIntervalSeconds?: number;
};

export type AuthServer = {
  /** The Supabase URL to give clients, e.g. `http://127.0.0.1:54321` (without `/auth/v1`). */
  url: string;
  port: number;
  /** API keys signed with the server's JWT secret. */
  anonKey: string;
  serviceRoleKey: string;
  close(): Promise<void>;
};

export const BASE_PATH = "/auth/v1";

type Access = "public" | "apikey" | "service_role";
type Handler = (ctx: RequestContext, ...params: string[]) => Promise<Reply>;
type Route = { method: string; path: string | RegExp; access: Access; handler: Handler };

const USER_BY_ID = /^\/admin\/users\/([^/]+)$/;

const ROUTES: Route[] = [
  // The public key is public: Supabase serves the JWKS without an API key.
  { method: "GET", path: "/.well-known/jwks.json", access: "public", handler: jwks },
  { method: "GET", path: "/health", access: "apikey", handler: health },
  { method: "GET", path: "/settings", access: "apikey", handler: settings },
  { method: "POST", path: "/token", access: "apikey", handler: token },
  { method: "POST", path: "/signup", access: "apikey", handler: signup },
  { method: "GET", path: "/user", access: "apikey", handler: getUser },
  { method: "PUT", path: "/user", access: "apikey", handler: updateUser },
  { method: "POST", path: "/logout", access: "apikey", handler: logout },
  { method: "POST", path: "/recover", access: "apikey", handler: recover },
  { method: "POST", path: "/verify", access: "apikey", handler: verifyPost },
  // The link in a mail, opened by a browser without an API key (Supabase's gateway leaves it open).
  { method: "GET", path: "/verify", access: "public", handler: verifyGet },
  { method: "POST", path: "/admin/generate_link", access: "service_role", handler: adminGenerateLink },
  { method: "GET", path: "/admin/users", access: "service_role", handler: adminListUsers },
  { method: "POST", path: "/admin/users", access: "service_role", handler: adminCreateUser },
  { method: "GET", path: USER_BY_ID, access: "service_role", handler: adminGetUser },
  { method: "PUT", path: USER_BY_ID, access: "service_role", handler: adminUpdateUser },
  { method: "DELETE", path: USER_BY_ID, access: "service_role", handler: adminDeleteUser },
];

export async function startAuthServer(opts: AuthServerOptions): Promise<AuthServer> {
  const host = opts.host ?? "127.0.0.1";
  const signingKey = await loadSigningKey(opts.signingKeyFile);
  const projectKeys = deriveProjectKeys(opts.jwtSecret ?? newJwtSecret());
  const sql = connect(opts.databaseUrl);
  try {
    await checkAuthSchema(sql);
  } catch (e) {
    await sql.end({ timeout: 1 });
    throw e;
  }
  const limits = new SignInLimits(opts.signInRateLimit, opts.signUpRateLimit);
  const mailer = new Mailer(opts.mailCatcherUrl);

  // The issuer contains the port, known only once listening, so the parts are built after
  // listen(); they are set before any connection is processed, and the guard only makes that explicit.
  const ready: { parts?: ServerParts } = {};
  const server = http.createServer((req, res) => {
    if (ready.parts) void handle(req, res, ready.parts);
    else send(res, errorReply(new ApiError(503, "unexpected_failure", "Starting")));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 54321, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    limits.close();
    await sql.end({ timeout: 1 });
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const issuer = `${(opts.publicUrl ?? url).replace(/\/+$/, "")}${BASE_PATH}`;
  ready.parts = {
    sql,
    tokens: new Tokens(signingKey, issuer, opts.jwtExpirySeconds ?? 3600, projectKeys.jwtSecret),
    limits,
    refreshTokenReuseIntervalSeconds: opts.refreshTokenReuseIntervalSeconds ?? 10,
    clientIpHeader: opts.clientIpHeader,
    email: {
      mailer,
      redirects: new RedirectPolicy(opts.siteUrl ?? "http://localhost:3000", opts.redirectAllowList),
      apiUrl: issuer,
      otpExpirySeconds: opts.emailLinkExpirySeconds ?? DEFAULT_OTP_EXPIRY_SECONDS,
      emailIntervalSeconds: opts.emailIntervalSeconds ?? DEFAULT_EMAIL_INTERVAL_SECONDS,
      recoverInterval: new SendInterval(opts.emailIntervalSeconds ?? DEFAULT_EMAIL_INTERVAL_SECONDS),
    },
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        // In-flight requests may finish; idle keep-alive sockets go now, stragglers after a second.
        const force = setTimeout(() => server.closeAllConnections(), 1000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      limits.close();
      await mailer.drain();
      await sql.end({ timeout: 5 });
    })());

  return { url, port, anonKey: projectKeys.anonKey, serviceRoleKey: projectKeys.serviceRoleKey, close };
}

async function handle(req: IncomingMessage, res: ServerResponse, parts: ServerParts): Promise<void> {
  let reply: Reply;
  try {
    reply = await dispatch(req, parts);
  } catch (e) {
    if (e instanceof ApiError) {
      reply = errorReply(e);
    } else {
      // Only a server failure may be a 5xx: auth-js retries those and keeps the session.
      console.error("auth-server: unexpected error", e);
      reply = errorReply(new ApiError(500, "unexpected_failure", "Unexpected failure, please check server logs"));
    }
  }
  if (!res.headersSent) send(res, reply);
}

async function dispatch(req: IncomingMessage, parts: ServerParts): Promise<Reply> {
  // Preflights carry no API key (browsers send no custom headers on them): answer them first.
  if (req.method === "OPTIONS") return preflight();

  const url = new URL(req.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith(`${BASE_PATH}/`)) throw notFound();
  const path = url.pathname.slice(BASE_PATH.length);

  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method !== req.method) continue;

    const ctx = new RequestContext(req, url, parts);
    if (route.access !== "public") await ctx.requireApiKey();
    if (route.access === "service_role") await ctx.requireServiceRole();
    return route.handler(ctx, ...params);
  }
  if (pathMatched) throw new ApiError(405, "method_not_allowed", `Method ${req.method} is not allowed here`);
  throw notFound();
}

function matchPath(pattern: string | RegExp, path: string): string[] | null {
  if (typeof pattern === "string") return pattern === path ? [] : null;
  const m = pattern.exec(path);
  if (!m) return null;
  try {
    return m.slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

const notFound = () => new ApiError(404, "not_found", "Not found");
