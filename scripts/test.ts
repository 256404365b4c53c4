/**
 * npm test — the linter (ESLint, eslint.config.mjs; any finding fails the run), then unit, database and auth tests (vitest, against a throwaway embedded Postgres), then
 * the browser tests (Playwright driving Debian's Chromium against the real app), then what the
 * tests cover, counted from the runners' JSON results by file (unit, database with its per-table
 * schema checks and RLS matrix, auth, security, browser), then one line: "N passed, N failed".
 * A test that passes only on a retry is a failure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../tooling/migrate";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function ensureChromium(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get)...");
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch (e) {
      console.error(`Installing chromium failed: ${(e as Error).message}`);
    }
    return fs.existsSync(CHROMIUM);
  }
  console.error(
    `The browser tests need Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
      "or set CHROMIUM_PATH, then run npm test again.",
  );
  return false;
}

type Counts = { passed: number; failed: number; skipped: number };

/**
 * How many tests of each kind ran (passed or failed), by where they live: tests/lib and
 * tests/tooling are unit tests, tests/db database tests (of which tests/db/schema-drift.test.ts's
 * `table <name>` and `view <name>` groups are the per-table schema checks, and
 * tests/db/rls-matrix.test.ts's one test per table under "RLS matrix" the RLS matrix), tests/auth
 * auth tests, tests/security security tests, e2e/ browser tests. Anything else is "other".
 */
const breadth = { lint: 0, unit: 0, database: 0, schemaChecks: 0, rlsMatrix: 0, auth: 0, security: 0, otherVitest: 0, browser: 0 };

function countVitestTest(file: string, a: { ancestorTitles?: string[]; title: string }): void {
  const ancestors = a.ancestorTitles ?? [];
  if (/^tests\/(lib|tooling)\//.test(file)) breadth.unit++;
  else if (file.startsWith("tests/db/")) {
    breadth.database++;
    if (file === "tests/db/schema-drift.test.ts" && ancestors.some((t) => /^(table|view) \S+$/.test(t))) breadth.schemaChecks++;
    // The matrix names each test after its table; the file's other tests are sentences.
    if (file === "tests/db/rls-matrix.test.ts" && ancestors[0] === "RLS matrix" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.title)) breadth.rlsMatrix++;
  } else if (file.startsWith("tests/auth/")) breadth.auth++;
  else if (file.startsWith("tests/security/")) breadth.security++;
  else breadth.otherVitest++;
}

function printBreadth(): void {
  const n = (v: number) => v.toLocaleString("en-US");
  const vitestTotal = breadth.unit + breadth.database + breadth.auth + breadth.security + breadth.otherVitest;
  const vitestParts = [
    `unit ${n(breadth.unit)}`,
    `database ${n(breadth.database)} (of which per-table and per-view schema checks ${n(breadth.schemaChecks)}, RLS matrix tables ${n(breadth.rlsMatrix)})`,
    `auth ${n(breadth.auth)}`,
    `security ${n(breadth.security)}`,
    ...(breadth.otherVitest ? [`other ${n(breadth.otherVitest)}`] : []),
  ];
  console.log("");
  console.log("== what ran ==");
  console.log(`lint ${n(breadth.lint)} / vitest ${n(vitestTotal)}: ${vitestParts.join(" · ")} / browser ${n(breadth.browser)}`);
}

/** Failed tests with the first lines of their errors, repeated after the counts so that a log's
 * tail (all CI keeps) says what failed, not only how many. */
const failures: string[] = [];

function firstLines(text: string, n = 6): string {
  // Playwright and vitest colour their messages; a log wants plain text.
  // eslint-disable-next-line no-control-regex -- ESC starts the colour codes this strips
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  return plain.split("\n").filter((l) => l.trim()).slice(0, n).map((l) => `    ${l}`).join("\n");
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  return res.status ?? 1;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function vitest(tmp: string): Counts {
  const out = path.join(tmp, "vitest.json");
  const code = run(process.execPath, [
    path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run",
    "--reporter=default", "--reporter=json", `--outputFile.json=${out}`,
  ]);
  const r = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults?: {
      name: string;
      message?: string;
      status?: string;
      assertionResults?: { fullName: string; title: string; ancestorTitles?: string[]; status: string; failureMessages?: string[] }[];
    }[];
  }>(out);
  if (!r) {
    failures.push("vitest: the runner wrote no results");
    return { passed: 0, failed: 1, skipped: 0 }; // the runner itself failed
  }
  for (const file of r.testResults ?? []) {
    const name = path.relative(ROOT, file.name);
    for (const a of file.assertionResults ?? []) if (a.status === "passed" || a.status === "failed") countVitestTest(name.split(path.sep).join("/"), a);
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failedTests) failures.push(`${name} › ${a.fullName}\n${firstLines((a.failureMessages ?? []).join("\n"))}`);
    // A file that failed outside any test (an import error, a failing beforeAll).
    if (failedTests.length === 0 && file.status === "failed") failures.push(`${name}\n${firstLines(file.message ?? "")}`);
  }
  const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
}

