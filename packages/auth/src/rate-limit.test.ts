// The sign-in limiter against the real store: Redis when REDIS_URL is set (CI), memory otherwise; keys under a
// prefix unique to this run. The outage test points a real client at a port where nothing listens.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { env } from "./env.ts";
import { createLimiterRedis, SignInLimiter } from "./rate-limit.ts";

const runPrefix = `test:${randomBytes(6).toString("hex")}`;
const clients: Redis[] = [];
const redis = env.REDIS_URL ? createLimiterRedis(env.REDIS_URL) : null;
if (redis) clients.push(redis);

beforeAll(async () => {
  // Until connected the limiter answers from its insurance limiter; these tests are about the Redis store.
  if (redis && redis.status !== "ready")
    await new Promise((resolve) => redis.once("ready", resolve));
});

afterAll(async () => {
  if (redis) {
    const keys = await redis.keys(`${runPrefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  for (const c of clients) c.disconnect();
});

function limiter(name: string, account = 3, ip = 5, client: Redis | null = redis) {
  return new SignInLimiter({
    redis: client,
    keyPrefix: `${runPrefix}:${name}`,
    limits: {
      account: { points: account, windowSeconds: 60, fallbackPoints: 2 },
      ip: { points: ip, windowSeconds: 60, fallbackPoints: 4 },
    },
  });
}

describe(`sign-in limiter (${redis ? "Redis" : "memory"})`, () => {
  it("refuses an account after its allowance of failures, with the time until it resets", async () => {
    const l = limiter("account");
    const email = "victim@example.test";
    for (let i = 0; i < 3; i++) {
      expect(await l.check(email, `198.51.100.${i}`)).toEqual({ limited: false });
      await l.recordFailure(email, `198.51.100.${i}`);
    }
    const verdict = await l.check(email, "203.0.113.9");
    expect(verdict.limited).toBe(true);
    if (verdict.limited) {
      expect(verdict.retryAfterSeconds).toBeGreaterThan(50);
      expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // Other accounts are unaffected; the key is case-insensitive.
    expect(await l.check("other@example.test", "203.0.113.9")).toEqual({ limited: false });
    expect((await l.check("VICTIM@example.test", "203.0.113.10")).limited).toBe(true);
  });

  it("refuses an IP that fails across many accounts", async () => {
    const l = limiter("ip", 100, 5);
    for (let i = 0; i < 5; i++) await l.recordFailure(`user${i}@example.test`, "192.0.2.7");
    expect((await l.check("fresh@example.test", "192.0.2.7")).limited).toBe(true);
    expect(await l.check("fresh@example.test", "192.0.2.8")).toEqual({ limited: false });
  });

  it("clears the account's count after a successful sign-in", async () => {
    const l = limiter("success");
    await l.recordFailure("a@example.test", "192.0.2.1");
    await l.recordFailure("a@example.test", "192.0.2.1");
    await l.recordSuccess("a@example.test");
    await l.recordFailure("a@example.test", "192.0.2.1");
    await l.recordFailure("a@example.test", "192.0.2.1");
    expect(await l.check("a@example.test", "192.0.2.1")).toEqual({ limited: false });
  });
});

describe("sign-in limiter with Redis unreachable", () => {
  it("falls back to the strict local limit instead of letting attempts through", async () => {
    // Port 1 on loopback: nothing listens, so every command fails and the insurance limiter answers.
    const down = createLimiterRedis("redis://127.0.0.1:1");
    clients.push(down);
    const l = limiter("outage", 50, 50, down);
    const email = "outage@example.test";
    expect(await l.check(email, "192.0.2.50")).toEqual({ limited: false });
    await l.recordFailure(email, "192.0.2.50");
    await l.recordFailure(email, "192.0.2.50");
    // fallbackPoints is 2: refused after two failures although the normal allowance is 50.
    expect((await l.check(email, "192.0.2.50")).limited).toBe(true);
  });
});
