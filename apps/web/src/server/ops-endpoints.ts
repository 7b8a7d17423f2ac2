// What /api/ready and /api/metrics answer, apart from their route files so tests call them with a real database and
// Redis. /api/health (liveness) needs nothing: it answers as long as the process serves requests at all.
import type { limiterRedis } from "@tenantry/auth";
import type { Db } from "@tenantry/db";
import { checkDatabase } from "@tenantry/core/health";
import { renderMetrics } from "@tenantry/core/observability/metrics";
import { metricsAuthorized } from "@tenantry/core/observability/metrics-auth";
import { isShuttingDown } from "@tenantry/core/observability/shutdown";

type Redis = NonNullable<ReturnType<typeof limiterRedis>>;

const NO_STORE = { "cache-control": "no-store" };

async function checkRedis(
  redis: Redis,
  timeoutMs: number,
): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    // The limiter client queues nothing while offline: right after start, wait for its connection before the PING.
    if (redis.status === "wait") void redis.connect().catch(() => undefined);
    const connected =
      redis.status === "ready"
        ? Promise.resolve()
        : new Promise<void>((resolve) => redis.once("ready", () => resolve()));
    await Promise.race([
      connected.then(() => redis.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("redis ping timed out")), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadinessDeps {
  db: Db;
  /** null when REDIS_URL is not configured: not checked. */
  redis: Redis | null;
  timeoutMs?: number;
}

/**
 * 200 when this instance should get traffic: the database answers and, when configured, Redis does; else 503
 * naming what failed (`failed: ["database"]`). A process shutting down is not ready whatever its dependencies.
 */
export async function readinessResponse(deps: ReadinessDeps): Promise<Response> {
  const timeoutMs = deps.timeoutMs ?? 2_000;
  if (isShuttingDown()) {
    return Response.json(
      { status: "shutting_down", failed: ["shutdown"] },
      { status: 503, headers: { ...NO_STORE, "retry-after": "1" } },
    );
  }
  const [database, redis] = await Promise.all([
    checkDatabase(deps.db, timeoutMs),
    deps.redis ? checkRedis(deps.redis, timeoutMs) : Promise.resolve(null),
  ]);
  const failed = [...(database.ok ? [] : ["database"]), ...(redis && !redis.ok ? ["redis"] : [])];
  const checks = { database, ...(redis ? { redis } : {}) };
  if (failed.length > 0) {
    return Response.json(
      { status: "unavailable", failed, checks },
      { status: 503, headers: { ...NO_STORE, "retry-after": "5" } },
    );
  }
  return Response.json({ status: "ok", checks }, { headers: NO_STORE });
}

/**
 * The Prometheus exposition, for a scraper with `Authorization: Bearer <METRICS_TOKEN>`. Without a configured token
 * the endpoint does not exist (404): metrics name procedures, organizations' traffic and pool sizes, so they are
 * never public by default. A wrong or missing token: 401.
 */
export async function metricsResponse(req: Request, token: string | undefined): Promise<Response> {
  if (!token) {
    return Response.json(
      { error: { code: "NOT_FOUND", message: "metrics are disabled: set METRICS_TOKEN" } },
      { status: 404, headers: NO_STORE },
    );
  }
  if (!metricsAuthorized(req.headers.get("authorization"), token)) {
    return Response.json(
      { error: { code: "UNAUTHORIZED", message: "a valid metrics bearer token is required" } },
      { status: 401, headers: { ...NO_STORE, "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { ...NO_STORE, "content-type": contentType } });
}
