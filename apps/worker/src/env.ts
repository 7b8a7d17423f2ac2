// Validated worker configuration; the only place in the worker that reads process.env.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    DATABASE_URL: z.url(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
    WORKER_HEARTBEAT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    /** How often deleted organizations and expired audit entries are purged (0 disables the job). */
    WORKER_PURGE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(3_600_000),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
