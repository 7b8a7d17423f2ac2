// Metering end to end through the real middleware chain, database and Redis: every API request lands in the hourly
// rows exactly (a burst of 1,000 concurrent calls), what is buffered is written on shutdown, a Redis outage does not
// stop durable counting, and the monthly quota warns at 80% once and refuses at the limit with a 429 naming it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "@tenantry/db";
import { createLimiterRedis, limiterRedis } from "@tenantry/auth";
import { ApiRateLimiter } from "@tenantry/core/organization/api-rate-limit";
import { flushUsage, getUsageMeter, startedUsageMeter } from "@tenantry/core/usage/process-meter";
import { createDb } from "@tenantry/db";

import { admin, appUrl, callerAs, createTenant, db } from "../../../test/fixtures.ts";
import { restClient } from "../../../test/rest/rest-client.ts";
import { createCaller, createInnerTRPCContext } from "../../index.ts";
import { retryAfterOf } from "../../public-errors.ts";

const rateGlobal = globalThis as unknown as { tenantryApiRateLimiter?: ApiRateLimiter };

// The timer must not flush behind the tests' backs: these tests flush when they mean to (shutdown included).
beforeAll(async () => {
  getUsageMeter().start(db, 3_600_000);
  const redis = limiterRedis();
  if (redis && redis.status !== "ready") await new Promise((ready) => redis.once("ready", ready));
});
afterAll(() => getUsageMeter().stop(db));

// The burst's own pool, wider than the fixtures' four connections (a web process has its own pool too).
const burstDb = createDb({
  connectionString: appUrl,
  poolMax: 16,
  connectTimeoutMs: 60_000,
  transactionMaxWaitMs: 60_000,
  transactionTimeoutMs: 60_000,
});
afterAll(() => burstDb.$disconnect());

const keyCaller = (secret: string, through: Db = db) =>
  createCaller(
    createInnerTRPCContext({
      db: through,
      session: null,
      bearerToken: secret,
      client: { ip: "198.51.100.9", userAgent: "usage-test" },
    }),
  );

async function enterpriseWithKey(name: string) {
  const tenant = await createTenant(name);
  // ENTERPRISE: 6,000 requests a minute, so the burst below is all answered.
  await admin.query(`UPDATE organizations SET plan = 'ENTERPRISE' WHERE id = $1`, [tenant.org.id]);
  const created = await callerAs(tenant.user, tenant.org.id).apiKey.create({
    name: "Burst",
    scopes: ["project.read"],
  });
  return { ...tenant, keyId: created.key.id, secret: created.secret };
}

async function written(organizationId: string, extra = "") {
  const { rows } = await admin.query<{ total: string | null }>(
    `SELECT SUM(count) AS total FROM api_usage_hourly WHERE organization_id = $1 ${extra}`,
    [organizationId],
  );
  return Number(rows[0]?.total ?? 0);
}

