// What a failed call tells its caller, the same on every transport (tRPC, REST, server components): its own
// mistakes in full (validation, not found, forbidden, limits); an unavailable database as SERVICE_UNAVAILABLE with a
// retry delay; anything else only that it failed, under a request id that names the details in the server log.
// Never the ORM's message: it quotes the query, the invocation and the database's host and port.
import { TRPCError } from "@trpc/server";

import { isDatabaseUnavailable } from "@tenantry/db";

import { apiLimitRetryAfter } from "./services/api-quota.ts";
import { isTRPCError } from "./trpc-error.ts";

export { isTRPCError };

/** Seconds a client should wait before retrying while the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE =
  "The service is temporarily unavailable. Please try again in a few seconds.";

export const INTERNAL_MESSAGE = "Something went wrong on our side.";

/** The message of an internal error as answered: generic, with the request id to quote to support. */
export const internalMessage = (requestId: string | null) =>
  requestId ? `${INTERNAL_MESSAGE} Reference: ${requestId}` : INTERNAL_MESSAGE;

/** Where the answer has no context to take the request id from (its creation failed), the error carries it. */
const REQUEST_ID = Symbol.for("tenantry.request-id");

export function requestIdOf(error: unknown): string | null {
  const id: unknown =
    typeof error === "object" && error !== null
      ? (error as Record<symbol, unknown>)[REQUEST_ID]
      : null;
  return typeof id === "string" ? id : null;
}

function answered(error: TRPCError, requestId: string | null): TRPCError {
  if (requestId !== null && requestIdOf(error) === null) {
    Object.defineProperty(error, REQUEST_ID, { value: requestId });
  }
  return error;
}

/**
 * The error the caller is answered with: a deliberate TRPCError as it is; an unavailable database, wherever it
 * surfaced, as SERVICE_UNAVAILABLE; anything else as an INTERNAL_SERVER_ERROR with the generic message, the
 * original as its cause (for the log). Idempotent, so every layer that answers may apply it.
 */
export function toPublicError(error: unknown, requestId: string | null = null): TRPCError {
  if (isTRPCError(error) && error.code !== "INTERNAL_SERVER_ERROR")
    return answered(error, requestId);
  if (isDatabaseUnavailable(error)) {
    return answered(
      new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: error }),
      requestId,
    );
  }
  if (isTRPCError(error) && error.message.startsWith(INTERNAL_MESSAGE)) {
    return answered(error, requestId);
  }
  return answered(
    new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: internalMessage(requestId),
      cause: error,
    }),
    requestId,
  );
}

/** Seconds for Retry-After when `error` is a plan's API limit or an unavailable database, else null. */
export function retryAfterOf(error: unknown): number | null {
  if (!isTRPCError(error)) return null;
  if (error.code === "TOO_MANY_REQUESTS") return apiLimitRetryAfter(error.cause);
  if (error.code === "SERVICE_UNAVAILABLE") return UNAVAILABLE_RETRY_AFTER_SECONDS;
  return null;
}
