// tRPC context. The inner part takes everything explicitly so tests can build it without Next.js.
import { randomUUID } from "node:crypto";

import type { AuthSession, ClientInfo } from "@tenantry/auth";
import type { Db } from "@tenantry/db";
import { bearerToken, clientInfo } from "@tenantry/auth";
import { getDb } from "@tenantry/db";

import type { AuthenticatedContext } from "./authenticate.ts";
import type { RateLimitRecord } from "./middleware/org-steps.ts";
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
  /**
   * Authenticate once for every call made with this context (a server-rendered page's caller, which makes a dozen
   * calls for one request) instead of once per call. A revoked session then stops working at the next page request.
   */
  shareAuthentication?: boolean;
  /** The REST route the call serves ("GET /api/v1/projects"), metered under that name instead of the procedure's. */
  route?: string | null;
  /**
   * The call serves a page the user opened (not a prefetch, not the browser's own query): naming an organization
   * then makes it the session's active one, as a bearer-token client's header does.
   */
  opensPage?: boolean;
}

/** Holds the one authentication of a context built with shareAuthentication (see authedProcedure). */
export interface SharedAuthentication {
  promise: Promise<AuthenticatedContext> | null;
}

export function createInnerTRPCContext(opts: InnerContextOptions) {
  return {
    db: opts.db,
    session: opts.session,
    bearerToken: opts.bearerToken ?? null,
    client: opts.client ?? { ip: "", userAgent: "" },
    organization: opts.organization ?? null,
    requestId: opts.requestId ?? randomUUID(),
    sharedAuthentication: opts.shareAuthentication
      ? ({ promise: null } as SharedAuthentication)
      : null,
    /** Filled by orgProcedure's rate limiter; the HTTP layers turn it into RateLimit headers (rate-limit-headers.ts). */
    rateLimit: { decisions: [] } as RateLimitRecord,
    route: opts.route ?? null,
    opensPage: opts.opensPage ?? false,
  };
}

/** `requestId` is the one the HTTP layer answers with; without it, the request's own (or a new) one. */
export function createTRPCContext(opts: {
  headers: Headers;
  session: AuthSession | null;
  requestId?: string;
  shareAuthentication?: boolean;
  opensPage?: boolean;
}) {
  return createInnerTRPCContext({
    db: getDb(),
    session: opts.session,
    bearerToken: bearerToken(opts.headers.get("authorization")),
    client: clientInfo(opts.headers),
    organization: opts.headers.get(ORGANIZATION_HEADER),
    requestId: opts.requestId ?? requestIdFrom(opts.headers),
    shareAuthentication: opts.shareAuthentication,
    opensPage: opts.opensPage,
  });
}

export type Context = ReturnType<typeof createInnerTRPCContext>;
