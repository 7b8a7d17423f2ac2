// The per-minute API rate of programmatic clients (bearer access tokens and API keys), per credential and per client
// IP, sized by the organization's effective limits (plan + overrides, limits.ts). rate-limiter-flexible on Redis
// when REDIS_URL is set, so every web process sharing that Redis shares each count; memory otherwise. While Redis is
// unreachable each Redis limiter falls back to a per-process insurance limiter instead of letting everything through.
// The limiter never runs inside a tenant transaction: its callers read the limits first, then call it.
import { RateLimiterRes } from "rate-limiter-flexible";

import { createLimiter, limiterRedis, rateLimitPrefix } from "@tenantry/auth";

import type { EffectiveLimits } from "./limits.ts";
import { rateLimitRejectionsTotal } from "../observability/metrics.ts";
import { ApiLimitExceeded } from "./api-quota.ts";

type Limiter = ReturnType<typeof createLimiter>;
type Redis = NonNullable<ReturnType<typeof limiterRedis>>;

/** The scopes a request is counted in; also the policy names of the RateLimit headers. */
export type RateScope = "api_key" | "user" | "ip";

export const RATE_WINDOW_SECONDS = 60;
/**
 * An IP may carry several credentials of one organization (a CI runner, an office NAT), so its budget is this many
 * times a credential's; it stops one machine from multiplying its rate by minting keys.
 */
export const IP_RATE_FACTOR = 2;

export interface RateSubject {
  organizationId: string;
  /** The API key the request authenticated with, or null for an access token (then the user is counted). */
  apiKeyId: string | null;
  userId: string;
  /** The client IP; empty when unknown (then no IP policy applies). */
  ip: string;
}

/** One policy's state after this request, as the RateLimit and RateLimit-Policy headers show it. */
export interface RatePolicyState {
  scope: RateScope;
  quota: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
}

export interface RateDecision {
  policies: RatePolicyState[];
  /** The scope that refused the request, or null when it is allowed. */
  limitedBy: RateScope | null;
  retryAfterSeconds: number;
}

const RATE_DECISION = Symbol.for("tenantry.rate-decision");

/** A refusal by the rate limiter; carries the decision so the HTTP layer can write the headers of the 429. */
export class ApiRateLimited extends ApiLimitExceeded {
  readonly [RATE_DECISION]: RateDecision;
  override name = "ApiRateLimited";

  constructor(message: string, decision: RateDecision) {
    super(message, decision.retryAfterSeconds);
    this[RATE_DECISION] = decision;
  }
}

/** The decision a rate refusal carries (from any module instance, see ApiLimitExceeded), else null. */
export function rateDecisionOf(cause: unknown): RateDecision | null {
  if (typeof cause !== "object" || cause === null || !(RATE_DECISION in cause)) return null;
  return (cause as { [RATE_DECISION]: RateDecision })[RATE_DECISION];
}

export interface ApiRateLimiterOptions {
  redis: Redis | null;
  /** Namespace of the keys; tests use a unique one. */
  keyPrefix: string;
  /** Called once per refused request with the scope that refused it; the rejection metric by default. */
  onRejected?: (scope: RateScope) => void;
}

const SCOPE_NOUN: Record<RateScope, string> = {
  api_key: "per API key",
  user: "per user",
  ip: "per client IP",
};

export class ApiRateLimiter {
  private readonly limiters = new Map<string, Limiter>();

  constructor(private readonly opts: ApiRateLimiterOptions) {}

