// The background worker process: runs the job queue (pg-boss) — the outbox relay, webhook deliveries, mail, and
// the scheduled maintenance (purging organizations past their 30-day restore window, audit retention) — reports
// database liveness, and shuts down cleanly on a signal (running jobs finish first). Several workers may run at
// once: the queue hands each job to one of them.
import pino from "pino";

import { JOB_DEFINITIONS, startJobs } from "@tenantry/core/jobs/index";
import { createDb } from "@tenantry/db";

import { env } from "./env.ts";

const log = pino({ level: env.LOG_LEVEL, base: { service: "worker" } });
const db = createDb({ connectionString: env.DATABASE_URL, poolMax: env.WORKER_POOL_MAX });

async function heartbeat(): Promise<void> {
  const started = performance.now();
  await db.$queryRaw`SELECT 1`;
  log.debug({ latencyMs: Math.round(performance.now() - started) }, "database reachable");
}

let stopping = false;
const timer = setInterval(() => {
  heartbeat().catch((error: unknown) => log.error({ err: error }, "database heartbeat failed"));
}, env.WORKER_HEARTBEAT_MS);

let jobs: Awaited<ReturnType<typeof startJobs>> | undefined;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping");
  clearInterval(timer);
  await jobs?.stop();
  await db.$disconnect();
  log.info("worker stopped");
  process.exit(0);
}

process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));

try {
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
  await db.$disconnect();
  process.exit(1);
}
