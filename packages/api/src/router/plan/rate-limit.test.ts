// The per-minute API rate over HTTP: per API key, per user (access token) and per client IP, sized by the
// organization's effective limits, with RateLimit-Policy/RateLimit on every counted answer and Retry-After on the
// 429, on tRPC (the fetch adapter with the web route's responseMeta) and REST. Shared by instances on one Redis;
// enforced in memory without one. Real Redis when REDIS_URL is set (CI), memory otherwise.
import { randomBytes } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { beforeAll, describe, expect, it } from "vitest";

import { createLimiterRedis, limiterRedis, startTokenSession } from "@tenantry/auth";
import { ApiRateLimiter } from "@tenantry/core/organization/api-rate-limit";
import { applyOverrides } from "@tenantry/core/organization/limits";
import { PLANS } from "@tenantry/core/organization/plan";

import { admin, callerAs, createTenant, db } from "../../../test/fixtures.ts";
import { accessTokenFor, restClient } from "../../../test/rest/rest-client.ts";
import { createInnerTRPCContext } from "../../context.ts";
import { trpcResponseMeta } from "../../response-meta.ts";
import { appRouter } from "../../root.ts";

const PER_MINUTE = PLANS.FREE.rateLimitPerMinute;

beforeAll(async () => {
  const redis = limiterRedis();
  if (redis && redis.status !== "ready") await new Promise((ready) => redis.once("ready", ready));
});

/** plan.usage over tRPC's fetch adapter, as the web route serves it. */
async function trpcUsage(secret: string, ip: string) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req: new Request("http://localhost/api/trpc/plan.usage", {
      headers: { authorization: `Bearer ${secret}` },
    }),
    createContext: () =>
      createInnerTRPCContext({
        db,
        session: null,
        bearerToken: secret,
        client: { ip, userAgent: "rate-test" },
      }),
    responseMeta: trpcResponseMeta,
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** What admin.plans.setOverride writes (tested in plans.test.ts), written directly to keep these tests short. */
async function overrideRate(organizationId: string, value: number) {
  await admin.query(
    `INSERT INTO organization_limit_overrides (id, organization_id, limit_key, value, updated_at)
     VALUES (gen_random_uuid(), $1, 'rateLimitPerMinute', $2, now())`,
    [organizationId, value],
  );
}

const uniqueIp = () => `203.0.113.${randomBytes(1)[0] ?? 1}-${randomBytes(4).toString("hex")}`;

describe("the API rate over HTTP", () => {
  it("tRPC: an API key gets its policy headers, then 429 with Retry-After past its rate", async () => {
    const { org, user } = await createTenant("Keyed");
    const created = await callerAs(user, org.id).apiKey.create({
      name: "CI",
      scopes: ["organization.read"],
    });
    const ip = uniqueIp();

    // The FREE plan's own number, before any override.
    const first = await trpcUsage(created.secret, ip);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe(
      `"api_key";q=${PER_MINUTE};w=60, "ip";q=${PER_MINUTE * 2};w=60`,
    );
    expect(first.headers.get("ratelimit")).toMatch(
      new RegExp(`^"api_key";r=${PER_MINUTE - 1};t=\\d+, "ip";r=${PER_MINUTE * 2 - 1};t=\\d+$`),
    );
    expect(first.headers.get("retry-after")).toBeNull();

    // An organization with a small override keeps the rest short (the FREE plan's refusal after 60 calls is
    // api-quota.test.ts's).
    const limited = await createTenant("Keyed small");
    await overrideRate(limited.org.id, 3);
    const key = await callerAs(limited.user, limited.org.id).apiKey.create({
      name: "Limited",
      scopes: ["organization.read"],
    });
    const limitedIp = uniqueIp();
    for (let i = 0; i < 3; i += 1) {
      expect((await trpcUsage(key.secret, limitedIp)).status).toBe(200);
    }
    const refused = await trpcUsage(key.secret, limitedIp);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain(
      "This organization's limit allows 3 API requests per minute per API key",
    );
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("ratelimit-policy")).toBe(`"api_key";q=3;w=60, "ip";q=6;w=60`);
    expect(refused.headers.get("ratelimit")).toMatch(/^"api_key";r=0;t=\d+, "ip";r=2;t=\d+$/);

    // The first key keeps its own budget.
    expect((await trpcUsage(created.secret, ip)).status).toBe(200);
  });

  it("REST: an access token's user gets 429 as a problem with Retry-After and the headers", async () => {
    const { org, user } = await createTenant("Rested");
    // A small override keeps the test short; the policy headers show the organization's own number.
    await overrideRate(org.id, 5);
    const api = restClient(await accessTokenFor(user));
    const first = await api("GET", "/projects");
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe(`"user";q=5;w=60, "ip";q=10;w=60`);
    expect(first.headers.get("ratelimit")).toMatch(/^"user";r=4;t=\d+, "ip";r=9;t=\d+$/);
    for (let i = 1; i < 5; i += 1) expect((await api("GET", "/projects")).status).toBe(200);
    const refused = await api("GET", "/projects");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit")).toMatch(/^"user";r=0;t=\d+/);
    expect(refused.body).toMatchObject({
      status: 429,
      detail: expect.stringContaining(
        "This organization's limit allows 5 API requests per minute per user",
      ) as unknown,
    });
  });

  it("the client IP has its own budget across the organization's credentials", async () => {
    const { org, user } = await createTenant("One machine");
    const limits = applyOverrides("FREE", [{ limit: "rateLimitPerMinute", value: 2 }]);
    const limiter = new ApiRateLimiter({
      redis: limiterRedis(),
      keyPrefix: `test-rate-${randomBytes(6).toString("hex")}`,
    });
    const subject = (apiKeyId: string) => ({
      organizationId: org.id,
      apiKeyId,
      userId: user.id,
      ip: "198.51.100.20",
    });
    // Two credentials of 2 each, from one IP of 4: the fifth request is the IP's refusal.
    for (const key of ["k1", "k1", "k2", "k2"]) await limiter.consume(subject(key), limits);
    await expect(limiter.consume(subject("k3"), limits)).rejects.toMatchObject({
      kind: "rate_limited",
      message: expect.stringContaining(
        "This organization's limit allows 4 API requests per minute per client IP",
      ) as unknown,
    });
  });

  it("an admin's override of the rate applies to the organization's next requests", async () => {
    const { org, user } = await createTenant("Overridden");
    await overrideRate(org.id, 3);
    const { tokens } = await startTokenSession(db, user.id, {
      ip: uniqueIp(),
      userAgent: "rate-test",
    });
    const caller = appRouter.createCaller(
      createInnerTRPCContext({ db, session: null, bearerToken: tokens.accessToken }),
    );
    for (let i = 0; i < 3; i += 1) await caller.plan.usage();
    await expect(caller.plan.usage()).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(
        /^This organization's limit allows 3 API requests per minute per user; retry in \d+ s$/,
      ) as unknown,
    });
  });
});

