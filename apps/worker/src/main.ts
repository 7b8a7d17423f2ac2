// The background worker process: runs the job queue (pg-boss) — the outbox relay, webhook deliveries, mail, and
// the scheduled maintenance (purging organizations past their 30-day restore window, audit retention) — reports
// database liveness, serves its metrics (WORKER_METRICS_PORT), and shuts down cleanly on a signal: running jobs
// finish within SHUTDOWN_DEADLINE_MS, the registered hooks flush and close, then it exits. Several workers may run
// at once: the queue hands each job to one of them.
import type { Server } from "node:http";

import { JOB_DEFINITIONS, startJobs } from "@tenantry/core/jobs/index";
import { env as observabilityEnv } from "@tenantry/core/observability/env";
import { createLogger, setLogger } from "@tenantry/core/observability/logger";
import { registerDbPool } from "@tenantry/core/observability/metrics";
import { onShutdown, runShutdown } from "@tenantry/core/observability/shutdown";
import { startTracing } from "@tenantry/core/observability/tracing-start";
import { createDb, poolOf } from "@tenantry/db";

import { env } from "./env.ts";
import { startMetricsServer } from "./metrics-server.ts";

const log = createLogger("worker", { level: env.LOG_LEVEL });
setLogger(log);
// Before the queue starts, so every job runs in a span (jobs/runtime.ts) when OTLP is configured.
const tracing = await startTracing({ service: "tenantry-worker" });
if (tracing) log.info({ endpoint: tracing.endpoint }, "exporting traces over OTLP");
const db = createDb({ connectionString: env.DATABASE_URL, poolMax: env.WORKER_POOL_MAX });
const pool = poolOf(db);
if (pool) registerDbPool("worker", pool);

async function heartbeat(): Promise<void> {
  const started = performance.now();
  await db.$queryRaw`SELECT 1`;
  log.debug({ latencyMs: Math.round(performance.now() - started) }, "database reachable");
}

const timer = setInterval(() => {
  heartbeat().catch((error: unknown) => log.error({ err: error }, "database heartbeat failed"));
}, env.WORKER_HEARTBEAT_MS);

let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;
let metricsServer: Server | undefined;

onShutdown(
  "jobs",
  async (signal) => {
    clearInterval(timer);
    if (!jobs) return;
    log.info({ running: jobs.inFlight() }, "shutdown: waiting for running jobs");
    // pg-boss's own bound, a little inside the drain phase's; the signal is the registry's last word.
    const deadline = Math.max(observabilityEnv.SHUTDOWN_DEADLINE_MS - 2_000, 500);
    await Promise.race([
      jobs.stop(deadline),
      new Promise((resolve) => signal.addEventListener("abort", resolve)),
    ]);
  },
  "drain",
);
onShutdown("database", () => db.$disconnect(), "close");
if (tracing) onShutdown("traces", () => tracing.shutdown(), "flush");
onShutdown(
  "metrics port",
  () =>
    new Promise<void>((resolve) =>
      metricsServer ? metricsServer.close(() => resolve()) : resolve(),
    ),
  "close",
);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  const deadlineMs = observabilityEnv.SHUTDOWN_DEADLINE_MS;
  setTimeout(() => {
    log.error({ deadlineMs }, "shutdown: deadline passed, exiting");
    process.exit(0);
  }, deadlineMs + 200).unref();
  log.info({ signal, deadlineMs }, "worker stopping");
  const outcome = await runShutdown(deadlineMs, (message, error) =>
    log.warn({ err: error }, message),
  );
  log.info(outcome, "worker stopped");
  log.flush();
  process.exit(0);
}

process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));

try {
  if (env.WORKER_METRICS_PORT !== undefined) {
    metricsServer = await startMetricsServer({
      port: env.WORKER_METRICS_PORT,
      host: env.WORKER_METRICS_HOST,
      token: observabilityEnv.METRICS_TOKEN,
    });
    const address = metricsServer.address();
    log.info(
      { port: typeof address === "object" ? address?.port : address },
      "metrics port listening",
    );
  }
  await heartbeat();
  jobs = await startJobs({
    db,
    queueUrl: env.JOBS_DATABASE_URL ?? env.DATABASE_URL,
    definitions: JOB_DEFINITIONS,
    log,
    schedules: env.WORKER_SCHEDULES,
    runScheduledOnStart: env.WORKER_SCHEDULES,
    concurrency: env.WORKER_CONCURRENCY,
  });
  log.info("worker ready");
} catch (error) {
  log.fatal({ err: error }, "worker could not reach the database");
  clearInterval(timer);
  await jobs?.stop().catch(() => undefined);
  metricsServer?.close();
  await db.$disconnect();
  process.exit(1);
}
