// The one place where a REST failure becomes an answer: an RFC 7807 problem (application/problem+json). It starts
// from toPublicError (public-errors.ts), so REST and tRPC say the same thing about the same failure — domain errors
// by their kind, a deliberate TRPCError by its code, an unavailable database as 503, anything else as a generic 500
// naming only the request id — and only the envelope differs.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z } from "zod";

import { isDomainError } from "@tenantry/core";

import { retryAfterOf, toPublicError } from "../public-errors.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Where the problem types are documented (a relative URI reference, resolved against the API's origin). */
const TYPE_BASE = "/api/docs#problem-";

/** One validation issue: `pointer` is an RFC 6901 JSON pointer into the request's input. */
export interface ProblemIssue {
  pointer: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: ProblemIssue[];
}

/** A REST-only refusal the tRPC codes have no word for (idempotency misuse, an unknown route). */
export class RestProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    message: string,
    /** Sent as Retry-After (a 503 the client should retry). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "RestProblem";
  }
}

const TITLES: Partial<Record<TRPC_ERROR_CODE_KEY, [slug: string, title: string]>> = {
  BAD_REQUEST: ["bad-request", "Bad request"],
  UNAUTHORIZED: ["unauthorized", "Authentication required"],
  FORBIDDEN: ["forbidden", "Forbidden"],
  NOT_FOUND: ["not-found", "Not found"],
  CONFLICT: ["conflict", "Conflict"],
  PRECONDITION_FAILED: ["precondition-failed", "Precondition failed"],
  PAYLOAD_TOO_LARGE: ["payload-too-large", "Payload too large"],
  UNPROCESSABLE_CONTENT: ["validation", "Validation failed"],
  TOO_MANY_REQUESTS: ["rate-limited", "Too many requests"],
  SERVICE_UNAVAILABLE: ["unavailable", "Service unavailable"],
  INTERNAL_SERVER_ERROR: ["internal", "Internal server error"],
};

/** Every problem type the API answers with, for the OpenAPI document and the reference page. */
export const PROBLEM_TYPES = [
  ...Object.values(TITLES).map(([slug, title]) => ({ slug, title })),
  { slug: "idempotency-mismatch", title: "Idempotency key reused with a different request" },
  { slug: "idempotency-in-flight", title: "A request with this idempotency key is in progress" },
  { slug: "method-not-allowed", title: "Method not allowed" },
] as const;

/** "/a/0/b" from ["a", 0, "b"], escaping "~" and "/" as RFC 6901 says. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path
    .map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`)
    .join("");
}

function issuesOf(cause: unknown): ProblemIssue[] {
  if (!(cause instanceof z.ZodError)) return [];
  return cause.issues.map((issue) => ({ pointer: jsonPointer(issue.path), detail: issue.message }));
}

/** A service's own rate limit (RateLimitedError) names its delay; the plan's API limit is found by retryAfterOf. */
function rateLimitedSeconds(cause: unknown): number | null {
  if (!isDomainError(cause, "rate_limited")) return null;
  const seconds = (cause as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === "number" ? Math.max(1, Math.ceil(seconds)) : null;
}

export interface ProblemAnswer {
  status: number;
  body: Problem;
  headers: Record<string, string>;
}

/**
 * The problem for any failure. A failure with field issues (a schema's or a service's field error) is 422 with
 * `errors`; other client mistakes keep their tRPC code's status. Retry-After rides along on 429 and 503.
 */
export function toProblem(error: unknown, requestId: string, instance: string): ProblemAnswer {
  const headers: Record<string, string> = {
    "content-type": PROBLEM_CONTENT_TYPE,
    "cache-control": "no-store",
  };
  if (error instanceof RestProblem) {
    if (error.retryAfterSeconds !== null) headers["retry-after"] = String(error.retryAfterSeconds);
    return {
      status: error.status,
      headers,
      body: {
        type: TYPE_BASE + error.slug,
        title: error.title,
        status: error.status,
        detail: error.message,
        instance,
        requestId,
      },
    };
  }
  const failure = toPublicError(error, requestId);
  const issues = failure.code === "BAD_REQUEST" ? issuesOf(failure.cause) : [];
  const code: TRPC_ERROR_CODE_KEY = issues.length > 0 ? "UNPROCESSABLE_CONTENT" : failure.code;
  const [slug, title] = TITLES[code] ?? ["error", "Error"];
  const status = issues.length > 0 ? 422 : getHTTPStatusCodeFromError(failure);
  const retryAfter = retryAfterOf(failure) ?? rateLimitedSeconds(failure.cause);
  if (retryAfter !== null) headers["retry-after"] = String(retryAfter);
  const body: Problem = {
    type: TYPE_BASE + slug,
    title,
    status,
    detail: failure.message,
    instance,
    requestId,
  };
  if (issues.length > 0) body.errors = issues;
  return { status, headers, body };
}

/** The zod schema of a problem, for the OpenAPI document (and so responses can be checked against it). */
export const ZProblem = z
  .object({
    type: z.string().meta({ example: "/api/docs#problem-not-found" }),
    title: z.string().meta({ example: "Not found" }),
    status: z.number().int().meta({ example: 404 }),
    detail: z.string().meta({ example: "Task not found" }),
    instance: z.string().meta({ example: "/api/v1/tasks/cm0abc123" }),
    requestId: z.string(),
    errors: z
      .array(z.object({ pointer: z.string().meta({ example: "/title" }), detail: z.string() }))
      .optional(),
  })
  .meta({ title: "Problem", description: "An RFC 7807 problem." });
