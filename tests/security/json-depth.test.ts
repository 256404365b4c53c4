import { describe, expect, it } from "vitest";
import { jsonDepth } from "@/lib/json-depth";

describe("jsonDepth", () => {
  it("counts brackets outside strings, without recursion", () => {
    expect(jsonDepth('[null,{"a":1}]')).toBe(2);
    expect(jsonDepth('["[[[[", {"k":"{{{\\"[["}]')).toBe(2);
    expect(jsonDepth("[]")).toBe(1);
    expect(jsonDepth('"plain"')).toBe(0);
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(jsonDepth(deep)).toBe(100_000);
  });
});
