/**
 * npm run dev | npm run start — the whole console on one machine with nothing but Node:
 * the embedded Postgres (migrated, and demo-seeded on first start), the local Auth API stand-in
 * and the Next.js server. Ctrl-C stops all three.
 *
 * With DATABASE_URL set, that Postgres is used instead of the embedded one; with
 * NEXT_PUBLIC_SUPABASE_URL set, that Supabase's Auth is used instead of the stand-in.
 */
import "../tooling/load-env";
import path from "node:path";
import { buildApp, hasProductionBuild, startAppStack, type AppStack } from "../tooling/app-stack";
import { DEMO_ACCOUNTS } from "../tooling/demo-accounts";
import { connect, migrateDatabase, ROOT } from "../tooling/migrate";
import { openDatabase, type Database } from "../tooling/stack";

const production = process.argv.includes("--production");
/** The local Auth API's random JWT secret and the API keys signed with it, beside the data. */
const JWT_SECRET_FILE = path.join(ROOT, ".data/auth-jwt-secret.json");
const log = (l: string) => console.log(l);

/** The stand-in serves unless a real Supabase URL is configured. */
function isLocalAuthUrl(url: string | undefined): boolean {
  if (!url) return true;
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost";
}

async function needsDemoData(adminUrl: string): Promise<boolean> {
  const sql = connect(adminUrl);
  try {
    const [row] = await sql`select count(*)::int as n from auth.users`;
    return row.n === 0;
  } finally {
    await sql.end();
  }
}

async function main() {
  let database: Database | null = null;
  let stack: AppStack | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("\nStopping...");
    await stack?.stop().catch((e) => console.error(e));
    await database?.stop().catch((e) => console.error(e));
    log("Stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    database = await openDatabase({ reuseRunning: false, log });
    log(database.embedded ? "Embedded Postgres is up." : "Using the Postgres in DATABASE_URL.");
    await migrateDatabase(database.adminUrl, (l) => log(`  ${l}`), { embedded: database.embedded });
    if (database.embedded && (await needsDemoData(database.adminUrl))) {
      log("First start: seeding demo data...");
      const { seedDemo } = await import("./seed-demo");
      await seedDemo(database.adminUrl, { log: (l) => log(`  ${l}`) });
    }
    if (production && (!hasProductionBuild() || process.argv.includes("--build"))) await buildApp(log);

    stack = await startAppStack({
      adminUrl: database.adminUrl,
      appDbUrl: database.appUrl,
      mode: production ? "production" : "dev",
      appPort: process.env.PORT ? Number(process.env.PORT) : undefined,
      authPort: process.env.AUTH_PORT ? Number(process.env.AUTH_PORT) : undefined,
      mailPort: process.env.MAIL_PORT ? Number(process.env.MAIL_PORT) : undefined,
      localAuth: isLocalAuthUrl(process.env.NEXT_PUBLIC_SUPABASE_URL),
      signingKeyFile: path.join(ROOT, ".data/auth-signing-key.json"),
      jwtSecretFile: JWT_SECRET_FILE,
      log,
    });

    log("");
    log(`  Console ready: ${stack.appUrl}`);
    if (stack.mailUrl) log(`  Mail (password reset, email change links): ${stack.mailUrl}`);
    if (stack.jwtSecret) log(`  Auth API keys (anon, service_role): ${path.relative(process.cwd(), JWT_SECRET_FILE)}`);
    if (database.embedded) {
      log("  Demo accounts (email / password):");
      for (const a of DEMO_ACCOUNTS) log(`    ${a.role.padEnd(8)} ${a.email.padEnd(22)} ${a.password}`);
    }
    log("  Press Ctrl-C to stop.");
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop(1);
  }
}

main();
