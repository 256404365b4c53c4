/**
 * Issue 16 item 2: `next` after sign-in is a path on this site, whatever form an attacker gives
 * it. Each bypass form below is judged the way a browser would follow the redirect: the answer
 * must be null, or a path that resolves to the console's own origin under both the WHATWG URL
 * parser and a browser's leniency (tabs and newlines removed, backslashes read as slashes).
 */
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/validation/auth";

const ORIGIN = "https://console.example";

/** Where a browser would go for `Location: value` on a page of ORIGIN. */
function browserTarget(value: string): string {
  const lenient = value.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
  return new URL(lenient, `${ORIGIN}/login`).origin;
}

const BYPASSES = [
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/%2e%2e//evil.example",
  "/./%2e//evil.example",
  "/chats/../..//evil.example",
  "/a/%2e%2e/%2e%2e//evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/%5cevil.example",
  "/%5Cevil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%252f%252fevil.example",
  "/%25252f%25252fevil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/ /evil.example",
  "https://evil.example",
  "HTTPS://evil.example",
  "hTtP://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "//@evil.example",
  "/\\@evil.example",
  "//user:pass@evil.example",
  "/%E2%80%A8/evil.example",
  "/\u2028/evil.example",
  "/\ufeff/evil.example",
  "/%",
  "/%zz",
  "",
  "/" + "a".repeat(2001),
];

const SAFE = [
  ["/", "/"],
  ["/chats", "/chats"],
  ["/chats?q=a b", "/chats?q=a%20b"],
  ["/chats?q=a%20b", "/chats?q=a%20b"],
  ["/admin/errors?view=groups&page=2#top", "/admin/errors?view=groups&page=2#top"],
  ["/./admin", "/admin"],
  ["/@me", "/@me"],
  ["/chats?next=//evil.example", "/chats?next=//evil.example"],
] as const;

describe("safeNextPath", () => {
  it(`refuses ${BYPASSES.length} known open-redirect forms, or keeps them on this origin`, () => {
    expect(BYPASSES.length).toBeGreaterThanOrEqual(30);
    const escaped: string[] = [];
    for (const value of BYPASSES) {
      const result = safeNextPath(value);
      if (result === null) continue;
      if (browserTarget(result) !== ORIGIN || !result.startsWith("/") || /^\/[/\\]/.test(result)) escaped.push(`${JSON.stringify(value)} -> ${result}`);
    }
    expect(escaped).toEqual([]);
  });

  it("each form that leads off-site raw is refused outright, not rewritten", () => {
    for (const value of BYPASSES) {
      let offSite = false;
      try {
        offSite = browserTarget(value) !== ORIGIN;
      } catch {
        offSite = true;
      }
      if (offSite) expect(safeNextPath(value), JSON.stringify(value)).toBeNull();
    }
  });

  it("keeps ordinary console paths, normalised", () => {
    for (const [value, expected] of SAFE) expect(safeNextPath(value), value).toBe(expected);
  });
});
