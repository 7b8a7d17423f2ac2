// The rate-limit rejection counter on prom-client's default register, scraped by /api/metrics once that route
// exists. Looked up by name first: Next.js may load this module once per bundle layer, and a second registration of
// the same name would throw.
import { Counter, register } from "prom-client";

const NAME = "tenantry_rate_limit_rejections_total";

type RejectionCounter = Counter<"scope" | "limit">;

function counter(): RejectionCounter {
  const existing = register.getSingleMetric(NAME) as RejectionCounter | undefined;
  return (
    existing ??
    new Counter({
      name: NAME,
      help: "Requests refused by a rate limit or quota, by scope and limit",
      labelNames: ["scope", "limit"] as const,
    })
  );
}

/** Counts one refused request; `scope` is what was limited (api_key, user, ip), `limit` which limit (rate, ...). */
export function countRateLimitRejection(scope: string, limit: string): void {
  counter().inc({ scope, limit });
}
