/**
 * The app's Postgres pool (postgres.js) wrapped by drizzle. One per server process, created on
 * first use. Reads go through withViewer (lib/db/with-viewer.ts), never through `db` directly.
 */
import "server-only";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import type { Db } from "./run-as";
import * as schema from "./schema";

const globalForDb = globalThis as unknown as { __consoleDb?: { sql: postgres.Sql; db: Db } };

export function getDb(): Db {
  if (!globalForDb.__consoleDb) {
    const sql = postgres(env.databaseUrl, {
      max: env.dbPoolSize,
      idle_timeout: 30,
      connect_timeout: 5,
      // No prepared statements: works behind Supabase's transaction pooler (Supavisor) too.
      prepare: false,
      onnotice: () => {},
    });
    globalForDb.__consoleDb = { sql, db: drizzle(sql, { schema }) };
  }
  return globalForDb.__consoleDb.db;
}
