// Validated worker configuration; the only place in the worker that reads process.env.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    DATABASE_URL: z.url(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
    WORKER_HEARTBEAT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    /** The queue's database (pg-boss creates its schema there: needs CREATE); defaults to DATABASE_URL. */
    JOBS_DATABASE_URL: z.url().optional(),
    /** Jobs this process runs at once per queue. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
    WORKER_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
    /** Port of the worker's /metrics and /health (metrics-server.ts); unset: no port is opened. */
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    WORKER_METRICS_HOST: z.string().min(1).max(255).default("0.0.0.0"),
    /** Register the hourly maintenance schedules and run them once at start ("0" in extra workers is fine too). */
    WORKER_SCHEDULES: z
      .enum(["true", "false", "1", "0"])
      .default("1")
      .transform((v) => v === "true" || v === "1"),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
