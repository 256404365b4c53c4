/**
 * CLI: serves the local Auth API until SIGINT/SIGTERM.
 *
 *   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres \
 *     npx tsx supabase/local/auth-server/main.ts
 *
 * Env: DATABASE_URL (required; a superuser URL), AUTH_PORT (54321), AUTH_JWT_EXPIRY (3600 seconds),
 * AUTH_SIGNING_KEY_FILE (.data/auth-signing-key.json, relative to the working directory),
 * AUTH_JWT_SECRET_FILE (.data/auth-jwt-secret.json: the project's JWT secret and the anon and
 * service_role keys signed with it, created on first use; clients read their key there), or
 * AUTH_JWT_SECRET (the secret itself, at least 32 characters; no file then).
 */
import path from "node:path";
import { loadProjectKeys } from "./keys";
import { startAuthServer } from "./server";

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL is required (a superuser URL of the database with the auth schema)");
    process.exit(2);
  }
  const secretFile = path.resolve(process.env.AUTH_JWT_SECRET_FILE || ".data/auth-jwt-secret.json");
  const jwtSecret = process.env.AUTH_JWT_SECRET || loadProjectKeys(secretFile).jwtSecret;
  const server = await startAuthServer({
    databaseUrl,
    port: intFromEnv("AUTH_PORT", 54321),
    jwtExpirySeconds: intFromEnv("AUTH_JWT_EXPIRY", 3600) || 3600,
    signingKeyFile: path.resolve(process.env.AUTH_SIGNING_KEY_FILE || ".data/auth-signing-key.json"),
    jwtSecret,
  });
  const keysFrom = process.env.AUTH_JWT_SECRET ? "signed with AUTH_JWT_SECRET" : `in ${secretFile}`;
  console.log(`Local Supabase Auth API listening on ${server.url}/auth/v1 (API keys ${keysFrom})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
      process.exit(0);
    } catch (e) {
      console.error(`error while stopping on ${signal}:`, e);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((e) => {
  console.error("auth server failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
