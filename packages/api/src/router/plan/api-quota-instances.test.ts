// The process-wide API rate limiter (like the quota) is created by whichever module instance asks first — in the Next.js build, a
// server-rendered plan page's instance can be first — and then refuses requests served by another instance. Its
// 429 must still be recognised there and carry Retry-After (instanceof checks failed this: no Retry-After on tRPC,
// a 500 on the REST attachment download).
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";

import type * as RateModule from "@tenantry/core/organization/api-rate-limit";
import { limiterRedis, startTokenSession } from "@tenantry/auth";
import { ApiRateLimited, rateDecisionOf } from "@tenantry/core/organization/api-rate-limit";
import { PLANS } from "@tenantry/core/organization/plan";

import { createTenant, db } from "../../../test/fixtures.ts";
import { bearerCaller, testClient } from "../../../test/identity-fixtures.ts";
import { retryAfterOf } from "../../public-errors.ts";

beforeAll(async () => {
  const redis = limiterRedis();
  if (redis && redis.status !== "ready") await new Promise((ready) => redis.once("ready", ready));
});

it("recognises a quota refusal made by another module instance's quota, with its Retry-After", async () => {
  // A second instance of the module, as another Next.js layer has; it creates the process-wide quota.
  // By absolute path: the module lives in packages/core, outside this package's root.
  const source = fileURLToPath(
    new URL("../../../../core/src/organization/api-rate-limit.ts", import.meta.url),
  );
  const specifier = `${source}?instance=rendered-page`;
  const other = (await import(/* @vite-ignore */ specifier)) as typeof RateModule;
  expect(other.ApiRateLimited).not.toBe(ApiRateLimited);
  other.getApiRateLimiter();

  const { user } = await createTenant("Metered elsewhere");
  const { tokens } = await startTokenSession(db, user.id, testClient());
  const api = bearerCaller(tokens.accessToken);
  for (let i = 0; i < PLANS.FREE.rateLimitPerMinute; i += 1) await api.plan.usage();
  const refused: unknown = await api.plan.usage().then(
    () => null,
    (e: unknown) => e,
  );

  expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  // The refusal is of the other instance's class, which `instanceof` here does not see ...
  expect((refused as Error).cause).toBeInstanceOf(other.ApiRateLimited);
  expect((refused as Error).cause).not.toBeInstanceOf(ApiRateLimited);
  // ... and still tells the HTTP layer how long to wait, and what its RateLimit headers say.
  expect(rateDecisionOf((refused as Error).cause)).toMatchObject({ limitedBy: "user" });
  expect(retryAfterOf(refused)).toBeGreaterThan(0);
  expect(retryAfterOf(refused)).toBeLessThanOrEqual(60);
});
