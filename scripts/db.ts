/**
 * npm run db:migrate | db:reset | db:verify
 * Against the embedded Postgres by default (started for the command, or the one `npm run dev`
 * already runs), or against any Postgres named by DATABASE_URL.
 */
import "../tooling/load-env";
import { failureText } from "../tooling/failure";
import { applyLocalLayer, applyMigrations, applySeed, connect } from "../tooling/migrate";
import { resetDatabase } from "../tooling/reset";
import { openDatabase } from "../tooling/stack";
import { printReport, verifyDatabase } from "../tooling/verify";

const USAGE = "usage: tsx scripts/db.ts migrate | reset [--force] | verify";

async function main() {
  const [command, ...flags] = process.argv.slice(2);
  if (!["migrate", "reset", "verify"].includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const database = await openDatabase({ reuseRunning: true });
  const sql = connect(database.adminUrl);
  let exitCode = 0;
  try {
    if (command === "migrate") {
      await migrate(sql, database.embedded);
    } else if (command === "reset") {
      if (!database.embedded && !flags.includes("--force")) {
        console.error("db:reset drops every table of the console in DATABASE_URL. Run it again with --force to do so.");
        exitCode = 2;
      } else {
        await reset(sql);
        await migrate(sql, database.embedded);
      }
    } else {
      const ok = printReport(await verifyDatabase(sql));
      exitCode = ok ? 0 : 1;
    }
  } catch (e) {
    console.error(failureText(e));
    exitCode = 1;
  } finally {
    await sql.end();
    await database.stop();
  }
  process.exit(exitCode);
}

async function migrate(sql: ReturnType<typeof connect>, embedded: boolean) {
  const log = (l: string) => console.log(`  ${l}`);
  if (await applyLocalLayer(sql, log, { embedded })) console.log("Created what Supabase provides (roles, auth schema).");
  const n = await applyMigrations(sql, log);
  await applySeed(sql, log);
  console.log(n ? `Applied ${n} migration(s) and seed.sql.` : "Migrations up to date; seed.sql applied.");
}

/**
 * Like `supabase db reset`: everything the migrations made goes (the objects in public, the
 * migration history, auth users and their sessions); schema public itself, with its owner and
 * Supabase's grants on it, stays (tooling/reset.ts). Supabase's own layer stays too.
 */
async function reset(sql: ReturnType<typeof connect>) {
  await resetDatabase(sql, (l) => console.log(l));
}

main();
