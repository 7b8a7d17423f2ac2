import "server-only";

// Shared plumbing of the REST routes: a tRPC caller with the request's identity and organization, and tRPC errors
// turned into JSON responses with the matching HTTP status (never a 500 for a client mistake).
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

import { createCaller, createTRPCContext, ORGANIZATION_HEADER, retryAfterOf } from "@tenantry/api";
import { getAuthSession } from "@tenantry/auth/next";

import { csrfRefusal } from "./same-origin";

/** A caller for this request; `?org=` (id or slug) names the organization when the header does not. */
export async function callerForRequest(req: Request) {
  const headers = new Headers(req.headers);
  const org = new URL(req.url).searchParams.get("org");
  if (org && !headers.has(ORGANIZATION_HEADER)) headers.set(ORGANIZATION_HEADER, org);
  return createCaller(createTRPCContext({ headers, session: await getAuthSession() }));
}

export function errorResponse(error: unknown): Response {
  if (error instanceof TRPCError) {
    const headers = new Headers({ "cache-control": "no-store" });
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== null) headers.set("retry-after", String(retryAfter));
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: getHTTPStatusCodeFromError(error), headers },
    );
  }
  console.error("REST route failed:", error);
  return Response.json(
    { error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong" } },
    { status: 500, headers: { "cache-control": "no-store" } },
  );
}

/** Refuses a cookie-authenticated state change from another site (the rule shared with tRPC: same-origin.ts). */
export function assertSameOrigin(req: Request): void {
  const refusal = csrfRefusal(req);
  if (refusal) throw new TRPCError({ code: "FORBIDDEN", message: refusal });
}
