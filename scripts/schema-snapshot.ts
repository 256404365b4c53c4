/**
 * npm run db:snapshot            builds a throwaway database from supabase/migrations/, writes its
 *                                catalog to supabase/schema-snapshot.txt and adds new migration
 *                                files to supabase/migrations.sha256 (never rewrites a pinned line)
 * npm run db:snapshot -- --check compares instead of writing; exits 1 and prints the diff on drift
 */
import fs from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { connect, migrateDatabase, ROOT } from "../tooling/migrate";
import { pinNewMigrations } from "../tooling/migration-checksums";
import { schemaSnapshot } from "../tooling/schema-snapshot";

export const SNAPSHOT_FILE = path.join(ROOT, "supabase/schema-snapshot.txt");

async function main() {
  const check = process.argv.includes("--check");
  const pg = await startThrowawayPostgres();
  let exitCode = 0;
  try {
    const admin = connect(pg.url());
    await admin.unsafe("create database snapshot");
    await admin.end();
    await migrateDatabase(pg.url("snapshot"));
    const sql = connect(pg.url("snapshot"));
    const text = await schemaSnapshot(sql);
    await sql.end();
    if (check) {
      const committed = fs.existsSync(SNAPSHOT_FILE) ? fs.readFileSync(SNAPSHOT_FILE, "utf8") : "";
      if (committed === text) console.log("supabase/schema-snapshot.txt matches the migrations.");
      else {
        for (const part of diffLines(committed, text))
          if (part.added || part.removed)
            for (const line of part.value.replace(/\n$/, "").split("\n")) console.log(`${part.added ? "+" : "-"} ${line}`);
        console.log("The migrations build another schema than supabase/schema-snapshot.txt (- committed, + built).");
        exitCode = 1;
      }
    } else {
      fs.writeFileSync(SNAPSHOT_FILE, text);
      console.log(`Wrote supabase/schema-snapshot.txt (${text.split("\n").length} lines).`);
      for (const file of pinNewMigrations()) console.log(`Pinned ${file} in supabase/migrations.sha256.`);
    }
  } finally {
    await pg.stop();
  }
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
