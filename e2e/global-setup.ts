/**
 * One stack for the whole run: a throwaway Postgres (migrated, demo accounts and the e2e
 * accounts), the Auth API stand-in with short-lived access tokens (so the tests see them
 * expire), and the production build under `next start`. Builds the app once when no build
 * exists. Returns the teardown.
 */
import fs from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { buildApp, hasProductionBuild, startAppStack } from "../tooling/app-stack";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { migrateDatabase, ROOT } from "../tooling/migrate";
import { seedAccounts } from "./support/accounts";
import { writeStackState } from "./support/stack-state";

/**
 * Access tokens live 100 s, so the tests see them expire. Not less than 90 s: auth-js refreshes a
 * session once less than 90 s (its EXPIRY_MARGIN) remain, and with a shorter lifetime every
 * client would refresh on creation, including server renders that cannot write the rotated
 * cookies back; the browser would fall two rotations behind and lose its session. From 10 s of
 * age on, every request refreshes the session in middleware.ts, as it would near the end of a
 * normal hour-long token.
 */
export const JWT_EXPIRY_SECONDS = 100;

const APP_SOURCES = ["app", "components", "lib", "middleware.ts", "instrumentation-client.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

/**
 * True when a source of the app changed after the last `next build` (E2E_BUILD=never skips the
 * check, E2E_BUILD=always rebuilds): the tests must not drive an old build of the app.
 */
function buildIsStale(): boolean {
  if (process.env.E2E_BUILD === "always") return true;
  if (process.env.E2E_BUILD === "never") return false;
  const built = fs.statSync(path.join(ROOT, ".next/BUILD_ID")).mtimeMs;
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs > built;
    return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
  };
  return APP_SOURCES.some((s) => newer(path.join(ROOT, s)));
}

export default async function globalSetup(_config: FullConfig) {
  const log = (l: string) => console.log(l);
  const pg = await startThrowawayPostgres();
  const adminUrl = pg.url();
  try {
    await migrateDatabase(adminUrl);
    await seedAccounts(adminUrl, log);
    if (!hasProductionBuild() || buildIsStale()) await buildApp(log);
    const stack = await startAppStack({
      adminUrl,
      appDbUrl: pg.url("postgres", "authenticator", "authenticator"),
      mode: "production",
      appPort: 0,
      authPort: 0,
      jwtExpirySeconds: JWT_EXPIRY_SECONDS,
      appOutput: process.env.E2E_QUIET ? "ignore" : "inherit",
      log,
    });
    writeStackState({
      appUrl: stack.appUrl,
      authUrl: stack.authUrl,
      adminUrl,
      jwtExpirySeconds: JWT_EXPIRY_SECONDS,
      anonKey: stack.anonKey,
      serviceRoleKey: stack.serviceRoleKey,
      jwtSecret: stack.jwtSecret!,
      mailUrl: stack.mailUrl!,
    });
    log(`e2e: app on ${stack.appUrl}`);
    return async () => {
      await stack.stop();
      await pg.stop();
    };
  } catch (e) {
    await pg.stop();
    throw e;
  }
}
