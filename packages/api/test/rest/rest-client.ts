// Calls /api/v1 the way the web route does (handleRestRequest), with the test database and a bearer access token
// for `user` (a real token session), so every call runs the real context, middleware chain and problem mapping.
import { randomBytes } from "node:crypto";

import type { ClientInfo } from "@tenantry/auth";
import type { TestUser } from "@tenantry/core/testing";
import { bearerToken, startTokenSession } from "@tenantry/auth";

import type { IdempotencyStore } from "../../src/rest/index.ts";
import { createInnerTRPCContext, ORGANIZATION_HEADER } from "../../src/index.ts";
import { handleRestRequest, memoryIdempotencyStore } from "../../src/rest/index.ts";
import { db } from "../fixtures.ts";

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

/** A REST client; `accessToken` null means anonymous. The store defaults to a fresh in-memory one. */
export function restClient(
  accessToken: string | null,
  opts: { org?: string | null; store?: IdempotencyStore; client?: ClientInfo } = {},
): RestCall {
  const store = opts.store ?? memoryIdempotencyStore();
  const info = opts.client ?? clientInfo();
  return async (method, path, call = {}) => {
    const url = new URL(`http://localhost/api/v1${path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) {
      for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
    }
    const headers = new Headers(call.headers);
    if (accessToken) headers.set("authorization", `Bearer ${accessToken}`);
    const org = call.org === undefined ? opts.org : call.org;
    if (org) headers.set(ORGANIZATION_HEADER, org);
    let body: string | undefined = call.rawBody;
    if (body === undefined && call.body !== undefined) body = JSON.stringify(call.body);
    if (body !== undefined) headers.set("content-type", "application/json");
    const requestId = `req-${randomBytes(4).toString("hex")}`;
    const response = await handleRestRequest(new Request(url, { method, headers, body }), {
      session: null,
      requestId,
      idempotency: store,
      context: (h) =>
        createInnerTRPCContext({
          db,
          session: null,
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

/** A bearer access token of a fresh token session of `user`. */
export async function accessTokenFor(user: TestUser): Promise<string> {
  const { tokens } = await startTokenSession(db, user.id, clientInfo());
  return tokens.accessToken;
}
