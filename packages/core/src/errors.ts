// Domain errors: what a service refuses, in words any transport can map (tRPC codes in packages/api, RFC 7807 for
// REST, a log line for a job). Services throw only these; they know no transport's status codes.

/** The kinds a transport maps; one per class below. */
export type DomainErrorKind =
  | "not_found"
  | "forbidden"
  | "conflict"
  | "invalid"
  | "rate_limited"
  | "unauthenticated"
  | "precondition_failed"
  | "payload_too_large";

/**
 * Brand registered globally: Next.js bundles a module instance per layer, and an error thrown by another instance's
 * class fails `instanceof`, so transports recognise domain errors by this symbol (isDomainError).
 */
const DOMAIN_ERROR = Symbol.for("tenantry.domain-error");

export abstract class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;
  abstract readonly kind: DomainErrorKind;
}

/** Missing, or another tenant's: the two are the same answer so an id never reveals that it exists elsewhere. */
export class NotFoundError extends DomainError {
  readonly kind = "not_found";
  override name = "NotFoundError";
}

/** The actor may not do this (role, permission, organization state). */
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
  override name = "ForbiddenError";
}

/** The request collides with the current state (a taken name, a concurrent change). */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
  override name = "ConflictError";
}

/** One input problem a form can place next to its field; `path` is the field's path in the input. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** The input is not acceptable; with `field`, the problem belongs to that input field. */
export class InvalidError extends DomainError {
  readonly kind = "invalid";
  override name = "InvalidError";
  readonly issues: readonly FieldIssue[];

  constructor(message: string, opts: { field?: string | (string | number)[] } = {}) {
    super(message);
    const field = opts.field;
    this.issues =
      field === undefined ? [] : [{ path: Array.isArray(field) ? field : [field], message }];
  }
}

/** A field error: the message is shown on `field` of the form. */
export const fieldError = (field: string, message: string): InvalidError =>
  new InvalidError(message, { field });

/** Too many attempts; the caller may try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly kind = "rate_limited";
  override name = "RateLimitedError";

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** No valid session or credentials. */
export class UnauthenticatedError extends DomainError {
  readonly kind = "unauthenticated";
  override name = "UnauthenticatedError";
}

/** The action is valid but the state does not allow it yet (a plan limit, an unverified email, an expiry). */
export class PreconditionFailedError extends DomainError {
  readonly kind = "precondition_failed";
  override name = "PreconditionFailedError";
}

/** An upload or body larger than allowed. */
export class PayloadTooLargeError extends DomainError {
  readonly kind = "payload_too_large";
  override name = "PayloadTooLargeError";
}

/** A domain error (of any module instance), optionally of one `kind`. */
export function isDomainError(error: unknown, kind?: DomainErrorKind): error is DomainError {
  if (typeof error !== "object" || error === null || !(DOMAIN_ERROR in error)) return false;
  return kind === undefined || (error as { kind?: unknown }).kind === kind;
}
