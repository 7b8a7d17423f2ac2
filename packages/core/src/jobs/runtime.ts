// The queue runtime (pg-boss): creates the queues with their retry policy and dead-letter queue, registers the
// workers and the schedules, and runs the relay. The worker process (apps/worker) runs it; the web process only
// uses a client (jobs-admin.ts) for the platform admin view.
import PgBoss from "pg-boss";

import type { Db } from "@tenantry/db";

import type { JobDefinition } from "./registry.ts";
import {
  jobDurationSeconds,
  jobsCompletedTotal,
  jobsFailedTotal,
  registerJobQueueDepth,
} from "../observability/metrics.ts";
import { inJobSpan, parseTraceparent } from "../observability/tracing.ts";
import { deadLetterOf, parseTenantJob } from "./registry.ts";
import { relayOnce } from "./relay.ts";

export interface JobsLogger {
  info: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

export interface JobsRuntimeOptions {
  db: Db;
  /** A connection allowed to create and write the queue's schema (pg-boss migrates it on start). */
  queueUrl: string;
  definitions: readonly JobDefinition[];
  log: JobsLogger;
  /** How often the relay looks for committed outbox rows (default 500 ms). */
  relayIntervalMs?: number;
  /** Register the cron schedules (default true). */
  schedules?: boolean;
  /** Also queue every scheduled job once at start (default false). */
  runScheduledOnStart?: boolean;
  /** Jobs one process runs at once per queue (default 2). */
  concurrency?: number;
}

export interface JobsRuntime {
  boss: PgBoss;
  /** Relays now, without waiting for the timer (tests, shutdown). */
  relay: () => Promise<number>;
  /** Jobs this process is running now. */
  inFlight: () => number;
  /** Stops polling and waits up to `timeoutMs` (default 20 s) for running jobs. */
  stop: (timeoutMs?: number) => Promise<void>;
}

export const QUEUE_SCHEMA = "pgboss";

export function createBoss(queueUrl: string, opts: { supervise?: boolean } = {}): PgBoss {
  return new PgBoss({
    connectionString: queueUrl,
    schema: QUEUE_SCHEMA,
    max: 4,
    supervise: opts.supervise ?? true,
    schedule: opts.supervise ?? true,
    application_name: "tenantry-jobs",
  });
}

/** Creates every queue (idempotent: pg-boss inserts ON CONFLICT DO NOTHING), dead-letter queues first. */
export async function ensureQueues(boss: PgBoss, definitions: readonly JobDefinition[]) {
  for (const def of definitions) {
    await boss.createQueue(deadLetterOf(def.name), { name: deadLetterOf(def.name) });
    await boss.createQueue(def.name, {
      name: def.name,
      ...def.retry,
      deadLetter: deadLetterOf(def.name),
    });
  }
}

export async function startJobs(opts: JobsRuntimeOptions): Promise<JobsRuntime> {
  const { db, definitions, log } = opts;
  const boss = createBoss(opts.queueUrl);
  boss.on("error", (error) => log.error({ err: error }, "queue error"));
  await boss.start();
  await ensureQueues(boss, definitions);
  const byName = new Map(definitions.map((d) => [d.name, d]));
  // A superuser app connection is PGlite's (production refuses one): the relay enqueues through its transaction.
  const [session] = await db.$queryRaw<{ superuser: string }[]>`
    SELECT current_setting('is_superuser') AS superuser`;
  const throughTransaction = session?.superuser === "on";
  const inFlight = new Set<string>();

  for (const def of definitions) {
    // pg-boss fetches with FOR UPDATE SKIP LOCKED: a job goes to one worker, however many processes run.
    const workOptions = { batchSize: 1, pollingIntervalSeconds: 0.5 };
    for (let i = 0; i < (opts.concurrency ?? 2); i++) {
      await boss.work(def.name, workOptions, async ([job]) => {
        if (!job) return;
        // A tenant job's span is a child of the request that queued it (the outbox row carried its trace context).
        const data = job.data as { actor?: { traceparent?: unknown } } | null;
        const traceparent =
          def.kind === "tenant" ? parseTraceparent(data?.actor?.traceparent) : null;
        await inJobSpan(def.name, { "messaging.message.id": job.id }, traceparent, async () => {
          const started = performance.now();
          let where: Record<string, unknown> = { queue: def.name, jobId: job.id };
          inFlight.add(job.id);
          try {
            let result: Record<string, unknown> = {};
            if (def.kind === "tenant") {
              const tenantJob = parseTenantJob(job.data);
              // The request that caused a tenant job names its log lines, as it names the request's own.
              where = {
                ...where,
                organizationId: tenantJob.organizationId,
                requestId: tenantJob.actor.requestId ?? undefined,
              };
              await def.run(db, tenantJob);
            } else if (def.kind === "system")
              await def.run(db, job.data as Record<string, unknown>);
            else result = await def.run(db);
            const seconds = (performance.now() - started) / 1000;
            jobsCompletedTotal.inc({ queue: def.name });
            jobDurationSeconds.observe({ queue: def.name, outcome: "done" }, seconds);
            log.info({ ...where, ms: Math.round(seconds * 1000), result }, "job done");
          } catch (error) {
            // Thrown on: pg-boss records the error and retries with backoff, then dead-letters the job.
            jobsFailedTotal.inc({ queue: def.name });
            jobDurationSeconds.observe(
              { queue: def.name, outcome: "failed" },
              (performance.now() - started) / 1000,
            );
            log.error({ err: error, ...where }, "job failed");
            throw error;
          } finally {
            inFlight.delete(job.id);
          }
        });
      });
    }
    if (def.kind === "scheduled" && opts.schedules !== false) {
      await boss.schedule(def.name, def.cron, {}, { ...def.retry, tz: "UTC" });
    }
  }

  if (opts.schedules !== false && opts.runScheduledOnStart) {
    // Once at start as well (a fresh install should not wait for the first slot); the singleton key makes
    // workers starting together queue it once.
    for (const def of definitions) {
      if (def.kind !== "scheduled") continue;
      await boss.send(
        def.name,
        {},
        { ...def.retry, singletonKey: "startup", singletonSeconds: 300 },
      );
    }
  }

  // Queue depth for /metrics: one grouped count over the queue's table at scrape time (unfinished jobs only, so the
  // scan stays small; completed and archived ones are not read).
  const unregisterDepth = registerJobQueueDepth(async () => {
    const { rows } = await boss.getDb().executeSql(
      `SELECT name, state::text AS state, count(*)::int AS count FROM ${QUEUE_SCHEMA}.job
         WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
      [],
    );
    return (rows as { name: string; state: string; count: number }[]).map((row) => ({
      queue: row.name,
      state: row.state,
      count: row.count,
    }));
  });

  let relaying: Promise<number> | null = null;
  const relay = (): Promise<number> => {
    relaying ??= relayOnce(db, boss, byName, { throughTransaction }).finally(() => {
      relaying = null;
    });
    return relaying;
  };
  const timer = setInterval(() => {
    relay().catch((error: unknown) => log.error({ err: error }, "outbox relay failed"));
  }, opts.relayIntervalMs ?? 500);

  return {
    boss,
    relay,
    inFlight: () => inFlight.size,
    stop: async (timeoutMs = 20_000) => {
      clearInterval(timer);
      unregisterDepth();
      await relaying?.catch(() => 0);
      // graceful: running jobs finish (a purge is not cut in half) before the connections close; past the timeout
      // pg-boss stops waiting and the unfinished jobs are retried by whichever worker runs next.
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}
