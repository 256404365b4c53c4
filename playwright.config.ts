/**
 * Browser tests against the real app: a production build served by `next start`, the local Auth
 * API stand-in and a throwaway Postgres, all started by e2e/global-setup.ts. Playwright's own
 * browser download cannot work here: Debian's Chromium drives the tests.
 */
import { defineConfig } from "@playwright/test";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results/e2e-artifacts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  // A test passes on its first run or fails (scripts/test.ts counts a pass on retry as a failure),
  // and a stray `test.only` fails every run, not only on CI.
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    // The stack's URL is known only after global setup: e2e/fixtures.ts provides baseURL.
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    viewport: { width: 1360, height: 860 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
