import "server-only";

// Shared plumbing of the REST routes: a tRPC caller with the request's identity, organization and request id (errors
// are answered by apiRoute, api-route.ts, with the matching HTTP status: never a 500 for a client mistake).
import { createCaller, createTRPCContext, ORGANIZATION_HEADER } from "@tenantry/api";
import { getAuthSession } from "@tenantry/auth/next";

/** A caller for this request; `?org=` (id or slug) names the organization when the header does not. */
export async function callerForRequest(req: Request, requestId: string) {
  const headers = new Headers(req.headers);
  const org = new URL(req.url).searchParams.get("org");
  if (org && !headers.has(ORGANIZATION_HEADER)) headers.set(ORGANIZATION_HEADER, org);
  return createCaller(createTRPCContext({ headers, session: await getAuthSession(), requestId }));
}
