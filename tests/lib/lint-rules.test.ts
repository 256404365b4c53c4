/**
 * What eslint.config.mjs relies on and cannot check itself: pages and layouts are server
 * components (the config lets them read the clock), and every comment that switches a rule off
 * says why.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report"]);

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mjs|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe("lint rules' assumptions", () => {
  it("no page or layout is a client component", () => {
    const pages = walk(path.join(ROOT, "app")).filter((f) => /\/(page|layout)\.tsx$/.test(f));
    expect(pages.length).toBeGreaterThan(20);
    const client = pages.filter((f) => /^\s*["']use client["']/m.test(fs.readFileSync(f, "utf8")));
    expect(client.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it("every eslint-disable comment names its rule and gives a reason after --", () => {
    const bare: string[] = [];
    let seen = 0;
    for (const f of walk(ROOT)) {
      if (path.relative(ROOT, f) === "tests/lib/lint-rules.test.ts") continue;
      fs.readFileSync(f, "utf8")
        .split("\n")
        .forEach((line, i) => {
          const m = /eslint-disable(?:-next-line|-line)?\b(.*)$/.exec(line);
          if (!m) return;
          seen++;
          if (!/^\s+[@\w/-]+(?:,\s*[@\w/-]+)*\s+--\s+\S/.test(m[1])) bare.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(seen).toBeGreaterThan(0);
    expect(bare).toEqual([]);
  });
});
