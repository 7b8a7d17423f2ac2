// The parts of every API answer that the tRPC endpoint shares with apiRoute (api-route.ts), without "server-only":
// server.ts loads the tRPC endpoint outside Next.js too (direct-api.ts).
import type { TRPCError } from "@trpc/server";

import { REQUEST_ID_HEADER } from "@tenantry/api";
import { logger } from "@tenantry/core/observability/logger";

/** Logs what the caller was not told: the failures that are ours (500) or the database's (503). */
export function logFailure(requestId: string, where: string, failure: TRPCError): void {
  if (failure.code === "INTERNAL_SERVER_ERROR" || failure.code === "SERVICE_UNAVAILABLE") {
    logger().error({ err: failure, requestId, where }, "request failed");
  }
}

/** Adds X-Request-Id, on a copy when the response's headers are immutable (a Response.redirect, say). */
export function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}
