// The IETF RateLimit-Policy and RateLimit response fields of a request the API rate limiter counted, for tRPC's
// endpoint and the REST handlers alike. A request it did not count (the dashboard, public routes) carries none.
import { rateLimitHeaders, tightestDecision } from "@tenantry/core/organization/api-rate-limit";

import type { RateLimitRecord } from "./middleware/org-steps.ts";

export function rateLimitHeadersOf(record: RateLimitRecord): Record<string, string> {
  const decision = tightestDecision(record.decisions);
  return decision ? rateLimitHeaders(decision) : {};
}
