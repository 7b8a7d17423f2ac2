// The tRPC HTTP endpoint. Same-origin only: no CORS headers are sent, so browsers block cross-site reads. Like every
// API route (api-route.ts) it answers with X-Request-Id and logs what it does not tell the client.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import {
  appRouter,
  createTRPCContext,
  requestIdFrom,
  retryAfterOf,
  toPublicError,
} from "@tenantry/api";
import { getAuthSession } from "@tenantry/auth/next";

import { logFailure, withRequestId } from "~/server/api-route";

const handler = async (req: Request) => {
  const requestId = requestIdFrom(req.headers);
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    // The session lookup reads the database: done here, its failure is answered like a procedure's (503, not 500).
    createContext: async () => {
      try {
        return createTRPCContext({
          headers: req.headers,
          session: await getAuthSession(),
          requestId,
        });
      } catch (error) {
        throw toPublicError(error, requestId);
      }
    },
    // A plan's API limit (429) and an unavailable database (503) say how long to wait: the longest, in a batch.
    responseMeta({ errors }) {
      const waits = errors.map(retryAfterOf).filter((s): s is number => s !== null);
      return waits.length > 0 ? { headers: { "retry-after": String(Math.max(...waits)) } } : {};
    },
    onError({ error, path }) {
      logFailure(requestId, `tRPC ${path ?? "<no-path>"}`, error);
    },
  });
  return withRequestId(response, requestId);
};

export { handler as GET, handler as POST };
