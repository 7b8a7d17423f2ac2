// tRPC context. The inner part takes everything explicitly so tests can build it without Next.js.
import { randomUUID } from "node:crypto";

import type { AuthSession, ClientInfo } from "@tenantry/auth";
import type { Db } from "@tenantry/db";
import { bearerToken, clientInfo } from "@tenantry/auth";
import { getDb } from "@tenantry/db";

import { requestIdFrom } from "./request-id.ts";

/** Header a client may send to name the organization (id or slug); membership is always verified server-side. */
export const ORGANIZATION_HEADER = "x-tenantry-org";

export interface InnerContextOptions {
  db: Db;
  session: AuthSession | null;
  /** A non-browser client's `Authorization: Bearer` access token; verified (with its session) by authedProcedure. */
  bearerToken?: string | null;
  /** Caller's IP and user agent, for rate limits and session records. */
  client?: ClientInfo;
  /** The organization the caller asks for (id or slug); null means "my default organization". */
  organization?: string | null;
  /** Names this request in its answer and the server log (request-id.ts); a new one when omitted. */
  requestId?: string;
}

export function createInnerTRPCContext(opts: InnerContextOptions) {
  return {
    db: opts.db,
    session: opts.session,
    bearerToken: opts.bearerToken ?? null,
    client: opts.client ?? { ip: "", userAgent: "" },
    organization: opts.organization ?? null,
    requestId: opts.requestId ?? randomUUID(),
  };
}

/** `requestId` is the one the HTTP layer answers with; without it, the request's own (or a new) one. */
export function createTRPCContext(opts: {
  headers: Headers;
  session: AuthSession | null;
  requestId?: string;
}) {
  return createInnerTRPCContext({
    db: getDb(),
    session: opts.session,
    bearerToken: bearerToken(opts.headers.get("authorization")),
    client: clientInfo(opts.headers),
    organization: opts.headers.get(ORGANIZATION_HEADER),
    requestId: opts.requestId ?? requestIdFrom(opts.headers),
  });
}

export type Context = ReturnType<typeof createInnerTRPCContext>;
