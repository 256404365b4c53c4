/**
 * A second, private stack for the suites that break things or fill the database with hostile
 * rows (faults, hostile input): its own Postgres (in a temp folder, restartable on the same port),
 * the demo data and e2e accounts, the Auth stand-in and `next start` on the production build that
 * global setup made. Stopping its Postgres or its Auth API does not disturb the shared stack the
 * other specs use.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startAppStack, type AppStack } from "../../tooling/app-stack";
import { startLocalPostgres, type LocalPostgres } from "../../tooling/local-postgres";
import { migrateDatabase } from "../../tooling/migrate";
import { seedAccounts } from "./accounts";

export type OwnStack = {
  appUrl: string;
  adminUrl: string;
  app: AppStack;
  /** A superuser connection for arranging and checking rows (reconnects after a restart). */
  sql: postgres.Sql;
  stopPostgres: () => Promise<void>;
  startPostgres: () => Promise<void>;
  /** Starts `next start` again (after a fault test killed it), same database and Auth API. */
  restartApp: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startOwnStack(opts: { jwtExpirySeconds?: number; label: string }): Promise<OwnStack> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `console-${opts.label}-`));
  fs.chmodSync(base, 0o755);
  const dataDir = path.join(base, "data");
  const log = (l: string) => console.log(`[${opts.label}] ${l}`);
  let pg: LocalPostgres | null = await startLocalPostgres({ dataDir, persistent: true, fast: true });
  const port = pg.port;
  const adminUrl = pg.url();
  const appDbUrl = pg.url("postgres", "authenticator", "authenticator");
  await migrateDatabase(adminUrl);
  await seedAccounts(adminUrl, log);

  const appOptions = {
    adminUrl,
    appDbUrl,
    mode: "production" as const,
    appPort: 0,
    authPort: 0,
    jwtExpirySeconds: opts.jwtExpirySeconds ?? 3600,
    // One key for the life of the stack: a restarted Auth API keeps signing with it.
    signingKeyFile: path.join(base, "signing-key.json"),
    // And one JWT secret: the restarted app and Auth API share the keys.
    jwtSecretFile: path.join(base, "jwt-secret.json"),
    appOutput: (process.env.E2E_QUIET ? "ignore" : "inherit") as "ignore" | "inherit",
    log,
  };
  let app = await startAppStack(appOptions);
  const sql = postgres(adminUrl, { max: 2, onnotice: () => {}, idle_timeout: 1 });

  const stack: OwnStack = {
    appUrl: app.appUrl,
    adminUrl,
    get app() {
      return app;
    },
    sql,
    stopPostgres: async () => {
      if (!pg) return;
      const p = pg;
      pg = null;
      await p.stop();
    },
    startPostgres: async () => {
      if (pg) return;
      pg = await startLocalPostgres({ dataDir, port, persistent: true, fast: true });
    },
    restartApp: async () => {
      // The killed server's port may linger briefly; the Auth API keeps running (its port is fixed
      // in the build's environment of the new server too).
      await app.stop().catch(() => {});
      const authPort = Number(new URL(app.authUrl).port);
      app = await startAppStack({ ...appOptions, appPort: Number(new URL(stack.appUrl).port), authPort, localAuth: true });
    },
    stop: async () => {
      await sql.end({ timeout: 1 }).catch(() => {});
      await app.stop().catch(() => {});
      if (pg) await pg.stop().catch(() => {});
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
  return stack;
}
