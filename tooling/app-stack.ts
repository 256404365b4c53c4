/**
 * The running console: the local Auth API stand-in (in this process) and the Next.js server
 * (a child process), pointed at a database that is already migrated. Used by `npm run dev`,
 * `npm run start`, the browser tests and the HTTP benchmark.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./migrate";
import { findFreePort, isPortFree } from "./local-postgres";

export type AppStack = {
  appUrl: string;
  authUrl: string;
  /** The Next.js server's process id (fault tests kill it). */
  appPid: number;
  /** Stops the in-process Auth stand-in only (fault tests); the app keeps running. */
  stopAuth: () => Promise<void>;
  /** Starts the Auth stand-in again on the same port (and signing key, when a key file is set). */
  startAuth: () => Promise<void>;
  /** The API keys the app was given (with the stand-in: signed with its JWT secret). */
  anonKey: string;
  serviceRoleKey: string;
  /** The stand-in's JWT secret; undefined with a real Supabase. */
  jwtSecret?: string;
  /** The local mail catcher (supabase/local/mail-catcher), where the stand-in's mail goes; undefined with a real Supabase. */
  mailUrl?: string;
  stop: () => Promise<void>;
};

export type AppStackOptions = {
  /** Superuser URL (the Auth stand-in writes auth.*). */
  adminUrl: string;
  /** The app's own login (authenticator). */
  appDbUrl: string;
  mode: "dev" | "production";
  /** Fixed ports for people; tests pass 0 for free ones. */
  appPort?: number;
  authPort?: number;
  /** The local mail catcher's port; default 54324 (a free one when taken), 0 for a free one. */
  mailPort?: number;
  jwtExpirySeconds?: number;
  signingKeyFile?: string;
  /**
   * Where the stand-in's JWT secret and API keys persist (created when absent; `npm run dev`:
   * `.data/auth-jwt-secret.json`); omitted: a fresh secret for this stack. The app gets the keys
   * in its environment.
   */
  jwtSecretFile?: string;
  /** Serve the local Auth stand-in (default); false when NEXT_PUBLIC_SUPABASE_URL names a real Supabase. */
  localAuth?: boolean;
  /** Extra environment for the Next.js process. */
  env?: Record<string, string>;
  log?: (line: string) => void;
  /** Where the Next.js server's output goes; defaults to this process's stdout. */
  appOutput?: "inherit" | "pipe" | "ignore";
};

async function pickPort(wanted: number | undefined, fallback: number): Promise<number> {
  if (wanted === 0) return findFreePort();
  const port = wanted ?? fallback;
  if (await isPortFree(port)) return port;
  if (wanted !== undefined) throw new Error(`Port ${port} is taken by another process.`);
  return findFreePort();
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`The Next.js server exited with code ${exited} before it was ready.`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The Next.js server did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

/**
 * Node flags of the app's server. Production: a larger young generation. A server render
 * allocates a lot that dies young, and with V8's default 16 MB semi-spaces a busy server spent
 * ~12% of its CPU in garbage collection. 64 MB: 5-20% more pages per second in bench:http (paired
 * runs, /chats and /admin/usage) for ~90 MB more resident memory. APP_NODE_ARGS adds flags, e.g.
 * --cpu-prof (NODE_OPTIONS refuses it).
 */
function appNodeArgs(mode: "dev" | "production"): string[] {
  return [...(mode === "production" ? ["--max-semi-space-size=64"] : []), ...(process.env.APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [])];
}

/** Stops a server process: SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    // Already gone (exited, or killed by a signal: then exitCode stays null and 'exit' has fired).
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

/**
 * `next start` of another Next.js app in this repository (bench:http's reference app, built
 * with buildApp(log, dir)), on a free port, with the console server's node flags.
 */
export async function startNextApp(dir: string, readyPath: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [...appNodeArgs("production"), nextBin(), "start", "-p", String(port)], {
    cwd: dir,
    stdio: "ignore",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}${readyPath}`, child, 60_000);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

export function nextBin(): string {
  return path.join(ROOT, "node_modules/next/dist/bin/next");
}

/** True when `.next` holds a production build of the current sources' build id. */
export function hasProductionBuild(): boolean {
  return fs.existsSync(path.join(ROOT, ".next/BUILD_ID"));
}

/** `next build` of the console, or of another Next.js app in this repository (`dir`, bench:http's reference). */
export async function buildApp(log: (l: string) => void = console.log, dir = ROOT): Promise<void> {
  log(dir === ROOT ? "Building the app for production (next build)..." : `Building ${path.relative(ROOT, dir)} (next build)...`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(), "build"], { cwd: dir, stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with code ${code}`))));
  });
}