describe("where the counts live", () => {
  // The configured Redis, else the local one the project's machines run.
  it("two app instances on one Redis share a limit: the requests of both count", async () => {
    const url = limiterRedis()?.options;
    const redisUrl = `redis://${url?.host ?? "127.0.0.1"}:${url?.port ?? 6379}`;
    const [a, b] = [createLimiterRedis(redisUrl), createLimiterRedis(redisUrl)];
    try {
      for (const r of [a, b]) {
        if (r.status !== "ready") await new Promise((ready) => r.once("ready", ready));
      }
      const keyPrefix = `test-rate-${randomBytes(6).toString("hex")}`;
      const first = new ApiRateLimiter({ redis: a, keyPrefix });
      const second = new ApiRateLimiter({ redis: b, keyPrefix });
      const limits = applyOverrides("FREE", [{ limit: "rateLimitPerMinute", value: 4 }]);
      const subject = { organizationId: "org", apiKeyId: "key", userId: "u", ip: "" };
      await first.consume(subject, limits);
      await second.consume(subject, limits);
      await first.consume(subject, limits);
      const last = await second.consume(subject, limits);
      expect(last.policies).toEqual([
        expect.objectContaining({ scope: "api_key", quota: 4, remaining: 0 }),
      ]);
      await expect(first.consume(subject, limits)).rejects.toMatchObject({
        kind: "rate_limited",
      });
      await expect(second.consume(subject, limits)).rejects.toMatchObject({
        kind: "rate_limited",
      });
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  it("without Redis the limit holds in the process's memory", async () => {
    const limiter = new ApiRateLimiter({ redis: null, keyPrefix: "memory" });
    const limits = applyOverrides("PRO", [{ limit: "rateLimitPerMinute", value: 2 }]);
    const subject = { organizationId: "org", apiKeyId: null, userId: "u", ip: "" };
    const rejected: string[] = [];
    const counted = new ApiRateLimiter({
      redis: null,
      keyPrefix: "memory-counted",
      onRejected: (scope) => rejected.push(scope),
    });
    await expect(limiter.consume(subject, limits)).resolves.toMatchObject({
      limitedBy: null,
      policies: [{ scope: "user", quota: 2, remaining: 1 }],
    });
    await limiter.consume(subject, limits);
    await expect(limiter.consume(subject, limits)).rejects.toMatchObject({ kind: "rate_limited" });
    // Another user of the organization is counted apart; refusals reach the rejection hook.
    await counted.consume({ ...subject, userId: "v" }, limits);
    await counted.consume({ ...subject, userId: "v" }, limits);
    await expect(counted.consume({ ...subject, userId: "v" }, limits)).rejects.toBeDefined();
    expect(rejected).toEqual(["user"]);
  });
});
