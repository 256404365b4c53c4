import { describe, expect, it } from "vitest";
import { findPeople, peoplePage, topBy } from "@/lib/bonus/people-page";
import { axisMaxWithoutOutliers, roundTicks } from "@/lib/chart-ticks";

const people = Array.from({ length: 123 }, (_, i) => ({ name: i % 10 === 0 ? null : `Person ${i}`, email: `p${i}@example.com`, tasks: (i * 37) % 101 }));

describe("the /bonus table page, and round chart ticks", () => {
  it("shows 50 people a page, clamps the page number, and says which rows", () => {
    expect(peoplePage(people, undefined)).toMatchObject({ page: 1, pages: 3, first: 1, last: 50 });
    expect(peoplePage(people, "3")).toMatchObject({ page: 3, first: 101, last: 123 });
    expect(peoplePage(people, "3").rows).toHaveLength(23);
    expect(peoplePage(people, "99").page).toBe(3);
    expect(peoplePage(people, "-4").page).toBe(1);
    expect(peoplePage(people, "abc").page).toBe(1);
    expect(peoplePage([], "2")).toMatchObject({ page: 1, pages: 1, first: 0, last: 0, rows: [] });
    const seen = [1, 2, 3].flatMap((p) => peoplePage(people, String(p)).rows);
    expect(seen).toEqual(people);
  });

  it("finds people by a part of their name or email, case-insensitively", () => {
    expect(findPeople(people, "  PERSON 12").map((p) => p.email)).toEqual(["p12@example.com", "p121@example.com", "p122@example.com"]);
    expect(findPeople(people, "P30@").map((p) => p.email)).toEqual(["p30@example.com"]);
    expect(findPeople(people, "")).toHaveLength(123);
    expect(findPeople(people, "nobody")).toEqual([]);
  });

  it("charts the highest 25 by the chart's count", () => {
    const top = topBy(people, (p) => p.tasks);
    expect(top).toHaveLength(25);
    const counts = top.map((p) => p.tasks);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(Math.max(...people.filter((p) => !top.includes(p)).map((p) => p.tasks)));
  });

  it("puts round, evenly spaced ticks on the axis, the last at or above the maximum", () => {
    expect(roundTicks(514_471)).toEqual([0, 150_000, 300_000, 450_000, 600_000]);
    expect(roundTicks(72)).toEqual([0, 20, 40, 60, 80]);
    expect(roundTicks(27)).toEqual([0, 8, 16, 24, 32]);
    expect(roundTicks(0)).toEqual([0, 1, 2, 3, 4]);
    expect(roundTicks(14_000)).toEqual([0, 4_000, 8_000, 12_000, 16_000]);
    expect(roundTicks(0.026, { whole: false })).toEqual([0, 0.008, 0.016, 0.024, 0.032]);
    expect(roundTicks(1234.5, { whole: false })).toEqual([0, 400, 800, 1200, 1600]);
    for (const max of [1, 3, 7, 14, 99, 100, 1_000_000]) {
      const t = roundTicks(max);
      expect(t[0]).toBe(0);
      expect(t[4]).toBeGreaterThanOrEqual(max);
      expect(t.every((v, i) => Number.isInteger(v) && v === i * t[1])).toBe(true);
    }
  });

  it("ends a bar chart's axis below a bar or two that dwarf the rest, never below the targets", () => {
    // One account with 467,700 tasks against people with a few hundred.
    expect(axisMaxWithoutOutliers([467_700, 480, 300, 120], 250)).toBe(480);
    // Two outliers are cut, a third is not: a steep but real spread stays whole.
    expect(axisMaxWithoutOutliers([90_000, 9_000, 700, 200], 100)).toBe(700);
    expect(axisMaxWithoutOutliers([90_000, 9_000, 700, 200, 50], 10)).toBe(700);
    // No outlier: the highest value, or the target when that is higher.
    expect(axisMaxWithoutOutliers([500, 400, 300], 250)).toBe(500);
    expect(axisMaxWithoutOutliers([100, 90], 250)).toBe(250);
    // A bar far above the others but not above the targets' scale is not cut.
    expect(axisMaxWithoutOutliers([900, 100], 400)).toBe(900);
    expect(axisMaxWithoutOutliers([], 5)).toBe(5);
    expect(axisMaxWithoutOutliers([42])).toBe(42);
  });
});
