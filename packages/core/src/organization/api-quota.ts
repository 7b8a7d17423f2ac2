// The plans' API limits for programmatic clients (bearer access tokens): a rate per minute and a quota per calendar
// month (UTC), counted per organization. Dashboard traffic (browser sessions) is not metered.
// - The rate is rate-limiter-flexible's: Redis when REDIS_URL is set (shared by every instance), memory otherwise; while
//   Redis is unreachable a per-process insurance limiter applies instead of letting every request through.
// - The month is a plain counter per organization and month (INCR with an expiry after the month ends, or a Map
//   without Redis). While Redis is unreachable the month is not counted (the rate still applies): a quota is billing,
//   and refusing paying clients for our outage would be worse than under-counting a few minutes.
import type { Plan } from "@tenantry/db";
import { createLimiter, limiterRedis, rateLimitPrefix } from "@tenantry/auth";

import { RateLimitedError } from "../errors.ts";
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
}

const planApiLimits = (plan: Plan): ApiLimits => ({
  perMinute: PLANS[plan].rateLimitPerMinute,
  perMonth: PLANS[plan].apiRequestsPerMonth,
});

/** A month's counter outlives the month by a few days (late usage-page reads), then Redis drops it. */
const MONTH_KEY_GRACE_SECONDS = 3 * 86_400;

const monthOf = (now: Date) =>
  `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;

const nextMonthStart = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);

const secondsToNextMonth = (now: Date) =>
  Math.max(1, Math.ceil((nextMonthStart(now) - now.getTime()) / 1_000));

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
  /** Month counters without Redis, for `month` only: a new month starts them afresh. */
  private readonly months = new Map<string, number>();
  private month = "";
  private readonly limits: (plan: Plan) => ApiLimits;

  constructor(private readonly opts: ApiQuotaOptions) {
    this.limits = opts.limits ?? planApiLimits;
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

  private monthKey(organizationId: string, now: Date): string {
    return `${this.opts.keyPrefix}:api-month:${organizationId}:${monthOf(now)}`;
  }

  /** Adds one request to the month's count and returns the new count (null when Redis cannot be reached). */
  private async countInMonth(organizationId: string, now: Date): Promise<number | null> {
    const key = this.monthKey(organizationId, now);
    const redis = this.opts.redis;
    if (!redis) {
      if (this.month !== monthOf(now)) {
        this.months.clear();
        this.month = monthOf(now);
      }
      const count = (this.months.get(key) ?? 0) + 1;
      this.months.set(key, count);
      return count;
    }
    try {
      const expireAt = Math.ceil(nextMonthStart(now) / 1_000) + MONTH_KEY_GRACE_SECONDS;
      const results = await redis.multi().incr(key).expireat(key, expireAt).exec();
      const count = results?.[0]?.[1];
      return typeof count === "number" ? count : null;
    } catch {
      return null;
    }
  }

  /** Counts one API request of the organization, or refuses it with 429 naming the limit and the plan. */
  async consume(org: { id: string; plan: Plan }, now = new Date()): Promise<void> {
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
    const count = await this.countInMonth(org.id, now);
    if (limits.perMonth !== null && count !== null && count > limits.perMonth) {
      const retry = secondsToNextMonth(now);
      throw new ApiLimitExceeded(
        `The ${org.plan} plan allows ${limits.perMonth} API requests per month and this organization has used them; ` +
          `upgrade the plan or wait ${retry} s for the next month`,
        retry,
      );
    }
  }

  /**
   * API requests counted this month, capped at the plan's quota (refused requests are counted too). null when the
   * counter cannot be read (Redis down): the usage page says "unknown" rather than showing a wrong number.
   */
  async monthUsage(org: { id: string; plan: Plan }, now = new Date()): Promise<number | null> {
    const key = this.monthKey(org.id, now);
    let used: number;
    if (this.opts.redis) {
      try {
        used = Number((await this.opts.redis.get(key)) ?? 0);
      } catch {
        return null;
      }
    } else {
      used = this.months.get(key) ?? 0;
    }
    const perMonth = this.limits(org.plan).perMonth;
    return perMonth === null ? used : Math.min(used, perMonth);
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
