// What a failed call tells its caller, the same on every transport (tRPC, REST, server components): its own
// mistakes in full (validation, not found, forbidden, limits); an unavailable database as SERVICE_UNAVAILABLE with a
// retry delay; anything else only that it failed, under a request id that names the details in the server log.
// Never the ORM's message: it quotes the query, the invocation and the database's host and port.
// This is also the one place where the domain's errors (@tenantry/core) become tRPC codes.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";

import type { DomainError, DomainErrorKind } from "@tenantry/core";
import { isDomainError } from "@tenantry/core";
import { apiLimitRetryAfter } from "@tenantry/core/organization/api-quota";
import { isDatabaseUnavailable } from "@tenantry/db";

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

const CODES: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: "NOT_FOUND",
  forbidden: "FORBIDDEN",
  conflict: "CONFLICT",
  invalid: "BAD_REQUEST",
  rate_limited: "TOO_MANY_REQUESTS",
  unauthenticated: "UNAUTHORIZED",
  precondition_failed: "PRECONDITION_FAILED",
  payload_too_large: "PAYLOAD_TOO_LARGE",
};

/**
 * The tRPC error for a domain error. A field error's cause is a ZodError, which the error formatter flattens into
 * the `zodError` forms read (the same shape as a failed input schema); a rate limit keeps itself as the cause, so
 * retryAfterOf finds its delay.
 */
function fromDomainError(error: DomainError): TRPCError {
  let cause: Error = error;
  if (isDomainError(error, "invalid") && "issues" in error) {
    const issues = (error as { issues: readonly { path: (string | number)[]; message: string }[] })
      .issues;
    if (issues.length > 0) {
      // ZodRealError, unlike `new ZodError`, is an Error, so tRPC keeps it as the cause (not an UnknownCauseError).
      cause = new z.ZodRealError(
        issues.map((issue) => ({
          code: "custom" as const,
          path: issue.path,
          message: issue.message,
          input: undefined,
        })),
      );
    }
  }
  return new TRPCError({ code: CODES[error.kind], message: error.message, cause });
}

/** The domain error a failure is, or (thrown inside a procedure, tRPC wraps it as INTERNAL) carries as its cause. */
function domainErrorOf(error: unknown): DomainError | null {
  if (isDomainError(error)) return error;
  if (isTRPCError(error) && error.code === "INTERNAL_SERVER_ERROR" && isDomainError(error.cause)) {
    return error.cause;
  }
  return null;
}

/**
 * The error the caller is answered with: a domain error as its tRPC code; a deliberate TRPCError as it is; an unavailable database, wherever it
 * surfaced, as SERVICE_UNAVAILABLE; anything else as an INTERNAL_SERVER_ERROR with the generic message, the
 * original as its cause (for the log). Idempotent, so every layer that answers may apply it.
 */
export function toPublicError(error: unknown, requestId: string | null = null): TRPCError {
  const domain = domainErrorOf(error);
  if (domain) return answered(fromDomainError(domain), requestId);
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
