// The plans' monthly API quota for programmatic clients (bearer access tokens and API keys), per calendar month (UTC)
// and organization. Dashboard traffic (browser sessions) is not metered. The per-minute rate, per API key, user and
// IP, is api-rate-limit.ts's.
// - The month is durable (usage/quota.ts): the month's programmatic requests written by the request meter
//   (usage/meter.ts) plus this process's unwritten ones. A request is counted when it completes (the meter records
//   status and latency), so the check refuses once the count has reached the quota. Redis is not involved: a Redis
//   restart or outage neither loses nor stops the count.
import type { Db, Plan } from "@tenantry/db";
import type { TPlanLimits } from "@tenantry/validators";
import { getDb } from "@tenantry/db";

import type { UsageMeter } from "../usage/meter.ts";
import { RateLimitedError } from "../errors.ts";
import { rateLimitRejectionsTotal } from "../observability/metrics.ts";
import { getUsageMeter } from "../usage/process-meter.ts";
import { MonthlyRequests, nextMonthStart } from "../usage/quota.ts";

export interface ApiLimits {
  /** null means unlimited (still counted, for the usage page). */
  perMonth: number | null;
}

export interface ApiQuotaOptions {
  /** Fixed limits per plan (tests); by default the organization's effective limits (plan + overrides). */
  limits?: (plan: Plan) => ApiLimits;
  /** Where the month's durable count is read unless a call names its database, and the meter of this process. */
  db?: () => Db;
  meter?: () => UsageMeter;
  /** How long a durable month total is trusted (default USAGE_QUOTA_CACHE_MS). */
  cacheMs?: number;
}

/** The organization the quota counts for; `limits` are its effective ones (plan + overrides) when already known. */
export interface QuotaOrganization {
  id: string;
  plan: Plan;
  limits?: TPlanLimits;
  /** The monthly quota differs from the plan's because of a per-organization override. */
  quotaOverridden?: boolean;
}

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

export class ApiQuota {
  private readonly month: MonthlyRequests;

  constructor(private readonly opts: ApiQuotaOptions = {}) {
    this.month = new MonthlyRequests(opts.db ?? getDb, opts.meter ?? getUsageMeter, opts.cacheMs);
  }

  /** The month's limit: fixed per plan in tests, else the caller's effective limits, else the durable read's. */
  private perMonth(org: QuotaOrganization, read: number | null): number | null {
    if (this.opts.limits) return this.opts.limits(org.plan).perMonth;
    if (org.limits) return org.limits.apiRequestsPerMonth;
    return read;
  }

  /**
   * Admits one API request of the organization, or refuses it with 429 naming the quota and when it resets. The
   * request itself is counted by the meter when it completes.
   */
  async consume(org: QuotaOrganization, now = new Date(), db?: Db): Promise<void> {
    const month = await this.month.read(org.id, now, db);
    const perMonth = this.perMonth(org, month.limit);
    if (perMonth === null || month.used < perMonth) return;
    const retry = secondsToNextMonth(now);
    rateLimitRejectionsTotal.inc({ scope: "organization", limit: "quota" });
    const who = org.quotaOverridden
      ? "This organization's limit allows"
      : `The ${org.plan} plan allows`;
    throw new ApiLimitExceeded(
      `${who} ${perMonth} API requests per month and this organization has used them; ` +
        `the quota resets at ${nextMonthStart(now).toISOString()} (in ${retry} s); upgrade the plan to continue now`,
      retry,
    );
  }

  /**
   * API requests counted this month (durable plus this process's unwritten ones), capped at the quota (refused
   * requests are counted too). null when the database cannot be read: the usage page then says "unknown".
   */
  async monthUsage(org: QuotaOrganization, now = new Date(), db?: Db): Promise<number | null> {
    let month: { used: number; limit: number | null };
    try {
      month = await this.month.read(org.id, now, db);
    } catch {
      return null;
    }
    const perMonth = this.perMonth(org, month.limit);
    return perMonth === null ? month.used : Math.min(month.used, perMonth);
  }
}

const globalForQuota = globalThis as unknown as { tenantryApiQuota?: ApiQuota };

/** The process-wide quota over the durable monthly counts. */
export function getApiQuota(): ApiQuota {
  globalForQuota.tenantryApiQuota ??= new ApiQuota();
  return globalForQuota.tenantryApiQuota;
}
