// The rate-limit rejections metric counts the refusals clients actually get: a request past the per-minute rate (by
// the scope that refused it) and one past the monthly quota, each once per refusal.
import { beforeAll, describe, expect, it } from "vitest";

import { limiterRedis, startTokenSession } from "@tenantry/auth";
import { renderMetrics } from "@tenantry/core/observability/metrics";
import { ApiQuota } from "@tenantry/core/organization/api-quota";
import { PLANS } from "@tenantry/core/organization/plan";
import { UsageMeter } from "@tenantry/core/usage/meter";

import { createTenant, db } from "../../../test/fixtures.ts";
import { bearerCaller, testClient } from "../../../test/identity-fixtures.ts";

beforeAll(async () => {
  const redis = limiterRedis();
  if (redis && redis.status !== "ready") await new Promise((ready) => redis.once("ready", ready));
});

async function rejections(scope: string, limit: string): Promise<number> {
  const { body } = await renderMetrics();
  const line = new RegExp(
    `^tenantry_rate_limit_rejections_total\\{scope="${scope}",limit="${limit}"\\} (\\d+)$`,
    "m",
  ).exec(body);
  return Number(line?.[1] ?? 0);
}

describe("tenantry_rate_limit_rejections_total", () => {
  it("counts a request refused past the per-minute rate, by scope", async () => {
    const { user } = await createTenant("Rate metric");
    const { tokens } = await startTokenSession(db, user.id, testClient());
    const api = bearerCaller(tokens.accessToken);
    const before = await rejections("user", "rate");
    for (let i = 0; i < PLANS.FREE.rateLimitPerMinute; i += 1) await api.plan.usage();
    expect(await rejections("user", "rate")).toBe(before);
    await expect(api.plan.usage()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(api.plan.usage()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await rejections("user", "rate")).toBe(before + 2);
  }, 120_000);

  it("counts a request refused past the monthly quota", async () => {
    const meter = new UsageMeter();
    const quota = new ApiQuota({ limits: () => ({ perMonth: 1 }), meter: () => meter, cacheMs: 0 });
    const target = { id: (await createTenant("Quota metric")).org.id, plan: "PRO" as const };
    const now = new Date();
    const before = await rejections("organization", "quota");
    await quota.consume(target, now, db);
    meter.record({
      organizationId: target.id,
      procedure: "project.list",
      apiKeyId: null,
      programmatic: true,
      status: 200,
      latencyMs: 3,
      at: now,
    });
    expect(await rejections("organization", "quota")).toBe(before);
    await expect(quota.consume(target, now, db)).rejects.toMatchObject({ kind: "rate_limited" });
    expect(await rejections("organization", "quota")).toBe(before + 1);
  });
});
