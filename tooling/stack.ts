/**
 * Where the project's database is: any Postgres named by DATABASE_URL (a Supabase project, a
 * Debian server), or else the embedded one under .data/postgres on PGPORT (default 54322, the
 * port `supabase start` gives its database).
 */
import path from "node:path";
import { ROOT } from "./migrate";
import { runningPostmaster, startLocalPostgres, LOCAL_SUPERUSER, LOCAL_SUPERUSER_PASSWORD } from "./local-postgres";

export const DEV_DATA_DIR = path.join(ROOT, ".data/postgres");
export const DEV_DB_NAME = "postgres";

export type Database = {
  /** Superuser / service connection: migrations, seeding, system writes. */
  adminUrl: string;
  /** The app's login (authenticator on the embedded Postgres). */
  appUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

function localUrl(port: number, user: string, password: string, db = DEV_DB_NAME) {
  return `postgres://${user}:${password}@127.0.0.1:${port}/${db}`;
}

/**
 * Opens the project's database. With `reuseRunning`, a dev stack's Postgres already running on
 * the data folder is used as it is (db:* commands next to `npm run dev`); without it, a leftover
 * Postgres from a killed wrapper is reported and stopped before a fresh start.
 */
export async function openDatabase(opts: { reuseRunning: boolean; log?: (l: string) => void }): Promise<Database> {
  const log = opts.log ?? ((l: string) => console.log(l));
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    return { adminUrl: url, appUrl: process.env.APP_DATABASE_URL ?? url, embedded: false, stop: async () => {} };
  }
  const running = opts.reuseRunning ? runningPostmaster(DEV_DATA_DIR) : null;
  if (running) {
    log(`Using the embedded Postgres already running on port ${running.port} (pid ${running.pid}).`);
    return {
      adminUrl: localUrl(running.port, LOCAL_SUPERUSER, LOCAL_SUPERUSER_PASSWORD),
      appUrl: localUrl(running.port, "authenticator", "authenticator"),
      embedded: true,
      stop: async () => {},
    };
  }
  const port = process.env.PGPORT ? Number(process.env.PGPORT) : 54322;
  const pg = await startLocalPostgres({ dataDir: DEV_DATA_DIR, port, fallbackToFreePort: !process.env.PGPORT, log });
  return {
    adminUrl: pg.url(DEV_DB_NAME),
    appUrl: pg.url(DEV_DB_NAME, "authenticator", "authenticator"),
    embedded: true,
    stop: pg.stop,
  };
}
