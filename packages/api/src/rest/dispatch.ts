// The REST dispatcher. A route runs its tRPC procedure through a server-side caller built from the same context
// tRPC's HTTP endpoint builds (createTRPCContext: bearer token, cookie session, organization header, request id),
// so authentication (including whatever authenticate.ts accepts), organization resolution, the tenant
// transaction, permissions, quotas and audit are the very same code; REST adds only the HTTP shape: JSON in and
// out, cursor pagination with `next_cursor` and a Link header, RFC 7807 problems (problem.ts) and Idempotency-Key.
import { TRPCError } from "@trpc/server";
import { z } from "zod";

import type { AuthSession } from "@tenantry/auth";
import {
  ForbiddenError,
  RateLimitedError,
  tokenLogin,
  tokenLogout,
  tokenRefresh,
  UnauthenticatedError,
} from "@tenantry/core";
import { logger } from "@tenantry/core/observability/logger";
import { annotateRoute } from "@tenantry/core/observability/request-context";

import type { Context } from "../context.ts";
import type { IdempotencyStore, StoredResponse } from "./idempotency.ts";
import type { RestRoute } from "./routes.ts";
import { createTRPCContext, ORGANIZATION_HEADER } from "../context.ts";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "../public-errors.ts";
import { rateLimitHeadersOf } from "../rate-limit-headers.ts";
import { appRouter } from "../root.ts";
import { createCallerFactory } from "../trpc.ts";
import { idempotencyScope } from "./idempotency-scope.ts";
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from "./idempotency.ts";
import { matchRoute } from "./match.ts";
import { RestProblem, toProblem } from "./problem.ts";
import { queryInput } from "./query.ts";
import { TOKEN_LOGIN, TOKEN_LOGOUT, TOKEN_REFRESH } from "./routes.ts";
import { jsonSchemaOf, routeSchemas } from "./schemas.ts";
import { streamedRoute } from "./streamed.ts";

export const REST_BASE_PATH = "/api/v1";

const createCaller = createCallerFactory(appRouter);

export interface RestOptions {
  session: AuthSession | null;
  requestId: string;
  idempotency: IdempotencyStore;
  /** For tests: the context as the web app would build it (defaults to createTRPCContext of the request). */
  context?: (headers: Headers) => Context;
}

const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

const invalidInput = (cause: z.ZodError) =>
  new TRPCError({ code: "BAD_REQUEST", message: "The request's input is invalid", cause });

async function readBody(req: Request): Promise<{ text: string; value: unknown }> {
  const text = await req.text();
  if (text.trim() === "") return { text, value: undefined };
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    throw new RestProblem(400, "bad-request", "Bad request", "The body is not valid JSON");
  }
}

/** The token endpoints run the identity service directly, as /api/auth/token does, with REST's errors. */
async function runToken(route: RestRoute, ctx: Context, input: unknown): Promise<unknown> {
  const schema = routeSchemas(route).input ?? z.never();
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const data = parsed.data as { email: string; password: string; refreshToken: string };
  if (route.procedure === TOKEN_LOGOUT) {
    await tokenLogout(ctx.db, data.refreshToken);
    return null;
  }
  const result =
    route.procedure === TOKEN_LOGIN
      ? await tokenLogin(ctx.db, data, ctx.client)
      : await tokenRefresh(ctx.db, data.refreshToken);
  if (result.ok) return result.tokens;
  if (result.reason === "rate_limited" && "retryAfterSeconds" in result) {
    throw new RateLimitedError("Too many attempts. Try again later.", result.retryAfterSeconds);
  }
  if (result.reason === "unverified") {
    throw new ForbiddenError("Verify your email address before signing in");
  }
  throw new UnauthenticatedError(
    route.procedure === TOKEN_REFRESH
      ? "Refresh token is invalid or expired. Sign in again."
      : "Email or password is incorrect",
  );
}

