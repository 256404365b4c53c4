/**
 * The CSV ingest pipeline (lib/ingest/pipeline.ts) against the real database, as the app runs
 * it: the authenticator login and runAs with the uploader's claims (RLS), batches in their own
 * transactions. Skip vs stop, counts by reason, skipped rows by line, malformed files naming the
 * line, cancel keeping exactly what was saved, dry run, and RLS refusing a stranger's project.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/lib/db/run-as";
import { runAs } from "@/lib/db/run-as";
import { dryRunIngest, runIngestJob, type IngestJobInput } from "@/lib/ingest/pipeline";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let owner: { id: string; email: string };
let stranger: { id: string; email: string };

const asUser = (u: { id: string; email: string }) => <T,>(fn: (tx: Tx) => Promise<T>) => runAs(app.db, claimsFor(u), fn);

async function project(u: { id: string }): Promise<string> {
  const [{ id }] = await db.admin`insert into public.projects (name, "ownerId") values (${"p-" + Math.random()}, ${u.id}) returning id`;
  return id as string;
}
async function job(projectId: string): Promise<string> {
  const [{ id }] = await db.admin`insert into public.ingest_jobs ("projectId", type) values (${projectId}, 'TASK') returning id`;
  return id as string;
}
const bytes = (s: string | Buffer) => () => Readable.from([Buffer.isBuffer(s) ? s : Buffer.from(s)]);

function input(projectId: string, jobId: string, csv: string | Buffer, extra: Partial<IngestJobInput> = {}): IngestJobInput {
  return {
    runAs: asUser(owner),
    jobId,
    projectId,
    type: "TASK",
    source: "csv:test.csv",
    mapping: { content: "content", category: "category", creator: "creator" },
    onError: "skip",
    uploader: owner,
    open: bytes(csv),
    embeddingProvider: () => null,
    ...extra,
  };
}

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  owner = await createUser(db.admin, { role: "USER" });
  stranger = await createUser(db.admin, { role: "USER" });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const GOOD_AND_BAD = [
  "content,category,creator,ticket",
  "first task,TOP_10,,T-1", // line 2
  "second task,bottom 10,OWNER,T-2", // line 3 (creator by email, case-insensitive)
  ",TOP_10,,T-3", // line 4: empty content
  "third task,TOP_5,,T-4", // line 5: bad category
  "first task,TOP_10,,T-5", // line 6: duplicate of line 2
  "fourth task,,nobody@example.test,T-6", // line 7: unknown creator
  '"fifth, with comma and ""quotes""",,,T-7', // line 8
].join("\n");

describe("runIngestJob", () => {
  it("skips bad rows with their reason and line, keeps other columns as metadata", async () => {
    const p = await project(owner);
    const j = await job(p);
    const csv = GOOD_AND_BAD.replace("OWNER", owner.email.toUpperCase());
    const out = await runIngestJob(input(p, j, csv, { batchSize: 3 }));
    expect(out).toMatchObject({ status: "COMPLETED", rows: 7, saved: 3, skipped: 4, vectorizationPending: true });
    expect(out.skippedByReason).toEqual({ empty_content: 1, invalid_category: 1, duplicate: 1, unknown_creator: 1 });

    const [jr] = await db.admin`select status, "totalRecords", "savedCount", "skippedCount", "skippedDetails" from public.ingest_jobs where id = ${j}`;
    expect(jr).toMatchObject({ status: "COMPLETED", totalRecords: 7, savedCount: 3, skippedCount: 4 });
    expect(jr.skippedDetails).toEqual(out.skippedByReason);
    const skipped = await db.admin`select line, reason from public.ingest_skipped_rows where "jobId" = ${j} order by line`;
    expect(skipped.map((r) => [r.line, r.reason])).toEqual([
      [4, "empty_content"],
      [5, "invalid_category"],
      [6, "duplicate"],
      [7, "unknown_creator"],
    ]);
    const recs = await db.admin`select content, category, metadata, "createdById", embedding, "ingestJobId", source from public.data_records where "projectId" = ${p} order by content`;
    expect(recs.map((r) => r.content)).toEqual(["fifth, with comma and \"quotes\"", "first task", "second task"]);
    expect(recs[2]).toMatchObject({ category: "BOTTOM_10", metadata: { ticket: "T-2" }, createdById: owner.id, embedding: [], ingestJobId: j, source: "csv:test.csv" });
  });

  it("stops at the first bad row, keeping the rows before it", async () => {
    const p = await project(owner);
    const j = await job(p);
    const out = await runIngestJob(input(p, j, GOOD_AND_BAD.replace("OWNER", owner.email), { onError: "stop" }));
    expect(out.status).toBe("FAILED");
    expect(out.error).toMatch(/^Line 4: Empty content/);
    const [{ n }] = await db.admin`select count(*)::int as n from public.data_records where "projectId" = ${p}`;
    expect(n).toBe(2);
    const [jr] = await db.admin`select status, error, "savedCount" from public.ingest_jobs where id = ${j}`;
    expect(jr).toMatchObject({ status: "FAILED", savedCount: 2 });
    expect(jr.error).toContain("Line 4");
  });

  it.each([
    ["a ragged row", "content,category\na,TOP_10\nb,TOP_10,extra\n", /^Line 3: 3 fields, but the header has 2/],
    ["no content column", "title,category\na,TOP_10\n", /^Line 1: no content column/],
    ["an unclosed quote", 'content,category\na,TOP_10\n"b,TOP_10\n', /^Line \d+: a quoted field is never closed/],
    ["Latin-1 bytes", Buffer.concat([Buffer.from("content,category\nok,TOP_10\ncaf"), Buffer.from([0xe9]), Buffer.from(",TOP_10\n")]), /^Line 3: the file is not valid UTF-8/],
    ["UTF-16", Buffer.from("\ufeffcontent\nx\n", "utf16le"), /^Line 1: the file is UTF-16/],
  ])("fails a file with %s, naming the line", async (_label, csv, message) => {
    const p = await project(owner);
    const j = await job(p);
    const out = await runIngestJob(input(p, j, csv, { mapping: { content: "content", category: null, creator: null } }));
    expect(out.status).toBe("FAILED");
    expect(out.error).toMatch(message);
    const [jr] = await db.admin`select status, error from public.ingest_jobs where id = ${j}`;
    expect(jr.status).toBe("FAILED");
    expect(jr.error).toMatch(message);
  });

  it("a cancel between batches keeps exactly the saved batches", async () => {
    const p = await project(owner);
    const j = await job(p);
    const rows = Array.from({ length: 50 }, (_, i) => `row ${i},TOP_10`).join("\n");
    let batches = 0;
    // The admin cancels right after the second batch commits.
    const runAsThenCancel = async <T,>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
      const r = await asUser(owner)(fn);
      if (++batches === 3) await db.admin`update public.ingest_jobs set status = 'CANCELLED' where id = ${j}`;
      return r;
    };
    const out = await runIngestJob(input(p, j, `content,category\n${rows}\n`, { batchSize: 10, runAs: runAsThenCancel, mapping: { content: "content", category: "category", creator: null } }));
    expect(out.status).toBe("CANCELLED");
    const [jr] = await db.admin`select status, "savedCount" from public.ingest_jobs where id = ${j}`;
    const [{ n }] = await db.admin`select count(*)::int as n from public.data_records where "projectId" = ${p}`;
    expect(jr.status).toBe("CANCELLED");
    expect(n).toBe(jr.savedCount);
    expect(n % 10).toBe(0); // whole batches only
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(50);
  });

  it("finds duplicates across batches written at the same time, keeping each content's first line", async () => {
    const p = await project(owner);
    const j = await job(p);
    // 40 rows over 6 contents, in batches of 4: nearly every row repeats one of a batch still in flight.
    const rows = Array.from({ length: 40 }, (_, i) => `item ${(i * 5) % 6},TOP_10`).join("\n");
    const out = await runIngestJob(input(p, j, `content,category\n${rows}\n`, { batchSize: 4, mapping: { content: "content", category: "category", creator: null } }));
    expect(out).toMatchObject({ status: "COMPLETED", rows: 40, saved: 6, skipped: 34, skippedByReason: { duplicate: 34 } });
    const recs = await db.admin`select content from public.data_records where "projectId" = ${p} order by content`;
    expect(recs.map((r) => r.content)).toEqual(["item 0", "item 1", "item 2", "item 3", "item 4", "item 5"]);
    const skipped = await db.admin`select line from public.ingest_skipped_rows where "jobId" = ${j} and reason = 'duplicate' order by line`;
    expect(skipped.map((r) => r.line)).toEqual(Array.from({ length: 34 }, (_, i) => i + 8)); // lines 2-7 are the firsts
  });

  it("cannot write into someone else's project (RLS): the job is not even visible", async () => {
    const p = await project(owner);
    const j = await job(p);
    const out = await runIngestJob(input(p, j, "content\nsneaky\n", { runAs: asUser(stranger), uploader: stranger, mapping: { content: "content", category: null, creator: null } }));
    expect(out.status).toBe("CANCELLED"); // PENDING -> PROCESSING changed no visible row
    const [{ n }] = await db.admin`select count(*)::int as n from public.data_records where "projectId" = ${p}`;
    expect(n).toBe(0);
  });
});

describe("dryRunIngest", () => {
  it("lists every problem by line and writes nothing", async () => {
    const p = await project(owner);
    const report = await dryRunIngest({
      runAs: asUser(owner),
      projectId: p,
      type: "TASK",
      mapping: { content: "content", category: "category", creator: "creator" },
      uploader: owner,
      open: bytes(GOOD_AND_BAD.replace("OWNER", owner.email) + "\nsecond task,TOP_10,,T-8"),
      batchSize: 2,
    });
    expect(report).toMatchObject({ ok: false, rows: 8, valid: 3, problemCount: 5, fatal: null });
    expect(report.problems.map((x) => [x.line, x.reason])).toEqual([
      [4, "empty_content"],
      [5, "invalid_category"],
      [6, "duplicate"],
      [7, "unknown_creator"],
      [9, "duplicate"],
    ]);
    const [{ n }] = await db.admin`select count(*)::int as n from public.data_records where "projectId" = ${p}`;
    expect(n).toBe(0);
  });
});
