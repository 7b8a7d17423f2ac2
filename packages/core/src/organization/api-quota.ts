// The plans' API limits for programmatic clients (bearer access tokens): a rate per minute and a quota per calendar
// month (UTC), counted per organization. Dashboard traffic (browser sessions) is not metered.
// - The rate is rate-limiter-flexible's: Redis when REDIS_URL is set (shared by every instance), memory otherwise; while
//   Redis is unreachable a per-process insurance limiter applies instead of letting every request through.
// - The month is durable (usage/quota.ts): the month's programmatic requests written by the request meter
//   (usage/meter.ts) plus this process's unwritten ones. A request is counted when it completes (the meter records
//   status and latency), so the check refuses once the count has reached the quota. Redis is not involved: a Redis
//   restart or outage neither loses nor stops the count.
import type { Db, Plan } from "@tenantry/db";
import { createLimiter, limiterRedis, rateLimitPrefix } from "@tenantry/auth";
import { getDb } from "@tenantry/db";

import type { UsageMeter } from "../usage/meter.ts";
import { RateLimitedError } from "../errors.ts";
import { getUsageMeter } from "../usage/process-meter.ts";
import { MonthlyRequests, nextMonthStart } from "../usage/quota.ts";
import { PLANS } from "./plans.ts";

type Limiter = ReturnType<typeof createLimiter>;
type Redis = NonNullable<ReturnType<typeof limiterRedis>>;

export interface ApiLimits {
  perMinute: number;
  /** null means unlimited (still counted, for the usage page). */
  perMonth: number | null;
}

export interface ApiQuotaOptions {
  redis: Redis | null;
  /** Namespace of the keys; tests use a unique one. */
  keyPrefix: string;
  limits?: (plan: Plan) => ApiLimits;
  /** Where the month's durable count is read unless a call names its database, and the meter of this process. */
  db?: () => Db;
  meter?: () => UsageMeter;
  /** How long a durable month total is trusted (default USAGE_QUOTA_CACHE_MS). */
  cacheMs?: number;
}

const planApiLimits = (plan: Plan): ApiLimits => ({
  perMinute: PLANS[plan].rateLimitPerMinute,
  perMonth: PLANS[plan].apiRequestsPerMonth,
});

const secondsToNextMonth = (now: Date) =>
  Math.max(1, Math.ceil((nextMonthStart(now).getTime() - now.getTime()) / 1_000));

/**
 * Brand of ApiLimitExceeded, registered globally: the process-wide quota below is created by whichever module
 * instance first asks for it (Next.js bundles one per layer: a server-rendered plan page can be first), so the
 * refusals an HTTP route sees may be of another instance's classes and `instanceof` would not recognise them.
 */
const API_LIMIT_EXCEEDED = Symbol.for("tenantry.api-limit-exceeded");

/** A refusal by the quota: its brand tells the HTTP layer to put its delay in Retry-After. */
export class ApiLimitExceeded extends RateLimitedError {
  readonly [API_LIMIT_EXCEEDED] = true;
  override name = "ApiLimitExceeded";
}

/** Seconds to wait when `cause` is a quota refusal (from any module instance), else null. */
export function apiLimitRetryAfter(cause: unknown): number | null {
  if (typeof cause !== "object" || cause === null || !(API_LIMIT_EXCEEDED in cause)) return null;
  const seconds = (cause as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === "number" ? seconds : null;
}

const isRejection = (e: unknown): e is { msBeforeNext: number } =>
  typeof e === "object" && e !== null && "msBeforeNext" in e && !(e instanceof Error);

export class ApiQuota {
  private readonly minute = new Map<number, Limiter>();
  private readonly month: MonthlyRequests;
  private readonly limits: (plan: Plan) => ApiLimits;

  constructor(private readonly opts: ApiQuotaOptions) {
    this.limits = opts.limits ?? planApiLimits;
    this.month = new MonthlyRequests(opts.db ?? getDb, opts.meter ?? getUsageMeter, opts.cacheMs);
  }

  // Limiters of different sizes share one key space, so a plan change keeps the organization's count.
  private minuteLimiter(points: number): Limiter {
    let limiter = this.minute.get(points);
    if (!limiter) {
      limiter = createLimiter(
        "api-minute",
        { points, windowSeconds: 60, fallbackPoints: points },
        { redis: this.opts.redis, keyPrefix: this.opts.keyPrefix },
      );
      this.minute.set(points, limiter);
    }
    return limiter;
  }

  /**
   * Admits one API request of the organization, or refuses it with 429 naming the limit, the plan and (for the
   * month) when the quota resets. The request itself is counted by the meter when it completes.
   */
  async consume(org: { id: string; plan: Plan }, now = new Date(), db?: Db): Promise<void> {
    const limits = this.limits(org.plan);
    try {
      await this.minuteLimiter(limits.perMinute).consume(org.id);
    } catch (e) {
      if (!isRejection(e)) throw e;
      const retry = Math.max(1, Math.ceil(e.msBeforeNext / 1_000));
      throw new ApiLimitExceeded(
        `The ${org.plan} plan allows ${limits.perMinute} API requests per minute; retry in ${retry} s`,
        retry,
      );
    }
    // The month's limit is the organization's effective one (plan + overrides), read with the durable count.
    const month = await this.month.read(org.id, now, db);
    const perMonth = this.opts.limits ? limits.perMonth : month.limit;
    if (perMonth === null) return;
    const used = month.used;
    if (used >= perMonth) {
      const retry = secondsToNextMonth(now);
      throw new ApiLimitExceeded(
        `The ${org.plan} plan allows ${perMonth} API requests per month and this organization has used them; ` +
          `the quota resets at ${nextMonthStart(now).toISOString()} (in ${retry} s); upgrade the plan to continue now`,
        retry,
      );
    }
  }

  /**
   * API requests counted this month (durable plus this process's unwritten ones), capped at the plan's quota
   * (refused requests are counted too). null when the database cannot be read: the usage page then says "unknown".
   */
  async monthUsage(
    org: { id: string; plan: Plan },
    now = new Date(),
    db?: Db,
  ): Promise<number | null> {
    let month: { used: number; limit: number | null };
    try {
      month = await this.month.read(org.id, now, db);
    } catch {
      return null;
    }
    const perMonth = this.opts.limits ? this.limits(org.plan).perMonth : month.limit;
    return perMonth === null ? month.used : Math.min(month.used, perMonth);
  }
}

const globalForQuota = globalThis as unknown as { tenantryApiQuota?: ApiQuota };

/** The process-wide quota on the limiter Redis (or memory without REDIS_URL). */
export function getApiQuota(): ApiQuota {
  globalForQuota.tenantryApiQuota ??= new ApiQuota({
    redis: limiterRedis(),
    keyPrefix: `${rateLimitPrefix()}:quota`,
  });
  return globalForQuota.tenantryApiQuota;
}
