// The one mapping of the domain's errors to tRPC codes (public-errors.ts): each kind gets its code and keeps its
// message; a field error keeps the ZodError cause the error formatter flattens for forms; a domain error that tRPC
// wrapped as INTERNAL (thrown inside a procedure) is still recognised.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import {
  ConflictError,
  fieldError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
} from "@tenantry/core";
import { ApiLimitExceeded } from "@tenantry/core/organization/api-quota";

import { retryAfterOf, toPublicError } from "./public-errors.ts";

describe("domain errors over tRPC", () => {
  it.each([
    [new NotFoundError("Project not found"), "NOT_FOUND"],
    [new ForbiddenError("No"), "FORBIDDEN"],
    [new ConflictError("Taken"), "CONFLICT"],
    [new InvalidError("Unknown page cursor"), "BAD_REQUEST"],
    [new RateLimitedError("Slow down", 30), "TOO_MANY_REQUESTS"],
    [new UnauthenticatedError("Your session is no longer valid"), "UNAUTHORIZED"],
    [new PreconditionFailedError("The FREE plan allows 3 projects"), "PRECONDITION_FAILED"],
    [new PayloadTooLargeError("Too big"), "PAYLOAD_TOO_LARGE"],
  ] as const)("maps %s to %s with its message", (error, code) => {
    const answer = toPublicError(error, "req-1");
    expect(answer.code).toBe(code);
    expect(answer.message).toBe(error.message);
  });

  it("gives a field error the ZodError cause forms read, and a plain invalid input none", () => {
    const answer = toPublicError(fieldError("parentId", "A task cannot be its own parent"));
    expect(answer.code).toBe("BAD_REQUEST");
    expect(answer.cause).toBeInstanceOf(ZodError);
    expect((answer.cause as ZodError).issues).toEqual([
      {
        code: "custom",
        path: ["parentId"],
        message: "A task cannot be its own parent",
        input: undefined,
      },
    ]);
    expect(toPublicError(new InvalidError("Unknown page cursor")).cause).not.toBeInstanceOf(
      ZodError,
    );
  });

  it("recognises a domain error that tRPC wrapped as an internal error", () => {
    const wrapped = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      cause: new NotFoundError("Task not found"),
    });
    const answer = toPublicError(wrapped);
    expect(answer.code).toBe("NOT_FOUND");
    expect(answer.message).toBe("Task not found");
  });

  it("puts only the API quota's delay in Retry-After", () => {
    expect(retryAfterOf(toPublicError(new ApiLimitExceeded("Monthly quota used", 60)))).toBe(60);
    // A sign-in lockout is rate limited too, but it never carried Retry-After.
    expect(retryAfterOf(toPublicError(new RateLimitedError("Too many wrong passwords", 900)))).toBe(
      null,
    );
  });
});