async function runProcedure(path: string, ctx: Context, input: unknown): Promise<unknown> {
  let target: unknown = createCaller(ctx);
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

const isPage = (v: unknown): v is { items: unknown[]; nextCursor: string | null } =>
  typeof v === "object" && v !== null && "items" in v && "nextCursor" in v;

/** The success answer: pages as `{ items, next_cursor }` with a Link to the next one. */
function success(route: RestRoute, url: URL, output: unknown): StoredResponse {
  const status = route.status ?? 200;
  if (status === 204) return { status, headers: { "cache-control": "no-store" }, body: "" };
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (isPage(output)) {
    if (output.nextCursor !== null) {
      const next = new URL(url);
      next.searchParams.set("cursor", output.nextCursor);
      headers.link = `<${next.pathname}${next.search}>; rel="next"`;
    }
    return {
      status,
      headers,
      body: JSON.stringify({ items: output.items, next_cursor: output.nextCursor }),
    };
  }
  return { status, headers, body: JSON.stringify(output ?? null) };
}

const toResponse = (stored: StoredResponse, extra: Record<string, string> = {}) =>
  new Response(stored.status === 204 ? null : stored.body, {
    status: stored.status,
    headers: { ...stored.headers, ...extra },
  });

function problemResponse(error: unknown, requestId: string, instance: string): StoredResponse {
  const problem = toProblem(error, requestId, instance);
  const headers = { ...problem.headers };
  if (error instanceof RestProblem && error.status === 405) {
    headers.allow = error.message.replace("Allowed: ", "");
  }
  return { status: problem.status, headers, body: JSON.stringify(problem.body) };
}

export async function handleRestRequest(req: Request, opts: RestOptions): Promise<Response> {
  const url = new URL(req.url);
  const instance = url.pathname;
  try {
    const path = url.pathname.startsWith(REST_BASE_PATH)
      ? url.pathname.slice(REST_BASE_PATH.length)
      : url.pathname;
    const { route, params } = matchRoute(req.method, path);
    annotateRoute(`${route.method} ${REST_BASE_PATH}${route.path}`);
    const schemas = routeSchemas(route);
    const fromQuery =
      (route.input ?? (["GET", "DELETE"].includes(route.method) ? "query" : "body")) === "query";
    const body = fromQuery ? { text: "", value: undefined } : await readBody(req);
    const rest = fromQuery
      ? queryInput(url.searchParams, schemas.input ? jsonSchemaOf(schemas.input, "input") : null)
      : body.value;
    const hasParams = Object.keys(params).length > 0;
    const input =
      rest === undefined && !hasParams
        ? undefined
        : typeof rest === "object" && rest !== null && !Array.isArray(rest)
          ? { ...rest, ...params }
          : hasParams
            ? rest === undefined
              ? params
              : rest
            : rest;

    const headers = new Headers(req.headers);
    const org = url.searchParams.get("org");
    if (org && !headers.has(ORGANIZATION_HEADER)) headers.set(ORGANIZATION_HEADER, org);
    // Metered under the route's name (usage page: "by procedure or route"), not the procedure it runs.
    const ctx: Context = {
      ...(opts.context?.(headers) ??
        createTRPCContext({ headers, session: opts.session, requestId: opts.requestId })),
      route: `${route.method} ${REST_BASE_PATH}${route.path}`,
    };
    const run = async (): Promise<StoredResponse> => {
      try {
        const output =
          route.public && route.procedure.startsWith("rest.")
            ? await runToken(route, ctx, input)
            : await runProcedure(route.procedure, ctx, input);
        const streamed = streamedRoute(route.procedure);
        return success(route, url, streamed ? await streamed.collect(output) : output);
      } catch (error) {
        return problemResponse(error, opts.requestId, instance);
      }
    };
    // The rate left is this request's, never stored with an idempotent answer (a replay reports the current one).
    const limited = (stored: StoredResponse, extra: Record<string, string> = {}) =>
      toResponse(stored, { ...rateLimitHeadersOf(ctx.rateLimit), ...extra });

    const key = req.method === "GET" ? null : req.headers.get(IDEMPOTENCY_HEADER);
    if (key === null) return limited(await run());
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new RestProblem(
        400,
        "bad-request",
        "Bad request",
        "Idempotency-Key must be 1-255 printable ASCII characters",
      );
    }
    const stored = await idempotencyScope(route, ctx, key);
    const fingerprint = requestFingerprint(req.method, url.pathname + url.search, body.text);
    // Without its store (Redis down) a key cannot be honoured: refuse before running rather than risk running twice.
    const begun = await opts.idempotency.begin(stored, fingerprint).catch((error: unknown) => {
      logger().error({ err: error, requestId: opts.requestId }, "idempotency store unavailable");
      throw new RestProblem(
        503,
        "unavailable",
        "Service unavailable",
        "Idempotency-Key requests cannot be accepted right now; retry shortly",
        UNAVAILABLE_RETRY_AFTER_SECONDS,
      );
    });
    if (begun.state === "replay") return limited(begun.response, { "idempotent-replayed": "true" });
    if (begun.state === "mismatch") {
      throw new RestProblem(
        422,
        "idempotency-mismatch",
        "Idempotency key reused with a different request",
        "This Idempotency-Key was used with a different request in the last 24 hours",
      );
    }
    if (begun.state === "in-flight") {
      throw new RestProblem(
        409,
        "idempotency-in-flight",
        "A request with this idempotency key is in progress",
        "A request with this Idempotency-Key is still being processed; retry later",
      );
    }
    const answer = await run();
    // A failure a retry may fix (ours, the database's, a rate limit) frees the key; any other answer is kept.
    // The mutation has run: its answer goes back even if the store fails now (the claim then expires on its own).
    const settle =
      answer.status >= 500 || answer.status === 429
        ? opts.idempotency.abandon(stored)
        : opts.idempotency.complete(stored, fingerprint, answer);
    await settle.catch((error: unknown) => {
      logger().error(
        { err: error, requestId: opts.requestId },
        "idempotency store failed after the call ran",
      );
    });
    return limited(answer);
  } catch (error) {
    return toResponse(problemResponse(error, opts.requestId, instance));
  }
}

/**
 * Whether `method path` is a public route (sign-up, token login/refresh/logout): those read no cookie, so the
 * same-origin rule for cookie-authenticated writes does not apply to them.
 */
export function isPublicRestRoute(method: string, pathname: string): boolean {
  const path = pathname.startsWith(REST_BASE_PATH)
    ? pathname.slice(REST_BASE_PATH.length)
    : pathname;
  try {
    return matchRoute(method, path).route.public === true;
  } catch {
    return false;
  }
}
