import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The webhook tests deliver to a receiver on loopback (the SSRF tests turn the allowance off explicitly) and
    // retry after 200 ms instead of a minute; three failures in a row disable an endpoint.
    env: {
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
      WEBHOOK_RETRY_BASE_MS: "200",
      WEBHOOK_MAX_CONSECUTIVE_FAILURES: "3",
    },
  },
});
