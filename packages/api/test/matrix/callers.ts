// The credentials a matrix calls with, and one way to call any procedure by its path.
import { randomBytes } from "node:crypto";

import type { ClientInfo } from "@tenantry/auth";
import type { Permission } from "@tenantry/validators";
import { createSession, startTokenSession } from "@tenantry/auth";
import { createApiKey } from "@tenantry/core/organization/api-keys";
import { withTenantTransaction } from "@tenantry/db";
import { effectivePermissions } from "@tenantry/validators";

import type { TestUser } from "../fixtures.ts";
import { createCaller, createInnerTRPCContext, isTRPCError } from "../../src/index.ts";
import { admin, db } from "../fixtures.ts";

export type Caller = ReturnType<typeof createCaller>;

/** Builds callers for `user` acting with a given organization header (null: none sent). */
export type CallerFactory = (organization: string | null) => Caller;

export interface CallerKind {
  name: string;
  /** Signs `user` in the way this kind of client does; the factory reuses that credential for every call. */
  signIn(user: TestUser): Promise<CallerFactory>;
}

/** A distinct pseudo IP per sign-in, so per-IP rate limits never couple unrelated calls. */
const client = (): ClientInfo => ({
  ip: `matrix-${randomBytes(6).toString("hex")}`,
  userAgent: "matrix",
});

export const CALLER_KINDS: CallerKind[] = [
  {
    // What the web app's tRPC route builds from the next-auth cookie: the user plus a live session row.
    name: "cookie session",
    async signIn(user) {
      const info = client();
      const session = await createSession(db, { userId: user.id, kind: "WEB", client: info });
      return (organization) =>
        createCaller(
          createInnerTRPCContext({
            db,
            session: { user, sessionId: session.id },
            client: info,
            organization,
          }),
        );
    },
  },
  {
    // A programmatic client: `Authorization: Bearer <access token>` and no cookie.
    name: "bearer token",
    async signIn(user) {
      const info = client();
      const { tokens } = await startTokenSession(db, user.id, info);
      return (organization) =>
        createCaller(
          createInnerTRPCContext({
            db,
            session: null,
            bearerToken: tokens.accessToken,
            client: info,
            organization,
          }),
        );
    },
  },
  {
    // An organization API key (`Authorization: Bearer tnt_live_…`) with every scope its creator holds.
    name: "api key",
    async signIn(user) {
      const info = client();
      const secret = await apiKeyOf(user);
      return (organization) =>
        createCaller(
          createInnerTRPCContext({
            db,
            session: null,
            bearerToken: secret,
            client: info,
            organization,
          }),
        );
    },
  },
];

/**
 * An organization API key of `user`'s oldest organization with `scopes` (default: everything the user holds), made
 * through the service as the dashboard would, so it is capped by the user's role exactly like a real key.
 */
export async function apiKeyOf(user: TestUser, scopes?: Permission[]): Promise<string> {
  const found = await admin.query<{
    id: string;
    organization_id: string;
    role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
    permissions: string[] | null;
  }>(
    `SELECT m.id, m.organization_id, m.role, r.permissions FROM memberships m
     LEFT JOIN roles r ON r.organization_id = m.organization_id AND r.id = m.custom_role_id
     WHERE m.user_id = $1 ORDER BY m.created_at LIMIT 1`,
    [user.id],
  );
  const membership = found.rows[0];
  if (!membership) throw new Error("the user has no membership to make a key in");
  const permissions = effectivePermissions(membership.role, membership.permissions);
  const organizationId = membership.organization_id;
  const created = await withTenantTransaction(db, { userId: user.id, organizationId }, (tx) =>
    createApiKey(
      tx,
      {
        userId: user.id,
        organizationId,
        membership: { id: membership.id, role: membership.role, customRole: null, permissions },
      },
      {
        name: "matrix",
        scopes: scopes ?? [...permissions],
        expiresAt: null,
        ipAllowlist: [],
      },
    ),
  );
  return created.secret;
}

/** A caller presenting `secret` as `Authorization: Bearer`, naming `organization`. */
export function apiKeyCaller(secret: string, organization: string | null): Caller {
  return createCaller(
    createInnerTRPCContext({
      db,
      session: null,
      bearerToken: secret,
      client: client(),
      organization,
    }),
  );
}

export type Outcome =
  { ok: true; body: unknown } | { ok: false; code: string; message: string; error: unknown };

type Callable = (input?: unknown) => Promise<unknown>;

/** Calls the procedure at `path` ("task.comment.create") on `caller`. */
export async function callPath(caller: Caller, path: string, input: unknown): Promise<Outcome> {
  let target: unknown = caller;
  for (const segment of path.split(".")) {
    target = (target as Record<string, unknown>)[segment];
  }
  try {
    const body = await (target as Callable)(input);
    return { ok: true, body };
  } catch (error) {
    if (isTRPCError(error)) {
      return { ok: false, code: error.code, message: error.message, error };
    }
    return { ok: false, code: "NOT_A_TRPC_ERROR", message: String(error), error };
  }
}

/** JSON of any value (bigints as digits; String() because JSON.stringify answers undefined for undefined). */
export function toJson(value: unknown): string {
  return String(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  );
}

/** Text of an outcome as a client would receive it, for leak checks: the body, or the error message. */
export function serialized(outcome: Outcome): string {
  return outcome.ok ? toJson(outcome.body) : outcome.message;
}

interface ProcedureDef {
  _def: { type: "query" | "mutation" | "subscription"; meta?: { permission?: string } };
}

/** Every procedure of the router by path (tRPC's flat routing map). */
export function procedureEntries(router: { _def: { procedures: object } }) {
  return Object.entries(router._def.procedures as Record<string, ProcedureDef>).map(
    ([path, p]) => ({ path, type: p._def.type, permission: p._def.meta?.permission }),
  );
}