  // Limiters of different sizes share one key space per scope, so a plan change keeps the current count.
  private limiter(scope: RateScope, points: number): Limiter {
    const id = `${scope}:${points}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = createLimiter(
        `api-rate:${scope}`,
        { points, windowSeconds: RATE_WINDOW_SECONDS, fallbackPoints: points },
        { redis: this.opts.redis, keyPrefix: this.opts.keyPrefix },
      );
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  private async consumeOne(
    scope: RateScope,
    quota: number,
    key: string,
  ): Promise<{ state: RatePolicyState; refused: boolean }> {
    let res: RateLimiterRes;
    let refused = false;
    try {
      res = await this.limiter(scope, quota).consume(key);
    } catch (rejection) {
      // Past the limit rate-limiter-flexible rejects with the RateLimiterRes itself; anything else is a store error.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      res = rejection;
      refused = true;
    }
    return {
      refused,
      state: {
        scope,
        quota,
        windowSeconds: RATE_WINDOW_SECONDS,
        // From the consumed count, not remainingPoints: under insurance the limiter's own points may differ.
        remaining: Math.max(0, quota - res.consumedPoints),
        resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1_000)),
      },
    };
  }

  /**
   * Counts one request in the credential's and the IP's window. Resolves with the decision when allowed; throws
   * ApiRateLimited (429, with the decision) when either window is full.
   */
  async consume(subject: RateSubject, limits: EffectiveLimits): Promise<RateDecision> {
    const perMinute = limits.limits.rateLimitPerMinute;
    const org = subject.organizationId;
    const checks: Promise<{ state: RatePolicyState; refused: boolean }>[] = [
      subject.apiKeyId
        ? this.consumeOne("api_key", perMinute, `${org}:${subject.apiKeyId}`)
        : this.consumeOne("user", perMinute, `${org}:${subject.userId}`),
    ];
    if (subject.ip) {
      checks.push(this.consumeOne("ip", perMinute * IP_RATE_FACTOR, `${org}:${subject.ip}`));
    }
    const results = await Promise.all(checks);
    const refusal = results.find((r) => r.refused);
    const decision: RateDecision = {
      policies: results.map((r) => r.state),
      limitedBy: refusal?.state.scope ?? null,
      retryAfterSeconds: refusal ? Math.max(1, refusal.state.resetSeconds) : 0,
    };
    if (!refusal) return decision;
    (this.opts.onRejected ?? ((scope) => rateLimitRejectionsTotal.inc({ scope, limit: "rate" })))(
      refusal.state.scope,
    );
    const owner = limits.overridden.includes("rateLimitPerMinute")
      ? "This organization's limit"
      : `The ${limits.plan} plan`;
    throw new ApiRateLimited(
      `${owner} allows ${refusal.state.quota} API requests per minute ${SCOPE_NOUN[refusal.state.scope]}; ` +
        `retry in ${decision.retryAfterSeconds} s`,
      decision,
    );
  }
}

/**
 * The RateLimit-Policy and RateLimit fields (draft-ietf-httpapi-ratelimit-headers-09), e.g.
 * `RateLimit-Policy: "api_key";q=60;w=60, "ip";q=120;w=60` and `RateLimit: "api_key";r=12;t=41, "ip";r=99;t=41`.
 */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    "ratelimit-policy": decision.policies
      .map((p) => `"${p.scope}";q=${p.quota};w=${p.windowSeconds}`)
      .join(", "),
    ratelimit: decision.policies
      .map((p) => `"${p.scope}";r=${p.remaining};t=${p.resetSeconds}`)
      .join(", "),
  };
}

/**
 * Of several decisions (a tRPC batch makes one per call), the one to report: a refusal first, else the one with
 * the fewest requests left.
 */
export function tightestDecision(decisions: readonly RateDecision[]): RateDecision | null {
  let best: RateDecision | null = null;
  const left = (d: RateDecision) => Math.min(...d.policies.map((p) => p.remaining));
  for (const d of decisions) {
    if (!best) best = d;
    else if (d.limitedBy && !best.limitedBy) best = d;
    else if (!best.limitedBy === !d.limitedBy && left(d) < left(best)) best = d;
  }
  return best;
}

const globalForRate = globalThis as unknown as { tenantryApiRateLimiter?: ApiRateLimiter };

/** The process-wide limiter on the limiter Redis (or memory without REDIS_URL). */
export function getApiRateLimiter(): ApiRateLimiter {
  globalForRate.tenantryApiRateLimiter ??= new ApiRateLimiter({
    redis: limiterRedis(),
    keyPrefix: `${rateLimitPrefix()}:rate`,
  });
  return globalForRate.tenantryApiRateLimiter;
}
