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
    /** OTLP/HTTP collector base URL (spans go to `<url>/v1/traces`); unset with the next one: no tracing. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().max(2_000).optional(),
    /** OTLP/HTTP traces URL, used as is; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().max(2_000).optional(),
    /** The traces' `service.name`; default `tenantry-web` / `tenantry-worker` by process. */
    OTEL_SERVICE_NAME: z.string().min(1).max(200).optional(),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
