/**
 * One throwaway Postgres for the whole test run, on a free port, with a migrated template
 * database. Each test file clones the template (CREATE DATABASE ... TEMPLATE), so files never
 * see each other's rows and a clone costs milliseconds.
 */
import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { connect, migrateDatabase } from "../tooling/migrate";

export const TEMPLATE_DB = "console_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgPort: number;
  }
}

export default async function setup(project: TestProject) {
  const pg = await startThrowawayPostgres();
  const admin = connect(pg.url());
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await admin.end();
  await migrateDatabase(pg.url(TEMPLATE_DB));
  project.provide("pgPort", pg.port);
  return async () => {
    await pg.stop();
  };
}
