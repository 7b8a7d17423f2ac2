// Calls /api/v1 the way the web route does (the cross-site rule, then handleRestRequest), with the test database and
// a bearer access token for `user` (a real token session) or a cookie session, so every call runs the real context,
// middleware chain and problem mapping.
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";

import type { AuthSession, ClientInfo } from "@tenantry/auth";
import type { TestUser } from "@tenantry/core/testing";
import { bearerToken, createSession, startTokenSession } from "@tenantry/auth";

import type { IdempotencyStore } from "../../src/rest/index.ts";
import { createInnerTRPCContext, ORGANIZATION_HEADER } from "../../src/index.ts";
import { handleRestRequest, memoryIdempotencyStore, toProblem } from "../../src/rest/index.ts";
import { restCsrfRefusal } from "../../src/same-origin.ts";
import { db } from "../fixtures.ts";

/** The site the test requests are addressed to; a cookie session's browser sends it as the Origin. */
export const SITE = "http://localhost";

export interface RestResult {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface RestCallOptions {
  query?: Record<string, string | string[]>;
  body?: unknown;
  /** A raw body (sent as is), for malformed-JSON cases. */
  rawBody?: string;
  headers?: Record<string, string>;
  org?: string | null;
}

export type RestCall = (
  method: string,
  path: string,
  opts?: RestCallOptions,
) => Promise<RestResult>;

export const clientInfo = (): ClientInfo => ({
  ip: `rest-${randomBytes(6).toString("hex")}`,
  userAgent: "rest-test",
});

/**
 * A REST client; `accessToken` null means anonymous, unless `session` makes it a browser's cookie session (sent
 * same-origin, as the dashboard's own pages do; `call.headers` may override Origin or Sec-Fetch-Site). The store
 * defaults to a fresh in-memory one.
 */
export function restClient(
  accessToken: string | null,
  opts: {
    org?: string | null;
    store?: IdempotencyStore;
    client?: ClientInfo;
    session?: AuthSession;
  } = {},
): RestCall {
  const store = opts.store ?? memoryIdempotencyStore();
  const info = opts.client ?? clientInfo();
  const session = opts.session ?? null;
  return async (method, path, call = {}) => {
    const url = new URL(`${SITE}/api/v1${path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) {
      for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
    }
    const headers = new Headers(
      session ? { host: url.host, origin: SITE, "sec-fetch-site": "same-origin" } : {},
    );
    for (const [k, v] of Object.entries(call.headers ?? {})) headers.set(k, v);
    if (accessToken) headers.set("authorization", `Bearer ${accessToken}`);
    const org = call.org === undefined ? opts.org : call.org;
    if (org) headers.set(ORGANIZATION_HEADER, org);
    let body: string | undefined = call.rawBody;
    if (body === undefined && call.body !== undefined) body = JSON.stringify(call.body);
    if (body !== undefined) headers.set("content-type", "application/json");
    const requestId = `req-${randomBytes(4).toString("hex")}`;
    const request = new Request(url, { method, headers, body });
    const refusal = restCsrfRefusal(request, [SITE]);
    const response = refusal
      ? refused(refusal, requestId, url.pathname)
      : await handleRestRequest(request, {
          session,
          requestId,
          idempotency: store,
          context: (h) =>
            createInnerTRPCContext({
              db,
              session,
              bearerToken: bearerToken(h.get("authorization")),
              client: info,
              organization: h.get(ORGANIZATION_HEADER),
              requestId,
            }),
        });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text === "" ? null : (JSON.parse(text) as unknown),
    };
  };
}

/** What the route file answers for a refused cross-site write (rest-route.ts). */
function refused(reason: string, requestId: string, instance: string): Response {
  const problem = toProblem(
    new TRPCError({ code: "FORBIDDEN", message: reason }),
    requestId,
    instance,
  );
  return Response.json(problem.body, { status: problem.status, headers: problem.headers });
}

/** A browser's cookie session of `user`: the next-auth session with its live session row, as the web app builds it. */
export async function cookieSessionFor(user: TestUser): Promise<AuthSession> {
  const session = await createSession(db, { userId: user.id, kind: "WEB", client: clientInfo() });
  return { user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id };
}

/** A bearer access token of a fresh token session of `user`. */
export async function accessTokenFor(user: TestUser): Promise<string> {
  const { tokens } = await startTokenSession(db, user.id, clientInfo());
  return tokens.accessToken;
}
