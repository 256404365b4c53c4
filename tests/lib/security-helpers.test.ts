import { describe, expect, it } from "vitest";
import { findUnstorableText, inputObject } from "@/lib/actions";
import { contentSecurityPolicy, isCrossSiteWrite } from "@/lib/security-headers";
import { authCookieOptions, requestIsHttps } from "@/lib/supabase/cookie-policy";

const req = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });

describe("isCrossSiteWrite", () => {
  it("lets reads and same-origin posts through", () => {
    expect(isCrossSiteWrite(req("GET", { origin: "https://evil.example", host: "app.test" }))).toBe(false);
    expect(isCrossSiteWrite(req("POST", { origin: "https://app.test", host: "app.test" }))).toBe(false);
    expect(isCrossSiteWrite(req("POST", { origin: "https://app.test", host: "internal:3000", "x-forwarded-host": "app.test" }))).toBe(false);
    expect(isCrossSiteWrite(req("POST", { host: "app.test" }))).toBe(false); // not a browser page
  });
  it("refuses foreign, null and cross-site origins", () => {
    expect(isCrossSiteWrite(req("POST", { origin: "https://evil.example", host: "app.test" }))).toBe(true);
    expect(isCrossSiteWrite(req("POST", { origin: "null", host: "app.test" }))).toBe(true);
    expect(isCrossSiteWrite(req("DELETE", { origin: "https://app.test.evil.example", host: "app.test" }))).toBe(true);
    expect(isCrossSiteWrite(req("POST", { "sec-fetch-site": "cross-site", host: "app.test" }))).toBe(true);
    expect(isCrossSiteWrite(req("POST", { origin: "not a url", host: "app.test" }))).toBe(true);
  });
});

describe("findUnstorableText", () => {
  it("finds NUL and lone surrogates at any depth, naming the top-level field", () => {
    expect(findUnstorableText({ a: "ok", b: { c: ["x\u0000"] } })).toBe("b");
    expect(findUnstorableText({ title: "\uD800" })).toBe("title");
    expect(findUnstorableText({ title: "x\uDFFF" })).toBe("title");
    expect(findUnstorableText("\u0000")).toBe("");
  });
  it("accepts ordinary and astral text", () => {
    expect(findUnstorableText({ a: "👩‍👩‍👧‍👦 𝕏 e\u0301 \u202E" })).toBeNull();
    expect(findUnstorableText({ n: 1, b: true, z: null })).toBeNull();
  });
  it("inputObject turns anything that is not an object into {}", () => {
    expect(inputObject("x")).toEqual({});
    expect(inputObject([1])).toEqual({});
    expect(inputObject(null)).toEqual({});
    expect(inputObject({ a: 1 })).toEqual({ a: 1 });
  });
});

describe("content security policy and cookies", () => {
  it("allows scripts by nonce only", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", supabaseUrl: "http://127.0.0.1:54321", dev: false, https: false });
    const script = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
    expect(script).toContain("'nonce-abc'");
    expect(script).not.toContain("unsafe-inline");
    expect(script).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
  it("marks cookies Secure only behind HTTPS", () => {
    expect(requestIsHttps(new Headers({ "x-forwarded-proto": "https,http" }))).toBe(true);
    expect(requestIsHttps(new Headers({}), "http://localhost:3000/")).toBe(false);
    expect(authCookieOptions(true)).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true });
  });
});
