import { describe, expect, it } from "vitest";
import { singleFlight, singleFlightsRunning } from "@/lib/single-flight";

const later = <T,>(value: T, ms = 20) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe("singleFlight", () => {
  it("gives callers of the same key while it runs one computation and one result", async () => {
    let runs = 0;
    const compute = () => {
      runs++;
      return later({ n: runs });
    };
    const [a, b, c] = await Promise.all([singleFlight("k", compute), singleFlight("k", compute), singleFlight("k", compute)]);
    expect(runs).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it("keeps nothing once settled: the next caller computes afresh", async () => {
    let runs = 0;
    const compute = () => later(++runs);
    expect(await singleFlight("fresh", compute)).toBe(1);
    expect(singleFlightsRunning()).toBe(0);
    expect(await singleFlight("fresh", compute)).toBe(2);
  });

  it("never joins different keys", async () => {
    let runs = 0;
    const compute = (v: string) => () => {
      runs++;
      return later(v);
    };
    const [a, b] = await Promise.all([singleFlight("x", compute("x")), singleFlight("y", compute("y"))]);
    expect([a, b, runs]).toEqual(["x", "y", 2]);
  });

  it("shares a failure with everyone who joined it, then forgets it", async () => {
    let runs = 0;
    const failing = () => {
      runs++;
      return later(null).then(() => {
        throw new Error("database unreachable");
      });
    };
    const results = await Promise.allSettled([singleFlight("f", failing), singleFlight("f", failing)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(runs).toBe(1);
    expect(singleFlightsRunning()).toBe(0);
    await expect(singleFlight("f", () => later("ok"))).resolves.toBe("ok");
  });
});
