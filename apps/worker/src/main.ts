// The background worker process: connects to the database, reports liveness, and shuts down cleanly on a signal.
import pino from "pino";

import { createDb } from "@tenantry/db";

import { env } from "./env.ts";

const log = pino({ level: env.LOG_LEVEL, base: { service: "worker" } });
const db = createDb({ connectionString: env.DATABASE_URL, poolMax: 2 });

async function heartbeat(): Promise<void> {
  const started = performance.now();
  await db.$queryRaw`SELECT 1`;
  log.debug({ latencyMs: Math.round(performance.now() - started) }, "database reachable");
}

let stopping = false;
const timer = setInterval(() => {
  heartbeat().catch((error: unknown) => log.error({ err: error }, "database heartbeat failed"));
}, env.WORKER_HEARTBEAT_MS);

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping");
  clearInterval(timer);
  await db.$disconnect();
  log.info("worker stopped");
  process.exit(0);
}

process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));

try {
  await heartbeat();
  log.info("worker ready");
} catch (error) {
  log.fatal({ err: error }, "worker could not reach the database");
  clearInterval(timer);
  await db.$disconnect();
  process.exit(1);
}
