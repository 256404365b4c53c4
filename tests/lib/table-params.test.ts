/** The URL parsing of the shared data table and the redirect guard: hostile input falls back, never throws. */
import { describe, expect, it } from "vitest";
import { csvLine } from "@/lib/csv";
import { isDatabaseUnavailable } from "@/lib/errors";
import { safeNextPath } from "@/lib/validation/auth";
import { decodeCursor, encodeCursor } from "@/lib/validation/data-table";
import { usersTableParams } from "@/lib/validation/users";

describe("usersTableParams", () => {
  it("gives defaults for an empty URL", () => {
    expect(usersTableParams.parse({})).toEqual({
      sort: { key: "created", dir: "desc" },
      size: 20,
      page: 1,
      cursor: null,
      q: "",
      from: null,
      to: null,
      hide: [],
      role: [],
    });
  });

  it("whitelists sort keys, bounds the page size and drops bad values one by one", () => {
    const p = usersTableParams.parse({
      sort: "encrypted_password.asc",
      size: "100000",
      after: "';drop table",
      role: "ROOT,ADMIN,admin",
      from: "yesterday",
      to: "2025-02-30",
      hide: "email,bogus",
    });
    expect(p.sort).toEqual({ key: "created", dir: "desc" });
    expect(p.size).toBe(20);
    expect(p.cursor).toBeNull();
    expect(p.role).toEqual(["ADMIN"]);
    expect(p.from).toBeNull();
    expect(p.to).toBeNull();
    expect(p.hide).toEqual(["email"]);
    expect(usersTableParams.parse({ size: "0" }).size).toBe(20);
    expect(usersTableParams.parse({ size: "100" }).size).toBe(100);
  });

  it("round-trips a keyset cursor and keeps the page number only with one", () => {
    const id = "6f1c1b8e-2a43-4a59-9d0e-8c3f3f3e1a11";
    const after = encodeCursor("2025-06-01 12:00:00.123456+00", id);
    expect(decodeCursor(after)).toEqual({ value: "2025-06-01 12:00:00.123456+00", id });
    expect(usersTableParams.parse({ after, page: "4" })).toMatchObject({ cursor: { dir: "after", id }, page: 4 });
    expect(usersTableParams.parse({ page: "4" }).page).toBe(1);
    expect(decodeCursor(encodeCursor("x", "not-a-uuid"))).toBeNull();
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/admin/users?role=ADMIN", "/admin/users?role=ADMIN"],
    ["/", "/"],
    ["//evil.example/x", null],
    ["/\\evil.example", null],
    ["https://evil.example/", null],
    ["javascript:alert(1)", null],
    ["/ok\nSet-Cookie: x", null],
    ["", null],
    [null, null],
  ])("%s -> %s", (input, expected) => {
    expect(safeNextPath(input as string | null)).toBe(expected);
  });
});

describe("isDatabaseUnavailable", () => {
  it("knows connection failures, also wrapped, and nothing else", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: { code: "57P01" } }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error(), { code: "ECONNREFUSED" })]))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("x", { cause: { code: "42501" } }))).toBe(false);
  });
});

describe("csvLine", () => {
  it("quotes and defuses formulas", () => {
    expect(csvLine(["a,b", 'say "hi"', "=1+1", null, 3])).toBe('"a,b","say ""hi""",\'=1+1,,3\r\n');
  });
});
