// The web app's server, in development (`--dev`) and production: Next.js behind a plain node:http server, because
// only here is the socket's address known (Next.js route handlers never see it) and only here can the process stop
// gracefully. Before Next.js handles a request, its forwarded headers are resolved per TRUST_PROXY
// (src/server/forwarded.ts); src/server/http-server.ts gives it a request id, logs it and counts it in the metrics,
// and drains requests on SIGTERM (docs/operations.md). API clients' tRPC calls and liveness skip Next.js
// (src/server/direct-api.ts, src/server/liveness.ts).
import { constants } from "node:os";

import type { RequestHandler } from "./src/server/http-server";

const dev = process.argv.includes("--dev");
// Like `next dev` / `next start`, the mode decides NODE_ENV unless it is set (React and Next.js pick their production
// builds by it), so it is set before they load: the imports below are dynamic for that reason. (Next.js's typings
// declare NODE_ENV always set; before a launcher sets it, it is not.)
/* eslint-disable no-restricted-syntax -- env.ts cannot be loaded before NODE_ENV is settled */
const nodeEnv: string | undefined = process.env.NODE_ENV;
if (!nodeEnv) Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
/* eslint-enable no-restricted-syntax */

const { env: observabilityEnv } = await import("@tenantry/core/observability/env");
const { createLogger, setLogger } = await import("@tenantry/core/observability/logger");
const log = createLogger("web");
setLogger(log);
// Before anything else loads, so the global tracer is there when requests (and Next.js's own spans) start.
const { startTracing } = await import("@tenantry/core/observability/tracing-start");
const tracing = await startTracing({ service: "tenantry-web" });
if (tracing) log.info({ endpoint: tracing.endpoint }, "exporting traces over OTLP");

const { env } = await import("./src/env");
const { applyForwarded, parseTrustProxy } = await import("./src/server/forwarded");
const { createWebServer } = await import("./src/server/http-server");
const { handleDirectApi, isDirectApiRequest } = await import("./src/server/direct-api");
const { answerLiveness, isLivenessRequest } = await import("./src/server/liveness");
const { onShutdown, runShutdown } = await import("@tenantry/core/observability/shutdown");
const { registerDbPool } = await import("@tenantry/core/observability/metrics");
const { closeDb, getDb, poolOf } = await import("@tenantry/db");
const { limiterRedis } = await import("@tenantry/auth");
const { default: next } = await import("next");
const { flushUsage } = await import("@tenantry/api");

const trustProxy = parseTrustProxy(env.TRUST_PROXY);
// Next.js needs the server before it is prepared; the server listens only once the handler is there.
const next_: { handle?: RequestHandler } = {};
const { server } = createWebServer({
  log,
  readyDelayMs: observabilityEnv.SHUTDOWN_READY_DELAY_MS,
  prepare: (req) => applyForwarded(req, trustProxy),
  // Bearer-token tRPC calls and liveness are answered here, as their route files would answer them.
  handle: (req, res) =>
    isDirectApiRequest(req)
      ? handleDirectApi(req, res)
      : isLivenessRequest(req)
        ? answerLiveness(req, res)
        : next_.handle
          ? next_.handle(req, res)
          : Promise.resolve(),
});
const app = next({
  dev,
  dir: import.meta.dirname,
  hostname: "localhost",
  port: env.PORT,
  httpServer: server,
});
await app.prepare();
next_.handle = app.getRequestHandler();

const pool = poolOf(getDb());
if (pool) registerDbPool("app", pool);

// The API requests metered since the last flush (usage/meter.ts) are written before the pools close.
onShutdown("usage", () => flushUsage(), "flush");
// The spans of the last requests (ended in the drain phase) are exported before exit.
if (tracing) onShutdown("traces", () => tracing.shutdown(), "flush");
onShutdown("next", () => app.close(), "close");
onShutdown("database", () => closeDb(), "close");
onShutdown(
  "redis",
  async () => {
    // QUIT needs a writable connection; one still connecting (Redis unreachable) is just dropped.
    const redis = limiterRedis();
    if (redis?.status === "ready") await redis.quit();
    else redis?.disconnect();
  },
  "close",
);

server.listen(env.PORT, env.HOST, () => {
  log.info(
    {
      port: env.PORT,
      host: env.HOST,
      mode: dev ? "development" : "production",
      trustedProxies: trustProxy.description,
    },
    "web server listening",
  );
});

/**
 * The one way this process stops: readiness fails, no new work is taken, requests in flight finish, the registered
 * hooks flush and close (observability/shutdown.ts), then exit as a signal-terminated process would — within
 * SHUTDOWN_DEADLINE_MS whatever still runs (a second timer makes sure).
 */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  const code = 128 + constants.signals[signal];
  const deadlineMs = observabilityEnv.SHUTDOWN_DEADLINE_MS;
  setTimeout(() => {
    log.error({ deadlineMs }, "shutdown: deadline passed, exiting");
    process.exit(code);
  }, deadlineMs + 200).unref();
  log.info({ signal, deadlineMs }, "shutdown: started");
  const outcome = await runShutdown(deadlineMs, (message, error) =>
    log.warn({ err: error }, message),
  );
  log.info(outcome, "shutdown: done");
  log.flush();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, (received) => void shutdown(received));
}
