// The tRPC HTTP endpoint. Same-origin only: no CORS headers are sent, so browsers block cross-site reads.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { appRouter, createTRPCContext, retryAfterOf } from "@tenantry/api";
import { getAuthSession } from "@tenantry/auth/next";

const handler = async (req: Request) => {
  const session = await getAuthSession();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: () =>
      createTRPCContext({
        headers: req.headers,
        session,
      }),
    // A plan's API limit answers 429 with the wait in Retry-After (the longest, in a batch).
    responseMeta({ errors }) {
      const waits = errors.map(retryAfterOf).filter((s): s is number => s !== null);
      return waits.length > 0 ? { headers: { "retry-after": String(Math.max(...waits)) } } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`tRPC failed on ${path ?? "<no-path>"}:`, error);
      }
    },
  });
};

export { handler as GET, handler as POST };
