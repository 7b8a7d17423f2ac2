// Shared plumbing of the REST token endpoints (/api/auth/token, /refresh, /logout): bounded JSON bodies, JSON errors
// with no-store caching, 429 with Retry-After.
import type { z } from "zod";

import type { ErrorBody } from "~/server/api-route";

const MAX_BODY_BYTES = 8_192;

export const noStore = { "cache-control": "no-store", pragma: "no-cache" } as const;

export function jsonError(
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error, message, ...extra },
    { status, headers: { ...noStore, ...headers } },
  );
}

/** apiRoute's answer to a failure in OAuth's error shape: temporarily_unavailable (503) or server_error (500). */
export const tokenErrorBody: ErrorBody = (failure, requestId) => ({
  error:
    failure.code === "SERVICE_UNAVAILABLE"
      ? "temporarily_unavailable"
      : failure.code === "INTERNAL_SERVER_ERROR"
        ? "server_error"
        : failure.code.toLowerCase(),
  message: failure.message,
  requestId,
});

export function tooManyAttempts(retryAfterSeconds: number): Response {
  return jsonError(
    429,
    "too_many_attempts",
    `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
    { retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );
}

/**
 * Parses a JSON body with `schema`. Only application/json is accepted: a cross-site form post cannot send it
 * without a CORS preflight, which this API never grants.
 */
export async function readJson<T extends z.ZodType>(
  req: Request,
  schema: T,
): Promise<{ ok: true; data: z.output<T> } | { ok: false; response: Response }> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      response: jsonError(415, "unsupported_media_type", "Send a JSON body (application/json)"),
    };
  }
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) {
    return { ok: false, response: jsonError(413, "payload_too_large", "Request body too large") };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonError(400, "invalid_request", "Body is not valid JSON") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    }
    return {
      ok: false,
      response: jsonError(400, "invalid_request", "Invalid request body", { fieldErrors }),
    };
  }
  return { ok: true, data: parsed.data };
}
