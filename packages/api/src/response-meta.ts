// The headers of a tRPC HTTP answer (the web app's /api/trpc route passes this as fetchRequestHandler's
// responseMeta), here so tests run the same code over the fetch adapter.
import type { TRPCError } from "@trpc/server";

import type { Context } from "./context.ts";
import { retryAfterOf } from "./public-errors.ts";
import { rateLimitHeadersOf } from "./rate-limit-headers.ts";

export function trpcResponseMeta(opts: { ctx?: Context; errors: readonly TRPCError[] }): {
  headers: Record<string, string>;
} {
  // Answers carry the caller's data: never stored by the browser or a shared cache. An API client's answer says
  // how much of its rate is left (RateLimit-Policy / RateLimit).
  const headers: Record<string, string> = {
    "cache-control": "no-store",
    ...(opts.ctx ? rateLimitHeadersOf(opts.ctx.rateLimit) : {}),
  };
  // A plan's API limit (429) and an unavailable database (503) say how long to wait: the longest, in a batch.
  const waits = opts.errors.map(retryAfterOf).filter((s): s is number => s !== null);
  if (waits.length > 0) headers["retry-after"] = String(Math.max(...waits));
  return { headers };
}
