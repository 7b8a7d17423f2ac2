// The plans' monthly API quota for programmatic clients (bearer access tokens and API keys), per calendar month (UTC)
// and organization. Dashboard traffic (browser sessions) is not metered. The per-minute rate, per API key, user and
// IP, is api-rate-limit.ts's.
// - The month is a plain counter per organization and month (INCR with an expiry after the month ends, or a Map
//   without Redis). While Redis is unreachable the month is not counted (the rate still applies): a quota is billing,
//   and refusing paying clients for our outage would be worse than under-counting a few minutes.
import type { Plan } from "@tenantry/db";
import type { TPlanLimits } from "@tenantry/validators";
import { limiterRedis, rateLimitPrefix } from "@tenantry/auth";

import { RateLimitedError } from "../errors.ts";
import { PLANS } from "./plans.ts";

type Redis = NonNullable<ReturnType<typeof limiterRedis>>;

export interface ApiLimits {
  /** null means unlimited (still counted, for the usage page). */
  perMonth: number | null;
}

export interface ApiQuotaOptions {
  redis: Redis | null;
  /** Namespace of the keys; tests use a unique one. */
  keyPrefix: string;
  limits?: (plan: Plan) => ApiLimits;
}

/** The organization the quota counts for; `limits` are its effective ones (plan + overrides) when known. */
export interface QuotaOrganization {
  id: string;
  plan: Plan;
  limits?: TPlanLimits;
}

const planApiLimits = (plan: Plan): ApiLimits => ({
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

export class ApiQuota {
  /** Month counters without Redis, for `month` only: a new month starts them afresh. */
  private readonly months = new Map<string, number>();
  private month = "";
  private readonly limits: (plan: Plan) => ApiLimits;

  constructor(private readonly opts: ApiQuotaOptions) {
    this.limits = opts.limits ?? planApiLimits;
  }

  private monthLimit(org: QuotaOrganization): number | null {
    return org.limits ? org.limits.apiRequestsPerMonth : this.limits(org.plan).perMonth;
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
  async consume(org: QuotaOrganization, now = new Date()): Promise<void> {
    const perMonth = this.monthLimit(org);
    const count = await this.countInMonth(org.id, now);
    if (perMonth !== null && count !== null && count > perMonth) {
      const retry = secondsToNextMonth(now);
      throw new ApiLimitExceeded(
        `The ${org.plan} plan allows ${perMonth} API requests per month and this organization has used them; ` +
          `upgrade the plan or wait ${retry} s for the next month`,
        retry,
      );
    }
  }

  /**
   * API requests counted this month, capped at the plan's quota (refused requests are counted too). null when the
   * counter cannot be read (Redis down): the usage page says "unknown" rather than showing a wrong number.
   */
  async monthUsage(org: QuotaOrganization, now = new Date()): Promise<number | null> {
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
    const perMonth = this.monthLimit(org);
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
