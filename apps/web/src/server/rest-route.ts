import "server-only";

// The wrapper of every /api/v1 route file: a request id on the answer, the CSRF rule for cookie-authenticated
// writes, and any failure as an RFC 7807 problem (the mapping lives in packages/api/src/rest/problem.ts).
import { TRPCError } from "@trpc/server";

import { requestIdFrom } from "@tenantry/api";
import { toProblem } from "@tenantry/api/rest";
import { restCsrfRefusal } from "@tenantry/api/same-origin";
import { logger } from "@tenantry/core/observability/logger";

import { withRequestId } from "./api-route";

export function problemResponse(error: unknown, req: Request, requestId: string): Response {
  const { pathname } = new URL(req.url);
  const problem = toProblem(error, requestId, pathname);
  if (problem.status >= 500) {
    logger().error({ err: error, requestId, method: req.method, path: pathname }, "request failed");
  }
  return Response.json(problem.body, { status: problem.status, headers: problem.headers });
}

export function restRoute<P = Record<string, never>>(
  handler: (req: Request, request: { requestId: string; params: P }) => Promise<Response>,
) {
  return async (req: Request, props: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    let response: Response;
    try {
      const refusal = restCsrfRefusal(req);
      if (refusal) throw new TRPCError({ code: "FORBIDDEN", message: refusal });
      response = await handler(req, { requestId, params: await props.params });
    } catch (error) {
      response = problemResponse(error, req, requestId);
    }
    return withRequestId(response, requestId);
  };
}
