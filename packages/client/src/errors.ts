// One error type for every failed call, whatever the transport said: a tRPC error code, its message, the field
// errors of a validation failure and the request id the server logged it under.
import { TRPCClientError } from "@trpc/client";

export type TenantryErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR"
  | "NETWORK_ERROR"
  | (string & {});

export class TenantryError extends Error {
  override name = "TenantryError";

  constructor(
    readonly code: TenantryErrorCode,
    message: string,
    /** Field path ("title", "scopes.0") → messages, from the server's flattened validation error. */
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> = {},
    readonly requestId: string | null = null,
    readonly httpStatus: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  requestId?: unknown;
  zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null;
}

export const isTenantryError = (error: unknown): error is TenantryError =>
  error instanceof Error && error.name === "TenantryError";

/** A TRPCClientError without server data never reached the server (or got no answer): a network error. */
export function toTenantryError(error: unknown): TenantryError {
  if (isTenantryError(error)) return error;
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<never>).data as ErrorData | undefined | null;
    if (!data || typeof data.code !== "string") {
      return new TenantryError("NETWORK_ERROR", error.message, {}, null, null, { cause: error });
    }
    const fieldErrors: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(data.zodError?.fieldErrors ?? {})) {
      if (messages && messages.length > 0) fieldErrors[field] = messages;
    }
    return new TenantryError(
      data.code,
      error.message,
      fieldErrors,
      typeof data.requestId === "string" ? data.requestId : null,
      typeof data.httpStatus === "number" ? data.httpStatus : null,
      { cause: error },
    );
  }
  return new TenantryError(
    "NETWORK_ERROR",
    error instanceof Error ? error.message : String(error),
    {},
    null,
    null,
    { cause: error },
  );
}
