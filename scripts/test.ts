/**
 * npm test — unit, database and auth tests (vitest, against a throwaway embedded Postgres), then
 * the browser tests (Playwright driving Debian's Chromium against the real app), then one line:
 * "N passed, N failed".
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib/migrate";

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
  const r = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(out);
  if (!r) return { passed: 0, failed: 1, skipped: 0 }; // the runner itself failed
  const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
}

function playwright(tmp: string): Counts {
  const out = path.join(tmp, "playwright.json");
  const code = run(process.execPath, [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: out,
  });
  const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(out);
  if (!r) return { passed: 0, failed: 1, skipped: 0 };
  const failed = r.stats.unexpected + (code !== 0 && r.stats.unexpected === 0 ? 1 : 0);
  return { passed: r.stats.expected + r.stats.flaky, failed, skipped: r.stats.skipped };
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

  console.log("== unit, database and auth tests (vitest) ==");
  add(vitest(tmp));

  console.log("\n== browser tests (Playwright, Chromium) ==");
  if (ensureChromium()) add(playwright(tmp));
  else total.failed += 1;

  fs.rmSync(tmp, { recursive: true, force: true });
  printSuiteSummary();
  console.log("");
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  process.exit(total.failed > 0 ? 1 : 0);
}

main();
