/**
 * Server settings, validated once. The only reader of process.env on the server (the browser's
 * share is lib/env-public.ts). Without any environment the local defaults apply, so a fresh clone
 * runs with nothing copied or edited; the local API keys are the exception: they are signed with
 * the local Auth stand-in's random secret, and `npm run dev` / `npm run start`
 * (tooling/app-stack.ts) hand them to the app in its environment.
 */
import "server-only";
import { z } from "zod";
import { LOCAL_SUPABASE_URL } from "./env-public";

// Read at run time, by a computed name, so that Next does not inline the build machine's value:
// one production build then serves any Supabase URL (the e2e stack uses free ports).
const runtime = (name: string): string | undefined => process.env[name] || undefined;

const schema = z.object({
  supabaseUrl: z.url(),
  supabaseAnonKey: z.string().min(20).optional(),
  serviceRoleKey: z.string().min(20).optional(),
  /** The app's pooled login; on the embedded Postgres the NOINHERIT `authenticator` role. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  /** The service connection (system log writes only). */
  serviceDatabaseUrl: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  dbPoolSize: z.coerce.number().int().min(1).max(100),
  /**
   * Which forwarded headers carry the client's address (lib/client-ip.ts): `none` (no proxy:
   * the TCP peer, forwarded headers ignored), `vercel`, or the number of reverse proxies that
   * append to X-Forwarded-For. `0` is `none`.
   */
  trustedProxy: z.union([
    z.enum(["none", "vercel"]),
    z.string().regex(/^\d{1,2}$/, 'must be "none", "vercel" or a number of proxies').transform((n) => (Number(n) === 0 ? ("none" as const) : Number(n))),
  ]),
});

export type TrustedProxy = "none" | "vercel" | number;

function load() {
  const pgPort = process.env.PGPORT || "54322";
  const databaseUrl = process.env.DATABASE_URL;
  const parsed = schema.safeParse({
    supabaseUrl: runtime("NEXT_PUBLIC_SUPABASE_URL") ?? LOCAL_SUPABASE_URL,
    supabaseAnonKey: runtime("NEXT_PUBLIC_SUPABASE_ANON_KEY"),
    serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY || undefined,
    databaseUrl:
      process.env.APP_DATABASE_URL ||
      databaseUrl ||
      `postgres://authenticator:authenticator@127.0.0.1:${pgPort}/postgres`,
    serviceDatabaseUrl: databaseUrl || `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres`,
    dbPoolSize: process.env.DB_POOL_SIZE || "10",
    trustedProxy: (process.env.TRUSTED_PROXY || "none").trim().toLowerCase(),
  });
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  }
  // Against a real Supabase, a missing key would otherwise surface later as puzzling 401s.
  const host = new URL(parsed.data.supabaseUrl).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") {
    const missing = ["NEXT_PUBLIC_SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "DATABASE_URL"].filter((k) => !runtime(k));
    if (missing.length) throw new Error(`NEXT_PUBLIC_SUPABASE_URL names a Supabase project, so set ${missing.join(", ")} too.`);
  }
  // Locally the keys come from whoever started the stand-in; there is no published key to fall
  // back on. Modules that never use a key (and tests importing them) still load without them.
  const { supabaseAnonKey, serviceRoleKey, ...rest } = parsed.data;
  return {
    ...rest,
    get supabaseAnonKey(): string {
      return supabaseAnonKey ?? missingKeys("NEXT_PUBLIC_SUPABASE_ANON_KEY");
    },
    get serviceRoleKey(): string {
      return serviceRoleKey ?? missingKeys("SUPABASE_SERVICE_ROLE_KEY");
    },
  };
}

function missingKeys(name: string): never {
  throw new Error(
    `${name} is not set. Start the console with \`npm run dev\` (or \`npm run start\`): it runs the local Auth API ` +
      "and gives the app the API keys signed with its secret (kept in .data/auth-jwt-secret.json). " +
      "Against a real Supabase project, set NEXT_PUBLIC_SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY.",
  );
}

export const env = load();
