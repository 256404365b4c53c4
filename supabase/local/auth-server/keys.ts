/**
 * Keys: the Supabase CLI's published local API keys (HS256 JWTs signed with its demo secret, so
 * apps configured for `supabase start` work here unchanged) and the ES256 key that signs access
 * tokens, as current Supabase projects do.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

/** The Supabase CLI's demo JWT secret. Public knowledge: local development only. */
export const LOCAL_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

/** `{"iss":"supabase-demo","role":"anon","exp":1983812996}` signed with LOCAL_JWT_SECRET. */
export const LOCAL_ANON_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";

/** `{"iss":"supabase-demo","role":"service_role","exp":1983812996}` signed with LOCAL_JWT_SECRET. */
export const LOCAL_SERVICE_ROLE_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";

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
    const jwk = await generatePrivateJwk();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // `wx`: if another process created the file meanwhile, use its key rather than overwrite it.
      fs.writeFileSync(file, JSON.stringify(jwk, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
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
