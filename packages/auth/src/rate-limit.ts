// Brute-force limits on failed sign-ins, per account and per client IP (rate-limiter-flexible). Redis when REDIS_URL
// is set (shared by every instance), memory otherwise. When Redis is unreachable each Redis limiter falls back to a
// stricter in-memory limiter (its insuranceLimiter) instead of letting every attempt through.
import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

import { env } from "./env.ts";

type Limiter = RateLimiterMemory | RateLimiterRedis;

export interface LimitRule {
  /** Attempts allowed per window. */
  points: number;
  windowSeconds: number;
  /** Attempts allowed per window while Redis is unreachable (per process, so keep it low). */
  fallbackPoints: number;
}

export interface LimiterOptions {
  /** Redis client; null/undefined means memory. */
  redis?: Redis | null;
  /** Namespace of the keys, e.g. "tenantry:signin"; tests use a unique prefix per run. */
  keyPrefix: string;
}

export function createLimiter(name: string, rule: LimitRule, opts: LimiterOptions): Limiter {
  const keyPrefix = `${opts.keyPrefix}:${name}`;
  if (!opts.redis) {
    return new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.windowSeconds });
  }
  return new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix,
    points: rule.points,
    duration: rule.windowSeconds,
    // Fail over at once when the connection is down instead of queueing until a reconnect.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({
      keyPrefix: `${keyPrefix}:insurance`,
      points: Math.min(rule.fallbackPoints, rule.points),
      duration: rule.windowSeconds,
    }),
  });
}

/** A Redis client suited to limiters: no offline queue and short timeouts, so an outage fails fast. */
export function createLimiterRedis(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
  });
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    // Logged at most once a minute: during an outage ioredis reports every reconnect attempt.
    if (Date.now() - lastLogged > 60_000) {
      lastLogged = Date.now();
      console.error(
        `rate limiter: Redis unavailable, using the strict local limit (${error.message})`,
      );
    }
  });
  return client;
}

/** Keys never hold the email itself (it is personal data); a hash is as good a key. */
function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

export type LimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

export interface SignInLimits {
  account: LimitRule;
  ip: LimitRule;
}

export const signInLimitsFromEnv = (): SignInLimits => ({
  account: {
    points: env.AUTH_SIGNIN_ACCOUNT_LIMIT,
    windowSeconds: env.AUTH_SIGNIN_WINDOW_SECONDS,
    fallbackPoints: 3,
  },
  ip: {
    points: env.AUTH_SIGNIN_IP_LIMIT,
    windowSeconds: env.AUTH_SIGNIN_WINDOW_SECONDS,
    fallbackPoints: 10,
  },
});

/** Counts failed sign-ins; a successful sign-in clears the account's count (not the IP's). */
export class SignInLimiter {
  private readonly byAccount: Limiter;
  private readonly byIp: Limiter;
  private readonly limits: SignInLimits;

  constructor(opts: LimiterOptions & { limits?: SignInLimits }) {
    this.limits = opts.limits ?? signInLimitsFromEnv();
    this.byAccount = createLimiter("account", this.limits.account, opts);
    this.byIp = createLimiter("ip", this.limits.ip, opts);
  }

  /** Whether another attempt may be made now (checked before the password is). */
  async check(email: string, ip: string): Promise<LimitVerdict> {
    const [account, byIp] = await Promise.all([
      this.byAccount.get(accountKey(email)),
      ip ? this.byIp.get(ip) : Promise.resolve(null),
    ]);
    return verdict([
      [account, this.byAccount.points],
      [byIp, this.byIp.points],
    ]);
  }

  /** Records a failed attempt; the verdict says whether the next one is refused. */
  async recordFailure(email: string, ip: string): Promise<LimitVerdict> {
    const results = await Promise.all([
      consume(this.byAccount, accountKey(email)),
      ip ? consume(this.byIp, ip) : Promise.resolve(null),
    ]);
    return verdict([
      [results[0], this.byAccount.points],
      [results[1], this.byIp.points],
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(accountKey(email));
  }
}

async function consume(limiter: Limiter, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key);
  } catch (rejection) {
    // Past the limit rate-limiter-flexible rejects with the RateLimiterRes itself; anything else is a store error.
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  }
}

function verdict(entries: [RateLimiterRes | null, number][]): LimitVerdict {
  let retryMs = 0;
  for (const [res, points] of entries) {
    // The limiter object's own `points` is not reliable under insurance, so compare with the remaining points.
    if (res && (res.remainingPoints <= 0 || res.consumedPoints >= points)) {
      retryMs = Math.max(retryMs, res.msBeforeNext);
    }
  }
  return retryMs > 0
    ? { limited: true, retryAfterSeconds: Math.ceil(retryMs / 1000) }
    : { limited: false };
}

const globalForLimiter = globalThis as unknown as {
  tenantrySignInLimiter?: SignInLimiter;
  tenantryLimiterRedis?: Redis | null;
};

/** The process-wide Redis client for limiters (null without REDIS_URL). */
export function limiterRedis(): Redis | null {
  if (globalForLimiter.tenantryLimiterRedis === undefined) {
    globalForLimiter.tenantryLimiterRedis = env.REDIS_URL
      ? createLimiterRedis(env.REDIS_URL)
      : null;
  }
  return globalForLimiter.tenantryLimiterRedis;
}

/** The process-wide sign-in limiter configured from the environment. */
export function getSignInLimiter(): SignInLimiter {
  globalForLimiter.tenantrySignInLimiter ??= new SignInLimiter({
    redis: limiterRedis(),
    keyPrefix: `${env.AUTH_RATE_LIMIT_PREFIX}:signin`,
  });
  return globalForLimiter.tenantrySignInLimiter;
}