describe("API request metering", () => {
  it(
    "counts a burst of 1,000 concurrent API-key requests exactly, per key and procedure",
    { timeout: 120_000 },
    async () => {
      const { org, user, keyId, secret } = await enterpriseWithKey("Burst");
      const api = keyCaller(secret, burstDb);
      const results = await Promise.allSettled(
        Array.from({ length: 1_000 }, () => api.project.list({ limit: 5 })),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      // Nothing was written on the requests' path ...
      expect(await written(org.id, "AND procedure = 'project.list'")).toBe(0);
      await startedUsageMeter(db).flush(db);
      // ... and the flush wrote every one, under the key and the procedure.
      expect(
        await written(
          org.id,
          `AND procedure = 'project.list' AND api_key_id = '${keyId}' AND programmatic AND status_class = 2`,
        ),
      ).toBe(1_000);
      const today = new Date().toISOString().slice(0, 10);
      const summary = await callerAs(user, org.id).usage.summary({ from: today, to: today });
      expect(summary.apiKeys).toEqual([{ apiKeyId: keyId, name: "Burst", requests: 1_000 }]);
      expect(summary.procedures.find((p) => p.procedure === "project.list")).toMatchObject({
        requests: 1_000,
        errorRate: 0,
      });
      expect(summary.days).toEqual([
        expect.objectContaining({ day: today, requests: summary.totals.requests }),
      ]);
    },
  );

  it("writes what is buffered on shutdown, REST routes under their own name", async () => {
    const { org, secret } = await enterpriseWithKey("Shutdown");
    const rest = restClient(secret);
    for (let i = 0; i < 5; i += 1) expect((await rest("GET", "/projects")).status).toBe(200);
    expect(getUsageMeter().pendingProgrammatic(org.id)).toBe(5);
    expect(await written(org.id)).toBe(0);
    await flushUsage();
    expect(await written(org.id, `AND procedure = 'GET /api/v1/projects'`)).toBe(5);
    getUsageMeter().start(db, 3_600_000);
  });

  it("keeps counting durably while Redis is down", async () => {
    const { org, secret } = await enterpriseWithKey("No Redis");
    const previous = rateGlobal.tenantryApiRateLimiter;
    // The process-wide rate limiter on a Redis nobody listens on: it falls back to its local insurance limit, and
    // the monthly count (the request meter) never involved Redis.
    const dead = createLimiterRedis("redis://127.0.0.1:1");
    rateGlobal.tenantryApiRateLimiter = new ApiRateLimiter({
      redis: dead,
      keyPrefix: `test-dead-${org.id}`,
    });
    try {
      const api = keyCaller(secret);
      for (let i = 0; i < 20; i += 1) await api.project.list({ limit: 5 });
    } finally {
      rateGlobal.tenantryApiRateLimiter = previous;
      dead.disconnect();
    }
    await startedUsageMeter(db).flush(db);
    expect(await written(org.id, "AND programmatic")).toBe(20);
  });
});

describe("monthly API quota", () => {
  it("warns the admins once at 80% and refuses at the limit with a 429 naming the quota and its reset", async () => {
    const { org, user, secret } = await enterpriseWithKey("Quota");
    // A per-organization override of the monthly quota (the effective limit the meter reads): 10 requests.
    await admin.query(
      `INSERT INTO organization_limit_overrides (id, organization_id, limit_key, value, updated_at)
       VALUES (gen_random_uuid(), $1, 'apiRequestsPerMonth', 10, now())`,
      [org.id],
    );
    const api = keyCaller(secret);
    const meter = startedUsageMeter(db);
    for (let i = 0; i < 7; i += 1) await api.project.list({ limit: 5 });
    await meter.flush(db);
    const warnings = () =>
      admin
        .query(
          `SELECT 1 FROM notifications WHERE organization_id = $1 AND kind = 'QUOTA_WARNING'`,
          [org.id],
        )
        .then((r) => r.rowCount);
    expect(await warnings()).toBe(0);
    await api.project.list({ limit: 5 });
    await meter.flush(db);
    expect(await warnings()).toBe(1);
    await api.project.list({ limit: 5 });
    await api.project.list({ limit: 5 });
    await meter.flush(db);
    expect(await warnings()).toBe(1);
    const { rows: events } = await admin.query<{ data: { type: string } }>(
      `SELECT data FROM job_outbox WHERE organization_id = $1 AND name = 'event.dispatch'`,
      [org.id],
    );
    expect(events.filter((e) => e.data.type === "quota.warning")).toHaveLength(1);

    // The 11th request: refused over tRPC and REST, naming the quota and when it resets, with Retry-After.
    const refused: unknown = await api.project.list({ limit: 5 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(
        /allows 10 API requests per month .* the quota resets at \d{4}-/,
      ) as unknown,
    });
    expect(retryAfterOf(refused)).toBeGreaterThan(0);
    const rest = await restClient(secret)("GET", "/projects");
    expect(rest.status).toBe(429);
    expect(Number(rest.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(rest.text).toContain("API requests per month");

    // The admins' banner reads the same state.
    const [quota] = await callerAs(user, org.id).usage.quotas();
    expect(quota).toMatchObject({
      quota: "api_requests",
      limit: 10,
      warning: true,
      exceeded: true,
    });
  });
});
