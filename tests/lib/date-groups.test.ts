import { describe, expect, it } from "vitest";
import { dateGroup } from "@/lib/format";

// 2026-03-10 02:30 UTC is still 2026-03-09 in New York (UTC-4 after the DST switch) and already
// 2026-03-10 in Tokyo.
const now = Date.parse("2026-03-10T02:30:00Z");

describe("chat date groups follow the viewer's calendar days", () => {
  it("UTC by default", () => {
    expect(dateGroup("2026-03-10T00:10:00Z", now)).toBe("Today");
    expect(dateGroup("2026-03-09T23:50:00Z", now)).toBe("Yesterday");
  });

  it("in New York, an evening chat of the same local day is today, not yesterday", () => {
    expect(dateGroup("2026-03-09T23:50:00Z", now, "America/New_York")).toBe("Today"); // 19:50 local
    expect(dateGroup("2026-03-09T03:59:00Z", now, "America/New_York")).toBe("Yesterday"); // 23:59 on the 8th
    expect(dateGroup("2026-03-09T04:01:00Z", now, "America/New_York")).toBe("Today"); // 00:01 on the 9th
  });

  it("in Tokyo the day turned nine hours earlier", () => {
    expect(dateGroup("2026-03-09T14:59:00Z", now, "Asia/Tokyo")).toBe("Yesterday"); // 23:59 on the 9th
    expect(dateGroup("2026-03-09T15:00:00Z", now, "Asia/Tokyo")).toBe("Today");
  });

  it("the wider groups count whole local days", () => {
    // local today is 2026-03-09
    expect(dateGroup("2026-03-03T12:00:00Z", now, "America/New_York")).toBe("Last 7 days"); // 6 days back
    expect(dateGroup("2026-03-02T12:00:00Z", now, "America/New_York")).toBe("Last 30 days"); // 7
    expect(dateGroup("2026-02-08T12:00:00Z", now, "America/New_York")).toBe("Last 30 days"); // 29
    expect(dateGroup("2026-02-07T12:00:00Z", now, "America/New_York")).toBe("Older"); // 30
  });
});
