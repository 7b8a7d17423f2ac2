// The tRPC HTTP endpoint. Same-origin only: no CORS headers are sent, so browsers block cross-site reads, and
// cookie-authenticated mutations from another site are refused (same-origin.ts). Batches and bodies are capped. Like
// every API route (api-route.ts) it answers with X-Request-Id and logs what it does not tell the client. Served by
// the route file (app/api/trpc/[trpc]/route.ts) and, for bearer-token calls, by server.ts directly (direct-api.ts).
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import type { AuthSession } from "@tenantry/auth";
import {
  appRouter,
  createTRPCContext,
  requestIdFrom,
  toPublicError,
  trpcResponseMeta,
} from "@tenantry/api";
import { csrfRefusal } from "@tenantry/api/same-origin";
import { bearerToken } from "@tenantry/auth";
import { logger } from "@tenantry/core/observability/logger";

import { TRPC_MAX_BATCH_SIZE } from "../trpc/limits";
import { logFailure, withRequestId } from "./api-response";
import { bodyLimitFor, limitBody } from "./body-limit";

/**
 * A refused request goes through tRPC with a context that fails, so every call in it answers FORBIDDEN in tRPC's
 * own error shape (403) and no procedure runs. Its body is dropped unread and it is declared JSON whatever it was
 * (else tRPC would answer 415 for a text/plain form post first); a streaming Accept goes too, because a streamed
 * batch answers 200 whatever its calls do.
 */
function refusedRequest(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.delete("trpc-accept");
  headers.delete("accept");
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  return new Request(req.url, { method: req.method, headers });
}

/** The cookie session of a browser call (next-auth's, which only runs inside Next.js); never asked for a bearer call. */
export type CookieSession = () => Promise<AuthSession | null>;

export async function handleTrpc(req: Request, cookieSession: CookieSession): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const refusal = csrfRefusal(req);
  if (refusal) {
    logger().warn(
      { requestId, method: req.method, path: new URL(req.url).pathname, reason: refusal },
      "tRPC request refused",
    );
  }
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    // A GET has no body to cap.
    req: refusal
      ? refusedRequest(req)
      : req.body
        ? limitBody(req, bodyLimitFor(req.headers.get("content-type")))
        : req,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    // The session lookup reads the database: done here, its failure is answered like a procedure's (503, not 500).
    createContext: async () => {
      if (refusal)
        throw toPublicError(new TRPCError({ code: "FORBIDDEN", message: refusal }), requestId);
      try {
        // A bearer token wins over the cookie in authenticate(), so next-auth's cookie check (a JWT decode and a
        // session lookup of its own) would be wasted work on every API client call.
        const bearer = bearerToken(req.headers.get("authorization")) !== null;
        return createTRPCContext({
          headers: req.headers,
          session: bearer ? null : await cookieSession(),
          requestId,
        });
      } catch (error) {
        throw toPublicError(error, requestId);
      }
    },
    responseMeta: trpcResponseMeta,
    onError({ error, path }) {
      logFailure(requestId, `tRPC ${path ?? "<no-path>"}`, error);
    },
  });
  return withRequestId(response, requestId);
}
