// /api/ready and /api/metrics against a real PostgreSQL and Redis: ready names the dependency that fails (a database
// nobody listens on, a Redis that is gone) and fails while shutting down; metrics refuse without their token and
// expose the request and procedure histograms, the pool gauges and the rate-limit counter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestDatabase } from "@tenantry/db/testing";
import { createLimiterRedis } from "@tenantry/auth";
import {
  httpRequestDurationSeconds,
  rateLimitRejectionsTotal,
  registerDbPool,
  trpcCallDurationSeconds,
} from "@tenantry/core/observability/metrics";
import { resetShutdownForTests, runShutdown } from "@tenantry/core/observability/shutdown";
import { createDb, poolOf } from "@tenantry/db";
import { provisionTestDatabase, startDatabaseProxy } from "@tenantry/db/testing";

import { metricsResponse, readinessResponse } from "./ops-endpoints";

/* eslint-disable no-restricted-syntax -- the test command's Redis, as the other Redis tests read it */
const REDIS_URL = process.env.REDIS_URL;
/* eslint-enable no-restricted-syntax */

let database: TestDatabase;
let db: ReturnType<typeof createDb>;
let redis: ReturnType<typeof createLimiterRedis> | null = null;

beforeAll(async () => {
  database = await provisionTestDatabase({ label: "ops" });
  db = createDb({ connectionString: database.appUrl, poolMax: 2 });
  if (REDIS_URL) redis = createLimiterRedis(REDIS_URL);
});
afterAll(async () => {
  await db.$disconnect();
  redis?.disconnect();
  await database.drop();
});

const body = async (response: Response) => (await response.json()) as Record<string, unknown>;

describe("/api/ready", () => {
  it("is ready when the database and Redis answer", async () => {
    const response = await readinessResponse({ db, redis });
    expect(response.status).toBe(200);
    const json = await body(response);
    expect(json.status).toBe("ok");
    expect(json.checks).toMatchObject({
      database: { ok: true },
      ...(redis ? { redis: { ok: true } } : {}),
    });
  });

  it("answers 503 naming the database when it is unreachable", async () => {
    // A real server behind a proxy that goes down: nothing listens on its port any more.
    const proxy = await startDatabaseProxy(database.appUrl, { mode: "down" });
    const unreachable = createDb({
      connectionString: proxy.url,
      poolMax: 1,
      connectTimeoutMs: 500,
    });
    try {
      const started = performance.now();
      const response = await readinessResponse({ db: unreachable, redis, timeoutMs: 1_000 });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await body(response)).toMatchObject({ status: "unavailable", failed: ["database"] });
    } finally {
      await unreachable.$disconnect();
      await proxy.close();
    }
  });

  it("answers 503 naming Redis when it is gone", async () => {
    // Nothing listens there: the limiter client (no offline queue) fails its PING at once.
    const gone = createLimiterRedis("redis://127.0.0.1:1");
    try {
      const response = await readinessResponse({ db, redis: gone, timeoutMs: 500 });
      expect(response.status).toBe(503);
      expect(await body(response)).toMatchObject({
        failed: ["redis"],
        checks: { database: { ok: true } },
      });
    } finally {
      gone.disconnect();
    }
  });

  it("answers 503 once shutdown began, whatever the dependencies", async () => {
    resetShutdownForTests();
    try {
      await runShutdown(500);
      const response = await readinessResponse({ db, redis });
      expect(response.status).toBe(503);
      expect(await body(response)).toMatchObject({ status: "shutting_down" });
    } finally {
      resetShutdownForTests();
    }
  });
});

describe("/api/metrics", () => {
  const token = "metrics-token-for-tests-0123456789";
  const request = (authorization?: string) =>
    new Request("http://localhost/api/metrics", {
      headers: authorization ? { authorization } : {},
    });

  it("does not exist without a configured token", async () => {
    expect((await metricsResponse(request(`Bearer ${token}`), undefined)).status).toBe(404);
  });

  it("refuses a missing or wrong token with 401", async () => {
    const missing = await metricsResponse(request(), token);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await metricsResponse(request(`Bearer ${token}x`), token)).status).toBe(401);
    expect((await metricsResponse(request(`Basic ${token}`), token)).status).toBe(401);
    expect(await missing.text()).not.toContain("tenantry_");
  });

  it("exposes the request and procedure histograms, the pool gauges and the rate-limit counter", async () => {
    httpRequestDurationSeconds.observe(
      { method: "POST", route: "project.create", status: "200" },
      0.042,
    );
    trpcCallDurationSeconds.observe(
      { procedure: "project.create", type: "mutation", code: "OK" },
      0.04,
    );
    rateLimitRejectionsTotal.inc({ scope: "api_key", limit: "rate" });
    const pool = poolOf(db);
    expect(pool).toBeDefined();
    const unregister = pool ? registerDbPool("ops-test", pool) : () => true;
    try {
      await db.$queryRaw`SELECT 1`;
      const response = await metricsResponse(request(`Bearer ${token}`), token);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(
        /tenantry_http_request_duration_seconds_bucket\{le="0\.05",method="POST",route="project\.create",status="200"\} [1-9]/,
      );
      expect(text).toMatch(
        /tenantry_trpc_call_duration_seconds_count\{procedure="project\.create",type="mutation",code="OK"\} [1-9]/,
      );
      expect(text).toMatch(
        /tenantry_rate_limit_rejections_total\{scope="api_key",limit="rate"\} [1-9]/,
      );
      // The connection of the query above is back in the pool, idle.
      expect(text).toMatch(/tenantry_db_pool_connections\{pool="ops-test",state="idle"\} 1/);
      expect(text).toMatch(/tenantry_db_pool_connections\{pool="ops-test",state="in_use"\} 0/);
      expect(text).toMatch(/tenantry_db_pool_connections\{pool="ops-test",state="waiting"\} 0/);
    } finally {
      unregister();
    }
  });
});
