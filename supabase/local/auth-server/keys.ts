/**
 * Keys: the project's JWT secret and the API keys derived from it (HS256 JWTs with the `anon` and
 * `service_role` roles, as a Supabase project has), and the ES256 key that signs access tokens, as
 * current Supabase projects do.
 *
 * The JWT secret is random, per local data folder (`.data/auth-jwt-secret.json` for `npm run dev`)
 * or per throwaway stack: never the Supabase CLI's published demo secret, with which anyone could
 * sign a service_role key.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

/** The roles of the project API keys a gateway in front of Supabase Auth knows. */
export type ApiKeyRole = "anon" | "service_role";

/** The JWT `role` claims Supabase Auth lets use its admin routes (its default `GOTRUE_JWT_ADMIN_ROLES`). */
export const ADMIN_ROLES: readonly string[] = ["service_role", "supabase_admin"];

/** What a project's settings page would show: the secret and the two keys signed with it. */
export type ProjectKeys = { jwtSecret: string; anonKey: string; serviceRoleKey: string };

/** Shorter secrets are refused: HS256 wants at least 256 bits. */
const MIN_SECRET_LENGTH = 32;
/** API keys are long-lived, as Supabase's are (ten years). */
const API_KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

/** A fresh secret: 48 random bytes, base64url (64 characters). */
export function newJwtSecret(): string {
  return randomBytes(48).toString("base64url");
}

/** The anon and service_role keys for `jwtSecret`, issued at `iat` (seconds). */
export function deriveProjectKeys(jwtSecret: string, iat = Math.floor(Date.now() / 1000)): ProjectKeys {
  if (jwtSecret.length < MIN_SECRET_LENGTH) throw new Error(`the JWT secret must be at least ${MIN_SECRET_LENGTH} characters`);
  const key = (role: ApiKeyRole) => signHs256({ iss: "supabase", role, iat, exp: iat + API_KEY_LIFETIME_SECONDS }, jwtSecret);
  return { jwtSecret, anonKey: key("anon"), serviceRoleKey: key("service_role") };
}

/**
 * Loads the project's JWT secret and API keys from `file`, creating it (mode 0600) when absent;
 * without a file the secret lives as long as the caller keeps it. Persisting it keeps the keys the
 * same across restarts. The file holds the keys too, so a person can read them there.
 */
export function loadProjectKeys(file?: string): ProjectKeys {
  if (!file) return deriveProjectKeys(newJwtSecret());
  if (!fs.existsSync(file)) {
    const keys = deriveProjectKeys(newJwtSecret());
    createOnce(file, { jwt_secret: keys.jwtSecret, anon_key: keys.anonKey, service_role_key: keys.serviceRoleKey });
  }
  let stored: { jwt_secret?: unknown; anon_key?: unknown; service_role_key?: unknown };
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`auth JWT secret ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const { jwt_secret: jwtSecret, anon_key: anonKey, service_role_key: serviceRoleKey } = stored ?? {};
  if (typeof jwtSecret !== "string" || jwtSecret.length < MIN_SECRET_LENGTH) {
    throw new Error(`auth JWT secret ${file} has no jwt_secret of at least ${MIN_SECRET_LENGTH} characters (delete the file to make a new one)`);
  }
  if (hs256Role(anonKey, jwtSecret) !== "anon" || hs256Role(serviceRoleKey, jwtSecret) !== "service_role") {
    throw new Error(`auth JWT secret ${file}: anon_key and service_role_key are not keys signed with its jwt_secret (delete the file to make a new one)`);
  }
  return { jwtSecret, anonKey: anonKey as string, serviceRoleKey: serviceRoleKey as string };
}

/**
 * Writes `value` as JSON to `file` (mode 0600) unless the file exists, whole or not at all: it is
 * written under a temporary name and hard-linked into place, which fails if another process got
 * there first (then its file wins). Readers never see a half-written file.
 */
function createOnce(file: string, value: object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n", { flag: "wx", mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function signHs256(claims: Record<string, unknown>, secret: string): string {
  const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

/** The role claim of an HS256 JWT signed with `secret` (expiry not checked), else null. */
function hs256Role(token: unknown, secret: string): string | null {
  if (typeof token !== "string") return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    if (JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")).alg !== "HS256") return null;
  } catch {
    return null;
  }
  const expected = createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest();
  const actual = Buffer.from(parts[2], "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    const role = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")).role;
    return typeof role === "string" ? role : null;
  } catch {
    return null;
  }
}

export type SigningKey = {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** What `/.well-known/jwks.json` publishes. */
  publicJwk: JWK;
};

/**
 * Loads the ES256 signing key from `file`, creating it when absent; without a file the key lives
 * as long as the process. Persisting it keeps sessions (cookies) valid across restarts.
 */
export async function loadSigningKey(file?: string): Promise<SigningKey> {
  if (!file) return fromPrivateJwk(await generatePrivateJwk());
  if (!fs.existsSync(file)) {
    createOnce(file, await generatePrivateJwk());
  }
  let jwk: JWK;
  try {
    jwk = JSON.parse(fs.readFileSync(file, "utf8")) as JWK;
  } catch (e) {
    throw new Error(`auth signing key ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d || !jwk.x || !jwk.y || !jwk.kid) {
    throw new Error(`auth signing key ${file} is not a private P-256 JWK with a kid`);
  }
  return fromPrivateJwk(jwk);
}

async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  // Supabase uses UUIDs as key ids.
  return { ...jwk, kid: randomUUID(), alg: "ES256", use: "sig" };
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  const { kty, crv, x, y, kid } = jwk;
  const publicJwk: JWK = { kty, crv, x, y, kid, alg: "ES256", use: "sig", key_ops: ["verify"] };
  return {
    kid: kid!,
    privateKey: (await importJWK({ kty, crv, x, y, d: jwk.d }, "ES256")) as CryptoKey,
    publicKey: (await importJWK({ kty, crv, x, y }, "ES256")) as CryptoKey,
    publicJwk,
  };
}
