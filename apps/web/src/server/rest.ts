import "server-only";

// Shared plumbing of the REST routes: a tRPC caller with the request's identity, organization and request id (errors
// are answered by apiRoute, api-route.ts, with the matching HTTP status: never a 500 for a client mistake).
import { TRPCError } from "@trpc/server";

import { createCaller, createTRPCContext, ORGANIZATION_HEADER } from "@tenantry/api";
import { getAuthSession } from "@tenantry/auth/next";

/** A caller for this request; `?org=` (id or slug) names the organization when the header does not. */
export async function callerForRequest(req: Request, requestId: string) {
  const headers = new Headers(req.headers);
  const org = new URL(req.url).searchParams.get("org");
  if (org && !headers.has(ORGANIZATION_HEADER)) headers.set(ORGANIZATION_HEADER, org);
  return createCaller(createTRPCContext({ headers, session: await getAuthSession(), requestId }));
}

/**
 * Cookie-authenticated state changes must come from this site: a cross-site form could otherwise submit a
 * multipart POST. Requests without an Origin header (non-browser clients with bearer tokens) are allowed.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host || new URL(origin).host !== host) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site requests are not allowed" });
  }
}
