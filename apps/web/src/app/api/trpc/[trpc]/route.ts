// The tRPC HTTP endpoint. Same-origin only: no CORS headers are sent, so browsers block cross-site reads, and
// cookie-authenticated mutations from another site are refused (same-origin.ts). Batches and bodies are capped.
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { appRouter, createTRPCContext, retryAfterOf } from "@tenantry/api";
import { getAuthSession } from "@tenantry/auth/next";

import { bodyLimitFor, limitBody } from "~/server/body-limit";
import { csrfRefusal } from "~/server/same-origin";
import { TRPC_MAX_BATCH_SIZE } from "~/trpc/limits";

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

const handler = async (req: Request) => {
  const refusal = csrfRefusal(req);
  if (refusal) console.warn(`tRPC: refused ${req.method} ${new URL(req.url).pathname}: ${refusal}`);
  const session = refusal ? null : await getAuthSession();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req: refusal
      ? refusedRequest(req)
      : limitBody(req, bodyLimitFor(req.headers.get("content-type"))),
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () => {
      if (refusal) throw new TRPCError({ code: "FORBIDDEN", message: refusal });
      return createTRPCContext({ headers: req.headers, session });
    },
    responseMeta({ errors }) {
      // Answers carry the caller's data: never stored by the browser or a shared cache.
      const headers: Record<string, string> = { "cache-control": "no-store" };
      // A plan's API limit answers 429 with the wait in Retry-After (the longest, in a batch).
      const waits = errors.map(retryAfterOf).filter((s): s is number => s !== null);
      if (waits.length > 0) headers["retry-after"] = String(Math.max(...waits));
      return { headers };
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`tRPC failed on ${path ?? "<no-path>"}:`, error);
      }
    },
  });
};

export { handler as GET, handler as POST };
