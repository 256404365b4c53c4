import { describe, expect, it } from "vitest";
import {
  clipText,
  formatCompact,
  formatCount,
  formatDateTime,
  formatDateTimeMsUtc,
  formatDateTimeUtc,
  formatDay,
  formatDayTime,
  formatDayTimeUtc,
  formatDuration,
  formatDurationShort,
  formatHourMinute,
  formatInt,
  formatIntCompact,
  formatMonthDay,
  formatTime,
  formatUsd,
  formatUsdFixed,
  formatUsdMicro,
  formatUsdPrice,
  formatUsdShort,
  formatUsdSigned,
} from "@/lib/format";

describe("formatUsd (a row's cost)", () => {
  it("keeps cents from a dollar up and up to six decimals below a cent", () => {
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd("0.0123")).toBe("$0.0123");
    expect(formatUsd(0.000123)).toBe("$0.000123");
    expect(formatUsd(0.5)).toBe("$0.50");
    expect(formatUsd(-2)).toBe("-$2.00");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(-0)).toBe("$0.00");
    expect(formatUsd(null)).toBe("—");
    expect(formatUsd("abc")).toBe("—");
  });
});

describe("formatUsdShort (summed costs on the model pages)", () => {
  it("is formatUsd with four decimals at most", () => {
    expect(formatUsdShort(4)).toBe("$4.00");
    expect(formatUsdShort(1234.567)).toBe("$1,234.57");
    expect(formatUsdShort(0.0123)).toBe("$0.0123");
    expect(formatUsdShort(0.5)).toBe("$0.50");
    expect(formatUsdShort(0.000123)).toBe("$0.0001");
    expect(formatUsdShort(0)).toBe("$0.00");
    expect(formatUsdShort(-0.25)).toBe("-$0.25");
    expect(formatUsdShort(undefined)).toBe("—");
  });
  it("signs a difference", () => {
    expect(formatUsdSigned(4)).toBe("+$4.00");
    expect(formatUsdSigned(-0.0012)).toBe("−$0.0012");
    expect(formatUsdSigned(0)).toBe("±$0.00");
  });
});

describe("formatUsdFixed (usage totals, charts and their tables)", () => {
  it("shows exactly four decimals below a cent and two otherwise", () => {
    expect(formatUsdFixed(12.345)).toBe("$12.35");
    expect(formatUsdFixed(0.0042)).toBe("$0.0042");
    expect(formatUsdFixed(0.001)).toBe("$0.0010");
    expect(formatUsdFixed(0.1234)).toBe("$0.12");
    expect(formatUsdFixed(0)).toBe("$0.00");
    expect(formatUsdFixed(-0.5)).toBe("-$0.50");
    expect(formatUsdFixed(null)).toBe("—");
  });
});

describe("formatUsdMicro and formatUsdPrice", () => {
  it("gives one operation's cost four to six decimals", () => {
    expect(formatUsdMicro(0.0042)).toBe("$0.0042");
    expect(formatUsdMicro(1.23)).toBe("$1.2300");
    expect(formatUsdMicro(0.000123)).toBe("$0.000123");
    expect(formatUsdMicro(0.00001234)).toBe("$0.000012");
  });
  it("gives a price per million tokens two to four decimals", () => {
    expect(formatUsdPrice("3")).toBe("$3.00");
    expect(formatUsdPrice("0.075")).toBe("$0.075");
    expect(formatUsdPrice("0.1234")).toBe("$0.1234");
    expect(formatUsdPrice("15.50")).toBe("$15.50");
  });
});

describe("whole numbers", () => {
  it("formats with separators, rounded, a dash for nothing", () => {
    expect(formatInt(1234567.4)).toBe("1,234,567");
    expect(formatInt(2.5)).toBe("3");
    expect(formatInt("42")).toBe("42");
    expect(formatInt(0)).toBe("0");
    expect(formatInt(null)).toBe("—");
    expect(formatInt(Number.NaN)).toBe("—");
  });
  it("goes compact always (axes) or from 10,000 (token counts)", () => {
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(12_345)).toBe("12.3K");
    expect(formatCompact(4_500_000)).toBe("4.5M");
    expect(formatIntCompact(9_999)).toBe("9,999");
    expect(formatIntCompact(12_345)).toBe("12.3K");
  });
  it("names a count with its noun, singular only for exactly one", () => {
    expect(formatCount(1, "error")).toBe("1 error");
    expect(formatCount(0, "error")).toBe("0 errors");
    expect(formatCount(1234, "record")).toBe("1,234 records");
    expect(formatCount(2, "person", "people")).toBe("2 people");
  });
});

describe("durations", () => {
  it("formatDuration goes up to hours", () => {
    expect(formatDuration(420)).toBe("420 ms");
    expect(formatDuration(1500)).toBe("1.5 s");
    expect(formatDuration(200_000)).toBe("3 min 20 s");
    expect(formatDuration(7_500_000)).toBe("2 h 5 min");
    expect(formatDuration(null)).toBe("—");
  });
  it("formatDurationShort stays in seconds, whole from ten", () => {
    expect(formatDurationShort(420.4)).toBe("420 ms");
    expect(formatDurationShort(1500)).toBe("1.5 s");
    expect(formatDurationShort(12_345)).toBe("12 s");
    expect(formatDurationShort(200_000)).toBe("200 s");
    expect(formatDurationShort(null)).toBe("—");
  });
});

describe("dates and times (UTC)", () => {
  const iso = "2025-01-02T03:04:05.678Z";
  it("prints the UTC calendar whatever the input's offset", () => {
    expect(formatDay(iso)).toBe("2025-01-02");
    expect(formatDayTime(iso)).toBe("2025-01-02 03:04");
    expect(formatDayTimeUtc(iso)).toBe("2025-01-02 03:04 UTC");
    expect(formatDateTime(iso)).toBe("2025-01-02 03:04:05");
    expect(formatDateTimeUtc(iso)).toBe("2025-01-02 03:04:05 UTC");
    expect(formatDateTimeMsUtc(Date.parse(iso))).toBe("2025-01-02 03:04:05.678 UTC");
    expect(formatTime(iso)).toBe("03:04:05");
    expect(formatHourMinute(new Date(iso))).toBe("03:04");
    expect(formatMonthDay(iso)).toBe("Jan 2");
    // Postgres prints timestamptz in the session's zone: the same instant, the same text.
    expect(formatDayTimeUtc("2025-01-02T04:04:05.678123+01:00")).toBe("2025-01-02 03:04 UTC");
    expect(formatDay("2025-01-02T23:30:00-02:00")).toBe("2025-01-03");
  });
  it("agrees with the Intl formatters it replaced", () => {
    const parts = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" } as const;
    const dayTime = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", hourCycle: "h23", ...parts });
    for (let t = Date.UTC(1999, 11, 31, 23, 59, 59); t < Date.UTC(2031, 0, 1); t += 86_400_000 * 37 + 3_600_000 * 5 + 61_001) {
      expect(formatDateTime(t)).toBe(dayTime.format(t).replace(",", ""));
    }
  });
});

describe("clipText", () => {
  it("leaves short text alone and cuts long text at a word, with an ellipsis", () => {
    expect(clipText("  short  ", 80)).toBe("short");
    expect(clipText("returns it normalised (trimmed, lower-cased and deduplicated)", 40)).toBe("returns it normalised (trimmed,…");
    expect(clipText("a".repeat(100), 10)).toBe(`${"a".repeat(10)}…`);
    expect(clipText("x".repeat(80), 80)).toBe("x".repeat(80));
  });
});
