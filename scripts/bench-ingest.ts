/**
 * npm run bench:ingest — rows per second of the CSV ingest, and the memory it takes.
 *
 * Generates CSV files of 100,000 and 1,000,000 rows in a temp dir (content, category, creator
 * and two extra columns that go to metadata; a few duplicates, empty contents and bad categories
 * so every path runs), then ingests each through runIngestJob (lib/ingest/pipeline.ts): the
 * function the upload's job runner calls, with the same file stream, batches, transactions and
 * RLS (authenticator login + runAs with an admin's claims, as withViewer does). The HTTP layer in
 * front of it only streams the upload to a temp file (chunks of 8 MB) and is not timed here.
 *
 * Prints rows/s and the peak RSS of this process (sampled every 20 ms) above its RSS before the
 * run: memory must stay flat as the file grows. Targets: >= 20,000 rows/s for every file; flat
 * memory, judged as: the largest file's RSS growth at most 1.5x the smallest file's (growths
 * under 16 MB count as 16 MB: below that it is the collector's noise, not the file).
 * A throwaway embedded Postgres, durable as Supabase runs it (every batch's commit waits for its
 * WAL flush), or BENCH_DATABASE_URL. A benchmark, not a test: prints verdicts and exits 0.
 * BENCH_SIZES=100000,1000000 (default) chooses the files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { runAs, type Db, type Tx, type VerifiedClaims } from "../lib/db/run-as";
import { BATCH_SIZE, MAX_BATCHES_IN_FLIGHT, runIngestJob } from "../lib/ingest/pipeline";
import { loadBenchUsers, printBenchHeader, Verdicts } from "../tooling/bench";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { migrateDatabase } from "../tooling/migrate";

const SIZES = (process.env.BENCH_SIZES ?? "100000,1000000").split(",").map(Number);
const TARGET_ROWS_PER_S = 20_000;
/** Flat memory: the largest file's RSS growth at most this times the smallest's (floors below). */
const FLAT_FACTOR = 1.5;
const FLAT_FLOOR = 16 * 1024 * 1024;
const log = (l: string) => console.log(l);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

const WORDS = ["billing", "login", "export", "invoice", "dashboard", "team", "API", "plan", "error", "report", "mobile", "SSO"];

async function writeCsv(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write("content,category,creator,ticket_id,notes\n");
  let buf = "";
  for (let i = 1; i <= rows; i++) {
    // every 1000th row repeats an earlier one, every 997th is empty, every 991st has a bad category
    const n = i % 1000 === 0 ? i - 500 : i;
    const content = i % 997 === 0 ? "" : `Row ${n}: customer reports that ${WORDS[n % 12]} fails after ${WORDS[(n * 7) % 12]}, "quoted" detail ${n * 31}`;
    const category = i % 991 === 0 ? "TOP_5" : i % 3 === 0 ? "TOP_10" : i % 3 === 1 ? "BOTTOM_10" : "";
    const creator = i % 2 ? "bench1@example.com" : "";
    buf += `"${content.replace(/"/g, '""')}",${category},${creator},T-${i},note ${i % 50}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  return fs.statSync(file).size;
}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres(undefined, { durable: true });
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ingest-"));
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const client = postgres(appUrl, { max: 4, prepare: false, onnotice: () => {} });
  const app = drizzle(client) as unknown as Db;
  try {
    log(`bench:ingest — CSV ingest through runIngestJob as an admin under RLS (batches of ${BATCH_SIZE.toLocaleString("en-US")} rows, one transaction each, ${MAX_BATCHES_IN_FLIGHT} in flight)`);
    if (!external) await migrateDatabase(adminUrl);
    await printBenchHeader(log, admin, { reads: false });
    log(`  node ${process.version}`);
    await admin.begin((tx) => loadBenchUsers(tx, 2));
    const [{ id: adminId }] = await admin`select id::text as id from public.profiles where email = 'bench1@example.com'`;
    const claims: VerifiedClaims = { sub: adminId, role: "authenticated", aud: "authenticated", email: "bench1@example.com" };
    const asAdmin = <T>(fn: (tx: Tx) => Promise<T>) => runAs(app, claims, fn);

    const verdicts = new Verdicts();
    const growth: { rows: number; bytes: number }[] = [];
    for (const rows of SIZES) {
      const file = path.join(dir, `bench-${rows}.csv`);
      const bytes = await writeCsv(file, rows);
      const [{ id: projectId }] = await admin`insert into public.projects (name, "ownerId") values (${"bench-" + rows + "-" + Date.now()}, ${adminId}) returning id`;
      const [{ id: jobId }] = await admin`insert into public.ingest_jobs ("projectId", type) values (${projectId}, 'TASK') returning id`;

      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const t0 = performance.now();
      const outcome = await runIngestJob({
        runAs: asAdmin,
        jobId,
        projectId,
        type: "TASK",
        source: `csv:${path.basename(file)}`,
        mapping: { content: "content", category: "category", creator: "creator" },
        onError: "skip",
        uploader: { id: adminId, email: "bench1@example.com" },
        open: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
        estimatedLines: rows + 1,
        embeddingProvider: () => null,
      });
      const secs = (performance.now() - t0) / 1000;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      const [{ n }] = await admin`select count(*)::int as n from public.data_records where "ingestJobId" = ${jobId}`;
      const rate = rows / secs;
      const v = verdicts.judge(`${rows.toLocaleString("en-US")}-row file`, `${Math.round(rate).toLocaleString("en-US")} rows/s`, `>= ${TARGET_ROWS_PER_S.toLocaleString("en-US")} rows/s`, rate >= TARGET_ROWS_PER_S);
      log(`\n  ${rows.toLocaleString()} rows (${mb(bytes)}): ${outcome.status} in ${secs.toFixed(1)} s → ${Math.round(rate).toLocaleString()} rows/s  ${v}`);
      log(`    saved ${outcome.saved.toLocaleString()} (in the table: ${Number(n).toLocaleString()}), skipped ${outcome.skipped.toLocaleString()} ${JSON.stringify(outcome.skippedByReason)}`);
      log(`    RSS before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)})`);
      growth.push({ rows, bytes: peak - before });
      fs.rmSync(file);
    }
    if (growth.length > 1) {
      const sorted = [...growth].sort((a, b) => a.rows - b.rows);
      const small = sorted[0];
      const large = sorted[sorted.length - 1];
      const factor = Math.max(large.bytes, FLAT_FLOOR) / Math.max(small.bytes, FLAT_FLOOR);
      verdicts.judge(
        `memory flat as the file grows (${small.rows.toLocaleString("en-US")} -> ${large.rows.toLocaleString("en-US")} rows)`,
        `RSS growth +${mb(small.bytes)} -> +${mb(large.bytes)}, x${factor.toFixed(2)} (growths under ${mb(FLAT_FLOOR)} count as ${mb(FLAT_FLOOR)})`,
        `<= x${FLAT_FACTOR}`,
        factor <= FLAT_FACTOR,
      );
    } else {
      verdicts.notJudged("memory flat as the file grows", `not run: BENCH_SIZES=${SIZES.join(",")} has one file`, `<= x${FLAT_FACTOR} RSS growth`);
    }
    verdicts.print(log);
  } finally {
    await client.end();
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
    await pg?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
