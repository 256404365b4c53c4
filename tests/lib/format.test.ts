import { describe, expect, it } from "vitest";
import { clipText, formatInt, formatUsd } from "@/lib/format";
import { formatUsd as formatUsdCurrency } from "@/lib/usage/metrics";

describe("formatUsd (tables)", () => {
  it("keeps cents from a dollar up and up to six decimals below a cent", () => {
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd("0.0123")).toBe("$0.0123");
    expect(formatUsd(0.000123)).toBe("$0.000123");
    expect(formatUsd(0.5)).toBe("$0.50");
    expect(formatUsd(-2)).toBe("-$2.00");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(null)).toBe("—");
    expect(formatUsd("abc")).toBe("—");
  });
  it("formats whole numbers with separators", () => {
    expect(formatInt(1234567.4)).toBe("1,234,567");
  });
});

describe("formatUsd (usage charts)", () => {
  it("shows four decimals below a cent and two otherwise", () => {
    expect(formatUsdCurrency(12.345)).toBe("$12.35");
    expect(formatUsdCurrency(0.0042)).toBe("$0.0042");
    expect(formatUsdCurrency(0)).toBe("$0.00");
    expect(formatUsdCurrency(-0.5)).toBe("-$0.50");
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
