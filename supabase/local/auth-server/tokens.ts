/**
 * Access tokens (ES256, verified by clients through the JWKS), API keys (HS256 with the project's
 * JWT secret, keys.ts) and refresh tokens (opaque random strings).
 */
import { randomBytes } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { forbidden } from "./errors";
import type { ApiKeyRole, SigningKey } from "./keys";

export const AUDIENCE = "authenticated";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type { ApiKeyRole } from "./keys";

/** The claims Supabase Auth puts in an access token, in its order. */
export type AccessTokenClaims = {
  iss: string;
  sub: string;
  aud: typeof AUDIENCE;
  exp: number;
  iat: number;
  email: string;
  phone: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  role: "authenticated";
  aal: "aal1";
  amr: { method: string; timestamp: number }[];
  session_id: string;
  is_anonymous: boolean;
};

export type TokenSubject = {
  id: string;
  email: string | null;
  phone: string | null;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  is_anonymous: boolean;
};

export type IssuedAccessToken = { token: string; expiresIn: number; expiresAt: number };

export class Tokens {
  private readonly apiKeySecret: Uint8Array;

  constructor(
    private readonly key: SigningKey,
    private readonly issuer: string,
    readonly expirySeconds: number,
    /** The project's JWT secret: API keys are HS256 JWTs signed with it, and only with it. */
    jwtSecret: string,
  ) {
    this.apiKeySecret = new TextEncoder().encode(jwtSecret);
  }

  jwks() {
    return { keys: [this.key.publicJwk] };
  }

  /** `signedInAt` is when the session was created: the `amr` timestamp survives refreshes. */
  async issueAccessToken(user: TokenSubject, sessionId: string, signedInAt: Date): Promise<IssuedAccessToken> {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.expirySeconds;
    const claims: AccessTokenClaims = {
      iss: this.issuer,
      sub: user.id,
      aud: AUDIENCE,
      exp,
      iat,
      email: user.email ?? "",
      phone: user.phone ?? "",
      app_metadata: user.app_metadata,
      user_metadata: user.user_metadata,
      // The token's role is the Postgres role PostgREST switches to: always `authenticated` here;
      // the app's own roles live in its tables and are never the Auth API's business.
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: "password", timestamp: Math.floor(signedInAt.getTime() / 1000) }],
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    };
    const token = await new SignJWT(claims as unknown as JWTPayload)
      .setProtectedHeader({ alg: "ES256", kid: this.key.kid, typ: "JWT" })
      .sign(this.key.privateKey);
    return { token, expiresIn: this.expirySeconds, expiresAt: exp };
  }

  /**
   * Verifies a user's access token: our ES256 key, audience, expiry, and the ids it must carry.
   * API keys (HS256) are not user tokens and fail here, as they do on GoTrue (no `sub`).
   */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key.publicKey, {
        algorithms: ["ES256"],
        audience: AUDIENCE,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (e) {
      throw badJwt(describeJoseError(e));
    }
    if (typeof payload.sub !== "string" || !UUID_RE.test(payload.sub)) throw badJwt("invalid sub claim");
    if (typeof payload.session_id !== "string" || !UUID_RE.test(payload.session_id)) {
      throw badJwt("invalid session_id claim");
    }
    return payload as unknown as AccessTokenClaims;
  }

  /**
   * The role of a valid project API key (HS256, signed with the project's secret), or null for
   * anything else: a key signed with another secret (the CLI's published demo secret included),
   * a user token, a key of any other role.
   */
  async apiKeyRole(token: string): Promise<ApiKeyRole | null> {
    try {
      const { payload } = await jwtVerify(token, this.apiKeySecret, { algorithms: ["HS256"] });
      return payload.role === "anon" || payload.role === "service_role" ? payload.role : null;
    } catch {
      return null;
    }
  }

  /**
   * The `role` claim of a bearer token on an admin route, as Supabase Auth reads it: an HS256 JWT
   * signed with the project's secret or one of our ES256 access tokens, unexpired. Anything else
   * (another secret, another key, another algorithm) is 403 `bad_jwt`.
   */
  async bearerRole(token: string): Promise<string | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, (header) => (header.alg === "HS256" ? this.apiKeySecret : this.key.publicKey), {
        algorithms: ["HS256", "ES256"],
      }));
    } catch (e) {
      throw badJwt(describeJoseError(e));
    }
    return typeof payload.role === "string" ? payload.role : null;
  }
}

/** 16 random bytes, URL-safe: as long as GoTrue's and as unguessable. */
export function newRefreshToken(): string {
  return randomBytes(16).toString("base64url");
}

function badJwt(reason: string) {
  return forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${reason}`);
}

function describeJoseError(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return "token has invalid claims: token is expired";
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `token has invalid claims: ${e.message}`;
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return "token signature is invalid";
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return "signing method is not allowed";
  return "token is malformed";
}
