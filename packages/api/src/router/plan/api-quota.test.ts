// The plans' API limits: programmatic clients (bearer tokens) are held to the per-minute rate (per user here; per
// API key and IP in rate-limit.test.ts) and the monthly quota of their organization's plan; the dashboard (browser
// sessions) is not. The rate is counted in the real Redis when REDIS_URL is set (CI), in memory otherwise; the month
// by the request meter, durably (packages/core/src/usage).
import { beforeAll, describe, expect, it } from "vitest";

import { limiterRedis, startTokenSession } from "@tenantry/auth";
import { ApiQuota } from "@tenantry/core/organization/api-quota";
import { PLANS } from "@tenantry/core/organization/plan";
import { UsageMeter } from "@tenantry/core/usage/meter";

import {
  addMember,
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
} from "../../../test/fixtures.ts";
import { bearerCaller, testClient } from "../../../test/identity-fixtures.ts";
import { retryAfterOf, toPublicError } from "../../public-errors.ts";

// Until the limiter's Redis connection is up, requests are counted by the per-process insurance limiter; the counts
// asserted below are the shared ones.
beforeAll(async () => {
  const redis = limiterRedis();
  if (redis && redis.status !== "ready") await new Promise((ready) => redis.once("ready", ready));
});

describe("API limits of the plan", () => {
  it("refuses the request past the FREE plan's per-minute rate with 429, for that organization only", async () => {
    const { org, user } = await createTenant("Metered");
    const other = await createTenant("Neighbour");
    const { tokens } = await startTokenSession(db, user.id, testClient());
    const api = bearerCaller(tokens.accessToken);
    const perMinute = PLANS.FREE.rateLimitPerMinute;

    for (let i = 0; i < perMinute; i += 1) await api.plan.usage();
    const refused = await api.plan.usage().then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(
        new RegExp(
          `^The FREE plan allows ${perMinute} API requests per minute per user; retry in \\d+ s$`,
        ),
      ) as unknown,
    });
    // The HTTP layer turns the refusal into Retry-After.
    expect(retryAfterOf(refused)).toBeGreaterThan(0);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(60);

    // The dashboard is not held to the limits, and it reports the month's API requests: every one the clients
    // made, the refused one included (the meter counts each answered request, its status class apart).
    const usage = await callerAs(user, org.id).plan.usage();
    expect(usage.usage.apiRequestsThisMonth).toBe(perMinute + 1);

    // Another organization's clients have their own budget (a request is counted once it is answered).
    const neighbour = await startTokenSession(db, other.user.id, testClient());
    await expect(bearerCaller(neighbour.tokens.accessToken).plan.usage()).resolves.toMatchObject({
      plan: "FREE",
      usage: { apiRequestsThisMonth: 0 },
    });
  }, 120_000);

  it("counts per user: each member's client has its own budget in the organization", async () => {
    const { org, user } = await createTenant("Shared");
    const second = await createUser();
    await addMember(org.id, second.id);
    const first = bearerCaller(
      (await startTokenSession(db, user.id, testClient())).tokens.accessToken,
    );
    const other = bearerCaller(
      (await startTokenSession(db, second.id, testClient())).tokens.accessToken,
    );
    // A small override of the rate keeps the test short.
    await admin.query(
      `INSERT INTO organization_limit_overrides (id, organization_id, limit_key, value, updated_at)
       VALUES (gen_random_uuid(), $1, 'rateLimitPerMinute', 3, now())`,
      [org.id],
    );
    for (let i = 0; i < 3; i += 1) await first.plan.usage();
    await expect(first.plan.usage()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(other.plan.usage()).resolves.toMatchObject({ plan: "FREE" });
  });

  it("enforces the monthly quota per calendar month, naming the plan and the reset time", async () => {
    const meter = new UsageMeter();
    const quota = new ApiQuota({
      limits: () => ({ perMonth: 3 }),
      meter: () => meter,
      cacheMs: 0,
    });
    const target = { id: (await createTenant("Monthly")).org.id, plan: "PRO" as const };
    const november = new Date("2026-11-30T23:59:00Z");
    const answered = (at: Date) =>
      meter.record({
        organizationId: target.id,
        procedure: "project.list",
        apiKeyId: null,
        programmatic: true,
        status: 200,
        latencyMs: 4,
        at,
      });
    for (let i = 0; i < 3; i += 1) {
      await quota.consume(target, november, db);
      answered(november);
    }
    // Written or still buffered, the month's count is the same.
    await meter.flush(db);
    // The quota is the domain's: it refuses with a rate-limited domain error, a 429 once answered.
    await expect(quota.consume(target, november, db)).rejects.toMatchObject({
      kind: "rate_limited",
      message: expect.stringContaining(
        "The PRO plan allows 3 API requests per month and this organization has used them; " +
          "the quota resets at 2026-12-01T00:00:00.000Z",
      ) as unknown,
    });
    await expect(quota.monthUsage(target, november, db)).resolves.toBe(3);
    // The wait is until the next month starts (60 s after 23:59 on the 30th).
    const refused = await quota.consume(target, november, db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(toPublicError(refused).code).toBe("TOO_MANY_REQUESTS");
    expect(retryAfterOf(toPublicError(refused))).toBe(60);

    // A new month starts a new count.
    const december = new Date("2026-12-01T00:00:30Z");
    await expect(quota.consume(target, december, db)).resolves.toBeUndefined();
    answered(december);
    await expect(quota.monthUsage(target, december, db)).resolves.toBe(1);
  });

  it("counts an unlimited plan's requests without refusing them", async () => {
    const meter = new UsageMeter();
    const quota = new ApiQuota({
      limits: () => ({ perMonth: null }),
      meter: () => meter,
      cacheMs: 0,
    });
    const target = { id: (await createTenant("Enterprise")).org.id, plan: "ENTERPRISE" as const };
    for (let i = 0; i < 5; i += 1) {
      await quota.consume(target, new Date(), db);
      meter.record({
        organizationId: target.id,
        procedure: "project.list",
        apiKeyId: null,
        programmatic: true,
        status: 200,
        latencyMs: 4,
      });
    }
    await expect(quota.monthUsage(target, new Date(), db)).resolves.toBe(5);
  });
});
