// The background worker process: connects to the database, reports liveness, purges organizations past their
// 30-day restore window and audit entries past their plan's retention, and shuts down cleanly on a signal
// (waiting for a running purge to finish).
import pino from "pino";

import { purgeDeletedOrganizations, purgeExpiredAuditLogs } from "@tenantry/core";
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

/** The purge in progress, so shutdown can wait for it instead of cutting a deletion in half. */
let purging: Promise<void> | null = null;

function purge(): void {
  if (purging || stopping) return;
  purging = (async () => {
    try {
      const { purged } = await purgeDeletedOrganizations(db);
      log.info(
        { purged: purged.length, organizationIds: purged },
        "purge of deleted organizations done",
      );
    } catch (error) {
      log.error({ err: error }, "purge of deleted organizations failed");
    }
    try {
      const { deleted } = await purgeExpiredAuditLogs(db);
      log.info({ deleted }, "audit retention done");
    } catch (error) {
      log.error({ err: error }, "audit retention failed");
    }
  })().finally(() => {
    purging = null;
  });
}

const purgeTimer =
  env.WORKER_PURGE_INTERVAL_MS > 0 ? setInterval(purge, env.WORKER_PURGE_INTERVAL_MS) : undefined;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping");
  clearInterval(timer);
  clearInterval(purgeTimer);
  await purging;
  await db.$disconnect();
  log.info("worker stopped");
  process.exit(0);
}

process.on("SIGTERM", (s) => void shutdown(s));
process.on("SIGINT", (s) => void shutdown(s));

try {
  await heartbeat();
  log.info("worker ready");
  if (env.WORKER_PURGE_INTERVAL_MS > 0) purge();
} catch (error) {
  log.fatal({ err: error }, "worker could not reach the database");
  clearInterval(timer);
  clearInterval(purgeTimer);
  await db.$disconnect();
  process.exit(1);
}