/** ESLint over the whole repository; a finding (warnings included) is one failure in the count. */
function lint(tmp: string): Counts {
  const out = path.join(tmp, "eslint.json");
  const code = run(process.execPath, [
    path.join(ROOT, "node_modules/eslint/bin/eslint.js"), ".", "--max-warnings", "0",
    "--format", "stylish", "--output-file", out,
  ]);
  const text = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  breadth.lint = 1;
  if (code === 0) {
    console.log("no findings");
    return { passed: 1, failed: 0, skipped: 0 };
  }
  console.log(text);
  failures.push(`eslint: the linter found problems (npm run lint)\n${firstLines(text, 12)}`);
  return { passed: 0, failed: 1, skipped: 0 };
}

function playwright(tmp: string): Counts {
  const out = path.join(tmp, "playwright.json");
  const code = run(process.execPath, [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: out,
  });
  type Suite = {
    title: string;
    file?: string;
    specs?: { title: string; file: string; line: number; tests: { status: string; results: { status: string; error?: { message?: string } }[] }[] }[];
    suites?: Suite[];
  };
  const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: Suite[] }>(out);
  if (!r) {
    failures.push("playwright: the runner wrote no results");
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const walk = (suites: Suite[] = []) => {
    for (const s of suites) {
      for (const spec of s.specs ?? []) {
        for (const t of spec.tests) {
          if (t.status !== "skipped") breadth.browser++;
          if (t.status !== "unexpected" && t.status !== "flaky") continue;
          const err = t.results.map((x) => x.error?.message ?? "").find(Boolean) ?? "";
          const label = t.status === "flaky" ? " (flaky: passed on retry)" : "";
          failures.push(`e2e/${spec.file}:${spec.line} › ${spec.title}${label}\n${firstLines(err)}`);
        }
      }
      walk(s.suites);
    }
  };
  walk(r.suites);
  // A test that passed only on a retry is a failure (listed above as flaky).
  const failedTests = r.stats.unexpected + r.stats.flaky;
  const failed = failedTests + (code !== 0 && failedTests === 0 ? 1 : 0);
  return { passed: r.stats.expected, failed, skipped: r.stats.skipped };
}

/** The counts the reliability and security suites wrote (e2e/support/suite-summary.ts). */
const SUMMARY_DIR = path.join(ROOT, "test-results/suite-summary");

function printSuiteSummary(): void {
  if (!fs.existsSync(SUMMARY_DIR)) return;
  const files = fs.readdirSync(SUMMARY_DIR).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) return;
  console.log("");
  console.log("== reliability and security suites ==");
  for (const f of files) {
    const s = readJson<{ suite: string; counts: Record<string, number>; notes?: string[] }>(path.join(SUMMARY_DIR, f));
    if (!s) continue;
    const counts = Object.entries(s.counts).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`);
    console.log(`${s.suite}: ${counts.join(", ")}`);
  }
}

function main() {
  // Fresh counts for this run.
  fs.rmSync(SUMMARY_DIR, { recursive: true, force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "console-test-"));
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  };

  console.log("== lint (ESLint) ==");
  add(lint(tmp));

  console.log("\n== unit, database and auth tests (vitest) ==");
  add(vitest(tmp));

  console.log("\n== browser tests (Playwright, Chromium) ==");
  if (ensureChromium()) add(playwright(tmp));
  else total.failed += 1;

  fs.rmSync(tmp, { recursive: true, force: true });
  printSuiteSummary();
  if (failures.length > 0) {
    console.log("");
    console.log("== failed ==");
    for (const f of failures) console.log(f);
  }
  printBreadth();
  console.log("");
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  process.exit(total.failed > 0 ? 1 : 0);
}

main();
