// Validated configuration of logging, metrics, tracing and shutdown, shared by the web app and the worker (kept apart
// from ../env.ts so the processes' entry points can read it without loading the domain's settings).
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const env = createEnv({
  server: {
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    /** Bearer token of /api/metrics (and the worker's metrics port); unset: metrics are not served (404). */
    METRICS_TOKEN: z.string().min(16).max(512).optional(),
    /** After SIGTERM the process is gone within this long, whatever is still running (container grace: 10 s). */
    SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(9_500).default(8_000),
    /**
     * How long /api/ready answers 503 before the server stops accepting connections, so a load balancer takes the
     * instance out of rotation first (0 in tests; a few seconds behind a balancer that polls readiness).
     */
    SHUTDOWN_READY_DELAY_MS: z.coerce.number().int().min(0).max(5_000).default(0),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
