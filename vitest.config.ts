import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside Next's react-server build; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // supabase-js 2.119 needs a global WebSocket; Node 20 has it only behind a flag.
    execArgv: Number(process.versions.node.split(".")[0]) < 22 ? ["--experimental-websocket"] : [],
    maxWorkers: 2,
    // A test passes on its first run or fails: no retries to hide a flake, and a stray `.only`
    // fails the run instead of silently skipping every other test (vitest allows it outside CI).
    retry: 0,
    allowOnly: false,
    reporters: ["default"],
  },
});