export async function startAppStack(opts: AppStackOptions): Promise<AppStack> {
  const log = opts.log ?? ((l: string) => console.log(l));
  let auth: { url: string; close: () => Promise<void> };
  let keys: { anonKey: string; serviceRoleKey: string; jwtSecret?: string };
  let startLocalAuth: ((port: number) => Promise<{ url: string; close: () => Promise<void> }>) | null = null;
  let mail: { url: string; close: () => Promise<void> } | null = null;
  // Known before the stand-in starts: it is the site URL its email links lead to.
  const appPort = await pickPort(opts.appPort, 3000);
  const appUrl = `http://localhost:${appPort}`;
  if (opts.localAuth === false) {
    const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
    if (!url) throw new Error("localAuth: false needs NEXT_PUBLIC_SUPABASE_URL");
    auth = { url, close: async () => {} };
    keys = { anonKey: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY ?? "", serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY ?? "" };
    log(`Supabase Auth at ${url}/auth/v1`);
  } else {
    // Imported lazily: the stand-in is only needed where the app runs.
    const { startAuthServer } = await import("../supabase/local/auth-server/server");
    const { loadProjectKeys } = await import("../supabase/local/auth-server/keys");
    // Loaded once: a restarted stand-in (startAuth) keeps the secret the app's keys are signed with.
    keys = loadProjectKeys(opts.jwtSecretFile);
    const { jwtSecret } = keys;
    // Mail from the stand-in (password recovery, email change) goes here, never to a network.
    const { startMailCatcher, DEFAULT_MAIL_CATCHER_PORT } = await import("../supabase/local/mail-catcher");
    // Stacks on free ports (tests) take a free one too: parallel stacks must not race for 54324.
    const mailPort = opts.mailPort ?? (opts.appPort === 0 ? 0 : undefined);
    mail = await startMailCatcher({ port: await pickPort(mailPort, DEFAULT_MAIL_CATCHER_PORT) });
    const mailUrl = mail.url;
    const authPort = await pickPort(opts.authPort, Number(process.env.NEXT_PUBLIC_SUPABASE_URL ? new URL(process.env.NEXT_PUBLIC_SUPABASE_URL).port || 54321 : 54321));
    startLocalAuth = (port: number) =>
      startAuthServer({
        databaseUrl: opts.adminUrl,
        port,
        host: "127.0.0.1",
        jwtExpirySeconds: opts.jwtExpirySeconds,
        signingKeyFile: opts.signingKeyFile,
        jwtSecret,
        // The app forwards the client address it derived (lib/client-ip.ts, never a header the
        // browser sent), so the stand-in's per-IP limits count people, not the app.
        clientIpHeader: "x-forwarded-for",
        siteUrl: appUrl,
        mailCatcherUrl: mailUrl,
      });
    try {
      auth = await startLocalAuth(authPort);
    } catch (e) {
      await mail.close();
      throw e;
    }
    log(`Auth API stand-in on ${auth.url}/auth/v1`);
    log(`Mail catcher (the stand-in's outgoing mail) on ${mail.url}`);
  }

  const args = [opts.mode === "dev" ? "dev" : "start", "-p", String(appPort)];
  const child = spawn(process.execPath, [...appNodeArgs(opts.mode), nextBin(), ...args], {
    cwd: ROOT,
    stdio: ["ignore", opts.appOutput ?? "inherit", opts.appOutput ?? "inherit"],
    env: {
      ...process.env,
      NEXT_PUBLIC_SUPABASE_URL: auth.url,
      DATABASE_URL: opts.adminUrl,
      APP_DATABASE_URL: opts.appDbUrl,
      // The stand-in's keys replace any in the environment: it accepts no others.
      ...(startLocalAuth ? { NEXT_PUBLIC_SUPABASE_ANON_KEY: keys.anonKey, SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey } : {}),
      NEXT_TELEMETRY_DISABLED: "1",
      ...opts.env,
    },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${appPort}/api/health`, child, opts.mode === "dev" ? 120_000 : 60_000);
  } catch (e) {
    child.kill("SIGTERM");
    await auth.close();
    await mail?.close();
    throw e;
  }

  let stopped = false;
  let authRunning = true;
  const authPortInUse = Number(new URL(auth.url).port);
  return {
    appUrl,
    authUrl: auth.url,
    appPid: child.pid ?? -1,
    ...keys,
    mailUrl: mail?.url,
    stopAuth: async () => {
      if (!authRunning) return;
      authRunning = false;
      await auth.close();
    },
    startAuth: async () => {
      if (authRunning) return;
      if (!startLocalAuth) throw new Error("startAuth: the Auth API is not the local stand-in");
      auth = await startLocalAuth(authPortInUse);
      authRunning = true;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopChild(child);
      if (authRunning) await auth.close();
      await mail?.close();
    },
  };
}
