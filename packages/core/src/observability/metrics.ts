// Prometheus metrics of the web app and the worker, on prom-client's default `register` (served at /api/metrics and by
// the worker's metrics port). One module defines every metric so names and labels are written once; a metric lives on
// globalThis because Next.js evaluates workspace modules in its own bundle beside the copy server.ts loaded, and both
// must count into the same series (prom-client itself stays outside the bundle: next.config.ts serverExternalPackages).
import type { Pool } from "pg";
import { Counter, Gauge, Histogram, register } from "prom-client";

export { register as metricsRegistry };

/** Seconds; from a cached health check to a slow report export. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function shared<T>(name: string, create: () => T): T {
  const key = Symbol.for(`tenantry.metrics.${name}`);
  const holder = globalThis as Record<symbol, unknown>;
  holder[key] ??= create();
  return holder[key] as T;
}

/**
 * One per answered HTTP request. `route` is the tRPC procedure (`project.list`), the REST route template
 * (`GET /api/v1/projects/{id}`) or a fixed path (`/api/health`); never a raw URL, so the label set stays bounded.
 */
export const httpRequestsTotal = shared(
  "httpRequestsTotal",
  () =>
    new Counter({
      name: "tenantry_http_requests_total",
      help: "HTTP requests answered, by method, route or tRPC procedure, and status code",
      labelNames: ["method", "route", "status"] as const,
    }),
);

export const httpRequestDurationSeconds = shared(
  "httpRequestDurationSeconds",
  () =>
    new Histogram({
      name: "tenantry_http_request_duration_seconds",
      help: "Latency of HTTP requests until the answer ended, by method, route or tRPC procedure, and status code",
      labelNames: ["method", "route", "status"] as const,
      buckets: LATENCY_BUCKETS,
    }),
);

/**
 * A request refused by a rate limit or quota. `scope`: what was limited (`api_key`, `user`, `ip`, `organization`);
 * `limit`: which limit (`rate`, `quota`, `sign_in`, ...). Incremented where the limiter refuses.
 */
export const rateLimitRejectionsTotal = shared(
  "rateLimitRejectionsTotal",
  () =>
    new Counter({
      name: "tenantry_rate_limit_rejections_total",
      help: "Requests refused by a rate limit or quota, by scope and limit",
      labelNames: ["scope", "limit"] as const,
    }),
);

export const jobsCompletedTotal = shared(
  "jobsCompletedTotal",
  () =>
    new Counter({
      name: "tenantry_jobs_completed_total",
      help: "Jobs the worker finished, by queue",
      labelNames: ["queue"] as const,
    }),
);

export const jobsFailedTotal = shared(
  "jobsFailedTotal",
  () =>
    new Counter({
      name: "tenantry_jobs_failed_total",
      help: "Job attempts that threw (pg-boss retries or fails them), by queue",
      labelNames: ["queue"] as const,
    }),
);

export const jobDurationSeconds = shared(
  "jobDurationSeconds",
  () =>
    new Histogram({
      name: "tenantry_job_duration_seconds",
      help: "Duration of job attempts, by queue and outcome",
      labelNames: ["queue", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
    }),
);

/** Job counts per queue and state (`queued`, `active`, `failed`, `outbox`), read from the queue when scraped. */
export type JobQueueDepthReader = () => Promise<{ queue: string; state: string; count: number }[]>;

const jobQueueDepthReaders = shared("jobQueueDepthReaders", () => new Set<JobQueueDepthReader>());

export const jobQueueDepth = shared(
  "jobQueueDepth",
  () =>
    new Gauge({
      name: "tenantry_job_queue_depth",
      help: "Jobs waiting or running, by queue and state, at scrape time",
      labelNames: ["queue", "state"] as const,
      async collect() {
        this.reset();
        for (const read of jobQueueDepthReaders) {
          // A failing reader (queue database down) leaves its series out instead of failing the scrape.
          const rows = await read().catch(() => []);
          for (const row of rows) this.set({ queue: row.queue, state: row.state }, row.count);
        }
      },
    }),
);

/** Reports queue depth at every scrape; returns the unregister function. */
export function registerJobQueueDepth(read: JobQueueDepthReader): () => void {
  jobQueueDepthReaders.add(read);
  return () => jobQueueDepthReaders.delete(read);
}

type PoolCounts = Pick<Pool, "totalCount" | "idleCount" | "waitingCount">;
const dbPools = shared("dbPools", () => new Map<string, PoolCounts>());

export const dbPoolConnections = shared(
  "dbPoolConnections",
  () =>
    new Gauge({
      name: "tenantry_db_pool_connections",
      help: "Database pool connections by pool and state (in_use, idle) and clients waiting for one (waiting)",
      labelNames: ["pool", "state"] as const,
      collect() {
        this.reset();
        for (const [pool, counts] of dbPools) {
          this.set({ pool, state: "in_use" }, counts.totalCount - counts.idleCount);
          this.set({ pool, state: "idle" }, counts.idleCount);
          this.set({ pool, state: "waiting" }, counts.waitingCount);
        }
      },
    }),
);

/** Reports a pg pool's use at every scrape (`name`: `app`, `jobs`, ...); returns the unregister function. */
export function registerDbPool(name: string, pool: PoolCounts): () => void {
  dbPools.set(name, pool);
  return () => dbPools.delete(name);
}

/** The exposition text and its content type, for /api/metrics and the worker's port. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  return { body: await register.metrics(), contentType: register.contentType };
}

/**
 * One per tRPC procedure call (a batch request holds several): by procedure path, type and tRPC error code (`OK`).
 * Its `_count` series is the call count.
 */
export const trpcCallDurationSeconds = shared(
  "trpcCallDurationSeconds",
  () =>
    new Histogram({
      name: "tenantry_trpc_call_duration_seconds",
      help: "Latency of tRPC procedure calls, by procedure, type (query, mutation) and result code",
      labelNames: ["procedure", "type", "code"] as const,
      buckets: LATENCY_BUCKETS,
    }),
);
