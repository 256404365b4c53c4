/** The embedded-mode purge scheduler runs daily at 03:17 UTC, like the pg_cron job on Supabase. */
import { describe, expect, it } from "vitest";
import { msUntilNextCompact, msUntilNextRun } from "@/lib/logging/purge-scheduler";
import { searchTerms } from "@/lib/validation/error-logs";

describe("purge schedule", () => {
  it("waits for today's 03:17 UTC when it is still ahead", () => {
    expect(msUntilNextRun(new Date("2026-11-25T03:00:00Z"))).toBe(17 * 60_000);
  });
  it("waits for tomorrow's when today's has passed (or is now)", () => {
    expect(msUntilNextRun(new Date("2026-11-25T03:17:00Z"))).toBe(24 * 3_600_000);
    expect(msUntilNextRun(new Date("2026-11-25T13:17:00Z"))).toBe(14 * 3_600_000);
  });
});

describe("rollup compaction schedule", () => {
  it("waits for minute 7 of this hour, else of the next", () => {
    expect(msUntilNextCompact(new Date("2026-11-25T03:00:00Z"))).toBe(7 * 60_000);
    expect(msUntilNextCompact(new Date("2026-11-25T03:07:00Z"))).toBe(3_600_000);
    expect(msUntilNextCompact(new Date("2026-11-25T23:30:30Z"))).toBe(36 * 60_000 + 30_000);
  });
});

describe("error search terms", () => {
  it("keeps words (letters, digits, underscore) and drops tsquery syntax", () => {
    expect(searchTerms("Rate LIM")).toEqual(["rate", "lim"]);
    expect(searchTerms("a & b | !c:* (d)")).toEqual(["a", "b", "c", "d"]);
    expect(searchTerms("  ")).toEqual([]);
  });
});
