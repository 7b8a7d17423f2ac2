// Playwright: "api" specs talk HTTP to the production build, "ui" specs drive a real Chromium.
// scripts/run.ts provisions the database and starts the server, then runs this config with E2E_BASE_URL set.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// eslint-disable-next-line no-restricted-syntax
const env = process.env;
const baseURL = env.E2E_BASE_URL ?? "http://localhost:3000";
// The Chromium `node scripts/bootstrap.mjs test` found (it sets PLAYWRIGHT_CHROMIUM_PATH), else Debian's
// /usr/bin/chromium when present, else (undefined) Playwright's own build from `playwright install chromium`.
function chromiumExecutable(): string | undefined {
  const configured = env.PLAYWRIGHT_CHROMIUM_PATH?.trim();
  if (configured) return configured;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}
const executablePath = chromiumExecutable();

const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "tests",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // API specs talk HTTP; the few that also look at a page (e.g. during a database outage) get the same browser.
    { name: "api", testDir: "tests/api", use: { launchOptions } },
    {
      name: "ui",
      testDir: "tests/ui",
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
});
