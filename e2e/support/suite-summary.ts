/**
 * What the reliability and security suites counted (inputs tried, faults injected, rows lost...),
 * one JSON file per suite under test-results/suite-summary/. `npm test` (scripts/test.ts) prints
 * them after the pass/fail line; a suite adds to its file, so several tests of one suite add up.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SUMMARY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test-results/suite-summary");

export type SuiteCounts = Record<string, number>;

export function recordSuite(suite: string, counts: SuiteCounts, notes: string[] = []): void {
  fs.mkdirSync(SUMMARY_DIR, { recursive: true });
  const file = path.join(SUMMARY_DIR, `${suite}.json`);
  let prev: { suite: string; counts: SuiteCounts; notes: string[] } = { suite, counts: {}, notes: [] };
  try {
    prev = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    // first entry
  }
  for (const [k, v] of Object.entries(counts)) prev.counts[k] = (prev.counts[k] ?? 0) + v;
  prev.notes = [...new Set([...prev.notes, ...notes])];
  fs.writeFileSync(file, JSON.stringify(prev, null, 2));
}
