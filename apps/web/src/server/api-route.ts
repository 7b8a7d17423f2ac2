import "server-only";

// Every API route handler runs inside apiRoute (the tRPC endpoint does the same with tRPC's hooks): the request gets
// an id — the caller's X-Request-Id when it is a safe one, else a new one — that its answer carries and the server
// log names; and a failure is answered alike on every route: a deliberate error with its status, an unavailable
// database as 503 with Retry-After, anything else as a generic 500 quoting the request id. The error itself, ORM
// text and all, goes to the server log only.
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

import { requestIdFrom, retryAfterOf, toPublicError } from "@tenantry/api";

import { logFailure, withRequestId } from "./api-response";

export { logFailure, withRequestId };

export interface ApiRequest<P> {
  requestId: string;
  params: P;
}

/** The JSON body of a failed answer (the token endpoints have their own, OAuth-style shape). */
export type ErrorBody = (failure: TRPCError, requestId: string) => unknown;

const restErrorBody: ErrorBody = (failure, requestId) => ({
  error: { code: failure.code, message: failure.message, requestId },
});

export function errorResponse(
  error: unknown,
  requestId: string,
  where: string,
  body: ErrorBody = restErrorBody,
): Response {
  const failure = toPublicError(error, requestId);
  logFailure(requestId, where, failure);
  const headers = new Headers({ "cache-control": "no-store" });
  const retryAfter = retryAfterOf(failure);
  if (retryAfter !== null) headers.set("retry-after", String(retryAfter));
  return Response.json(body(failure, requestId), {
    status: getHTTPStatusCodeFromError(failure),
    headers,
  });
}

export function apiRoute<P = Record<string, never>>(
  handler: (req: Request, request: ApiRequest<P>) => Promise<Response>,
  options: { errorBody?: ErrorBody } = {},
) {
  return async (req: Request, props: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    let response: Response;
    try {
      response = await handler(req, { requestId, params: await props.params });
    } catch (error) {
      const where = `${req.method} ${new URL(req.url).pathname}`;
      response = errorResponse(error, requestId, where, options.errorBody);
    }
    return withRequestId(response, requestId);
  };
}
