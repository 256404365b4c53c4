/**
 * The embedded Postgres as a person meets it: data that survives a restart, and a Postgres left
 * behind by a wrapper killed with -9 that is found and stopped instead of failing silently.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { runningPostmaster, startLocalPostgres } from "../../tooling/local-postgres";

const base = fs.mkdtempSync(path.join(os.tmpdir(), "console-pg-test-"));
fs.chmodSync(base, 0o755);
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

async function query(url: string, text: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql.unsafe(text);
  } finally {
    await sql.end();
  }
}

describe("embedded Postgres", () => {
  it("runs Postgres 17 and keeps its data across restarts without re-initialising", async () => {
    const dataDir = path.join(base, "persist");
    const logs: string[] = [];
    const first = await startLocalPostgres({ dataDir, persistent: true, fast: true, log: (l) => logs.push(l) });
    const [v] = await query(first.url(), "show server_version_num");
    expect(Number(v.server_version_num)).toBeGreaterThanOrEqual(170000);
    expect(Number(v.server_version_num)).toBeLessThan(180000);
    await query(first.url(), "create table kept (x int); insert into kept values (42)");
    await first.stop();
    expect(logs.some((l) => l.includes("Initialising"))).toBe(true);

    const again: string[] = [];
    const second = await startLocalPostgres({ dataDir, persistent: true, fast: true, log: (l) => again.push(l) });
    const rows = await query(second.url(), "select x from kept");
    expect(rows[0].x).toBe(42);
    expect(again.some((l) => l.includes("Initialising"))).toBe(false);
    await second.stop();
  });

  it("finds a Postgres left running by a killed wrapper, says so, stops it and starts cleanly", async () => {
    const dataDir = path.join(base, "orphan");
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "wrapper-for-test.ts"), dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => {
        const m = /READY (\d+)/.exec(b.toString());
        if (m) resolve(Number(m[1]));
      });
      child.on("exit", (c) => reject(new Error(`wrapper exited ${c}`)));
    });
    // While its wrapper lives, the folder is in use: refuse rather than kill someone's database.
    await expect(startLocalPostgres({ dataDir, persistent: true, fast: true })).rejects.toThrow(/is in use by a running Postgres/);

    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const orphan = runningPostmaster(dataDir);
    expect(orphan?.port).toBe(port); // the server outlived its wrapper

    const logs: string[] = [];
    const pg = await startLocalPostgres({ dataDir, persistent: true, fast: true, log: (l) => logs.push(l) });
    expect(logs.join("\n")).toMatch(new RegExp(`still running .*pid ${orphan!.pid}.*stopping it`));
    expect(runningPostmaster(dataDir)?.pid).not.toBe(orphan!.pid);
    const [one] = await query(pg.url(), "select 1 as one");
    expect(one.one).toBe(1);
    await pg.stop();
  });

  it("refuses a fixed port that another process holds instead of failing obscurely", async () => {
    const net = await import("node:net");
    const srv = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => srv.once("listening", r));
    const port = (srv.address() as { port: number }).port;
    try {
      await expect(startLocalPostgres({ dataDir: path.join(base, "busy"), port, fast: true })).rejects.toThrow(/Port \d+ is taken/);
    } finally {
      srv.close();
    }
  });
});
