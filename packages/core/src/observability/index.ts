// Logging, request ids, metrics, shutdown: what both processes (web, worker) share to be operable.
export * from "./logger.ts";
export * from "./metrics.ts";
export * from "./request-context.ts";
export * from "./request-id.ts";
export * from "./shutdown.ts";
export * from "./tracing.ts";
