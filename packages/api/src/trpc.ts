// The tRPC builders: procedures chain public -> authed -> org (membership + tenant transaction) -> permission.
import type { ZodError } from "zod";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";

import type { ActorMembership, MemberActor } from "@tenantry/core";
import type { TenantDb } from "@tenantry/db";
import type { Permission } from "@tenantry/validators";
import { setActiveOrganization } from "@tenantry/auth";
import {
  annotateActor,
  annotateRoute,
  trpcCallDurationSeconds,
} from "@tenantry/core/observability/index";
import { apiKeyPermissions, assertApiKeyLive } from "@tenantry/core/organization/api-key-verify";
import { getApiQuota } from "@tenantry/core/organization/api-quota";
import { withTenantTransaction } from "@tenantry/db";

import type { Context } from "./context.ts";
import type { MeterSlot } from "./middleware/meter-request.ts";
import type { OrgContext } from "./middleware/org-steps.ts";
import { authenticate } from "./authenticate.ts";
import { resolveKeyMembership } from "./middleware/api-key-steps.ts";
import { inputGuard } from "./middleware/input-guard.ts";
import { meterRequest, newMeterSlot } from "./middleware/meter-request.ts";
import {
  consumeApiQuota,
  gateLicense,
  gateOrganizationStatus,
  loadPermissions,
  quotaOrganizationOf,
} from "./middleware/org-steps.ts";
import { quotaOrganization } from "./middleware/quota-organization.ts";
import { INTERNAL_MESSAGE, internalMessage, requestIdOf, toPublicError } from "./public-errors.ts";
import { withSyncFirstParsing } from "./sync-parse.ts";
import { transformer } from "./transformer.ts";

export interface Meta {
  /** The permission an org-scoped procedure requires; set by permissionProcedure and checked by tests. */
  permission?: Permission;
  /**
   * Lifecycle procedures (archive, restore, ...) run whatever the organization's status; they check the transition
   * themselves. Every other mutation is refused unless the organization is ACTIVE, and every call once it is DELETED.
   */
  organizationLifecycle?: boolean;
  /**
   * The procedure shows the organization's API requests this month, a Redis read: orgProcedure makes it before the
   * tenant transaction opens and hands it over as `ctx.apiMonthUsage` (no network call while a transaction is open).
   */
  readsApiMonthUsage?: boolean;
  /** Platform-admin console procedures (platformAdminProcedure); they act across organizations, audited. */
  platformAdmin?: boolean;
}

/** By name, like isTRPCError: a field error may be built by another module instance of zod. */
const isZodError = (error: unknown): error is ZodError =>
  error instanceof Error &&
  error.name === "ZodError" &&
  Array.isArray((error as { issues?: unknown }).issues);

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // superjson on the wire; outputs serialized without superjson's copy of the tree (transformer.ts).
    transformer,
    // Internal errors answer a generic message with the request id; whatever they wrap (ORM text, stack) stays in
    // the server log. Field errors keep the flattened zod shape forms read.
    errorFormatter: ({ shape, error, ctx }) => {
      const requestId = ctx?.requestId ?? requestIdOf(error);
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        // Already public when it comes through toPublicError (with the request id even where ctx is missing).
        message:
          internal && !shape.message.startsWith(INTERNAL_MESSAGE)
            ? internalMessage(requestId)
            : shape.message,
        data: {
          ...shape.data,
          ...(internal ? { stack: undefined } : {}),
          requestId,
          zodError: isZodError(error.cause) ? z.flattenError(error.cause) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The base of every procedure. Its first middleware turns what the procedure failed with into what the caller may
 * see (public-errors.ts), for HTTP clients and in-process callers (pages, server actions) alike: an unavailable
 * database, wherever in the chain it surfaced, becomes SERVICE_UNAVAILABLE, and an unexpected error a generic
 * message with the request id. The second refuses unstorable text in any input (middleware/input-guard.ts).
 * Inputs and outputs of every procedure parse synchronously unless a schema needs otherwise (sync-parse.ts).
 */
export const publicProcedure = withSyncFirstParsing(
  t.procedure
    .use(async ({ ctx, next, path, type }) => {
      // The request log line and /api/metrics name the procedure (observability/request-context.ts, metrics.ts).
      annotateRoute(path);
      // orgProcedure fills the slot once it knows the organization; the request is metered here, with the status of
      // the answer the caller gets (middleware/meter-request.ts).
      const metered: MeterSlot = newMeterSlot();
      const started = performance.now();
      const result = await next({ ctx: { metered } });
      const observe = (code: string) =>
        trpcCallDurationSeconds.observe(
          { procedure: path, type, code },
          (performance.now() - started) / 1000,
        );
      if (result.ok) {
        observe("OK");
        meterRequest(ctx.db, metered, ctx.route ?? path, null, performance.now() - started);
        return result;
      }
      const answer = toPublicError(result.error, ctx.requestId);
      observe(answer.code);
      meterRequest(ctx.db, metered, ctx.route ?? path, answer, performance.now() - started);
      if (answer !== result.error) throw answer;
      return result;
    })
    .use(inputGuard),
);

/**
 * Whoever the request's credential names (authenticate.ts): a signed-in user with a live session — from the
 * next-auth cookie (`ctx.session.sessionId`) or a bearer access token — or an organization API key acting as its
 * creator. The session row and the user's status are checked on every call (resolveSession), so revocation, expiry
 * and suspension take effect on the next request (for a context built with shareAuthentication — a page render —
 * the next page request). `ctx.sessionId` is null for keys and in-process callers.
 */
const authenticatedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const shared = ctx.sharedAuthentication;
  const resolved = await (shared ? (shared.promise ??= authenticate(ctx)) : authenticate(ctx));
  annotateActor({ userId: resolved.user.id, apiKeyId: resolved.apiKey?.id ?? null });
  return next({
    ctx: {
      user: resolved.user,
      sessionId: resolved.sessionId,
      activeOrganizationId: resolved.activeOrganizationId,
      apiKey: resolved.apiKey,
    },
  });
});

/**
 * A signed-in user. API keys are refused here: a key belongs to an organization and may only call that
 * organization's procedures (orgProcedure), never act on its creator's account, other organizations or the
 * platform console.
 */
export const authedProcedure = authenticatedProcedure.use(({ ctx, next }) => {
  if (ctx.apiKey) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "API keys can only call their organization's procedures",
    });
  }
  return next();
});

export type { OrgContext };
/** The membership the caller acts through; the same shape the domain's MemberActor carries. */
export type MembershipContext = ActorMembership;

/**
 * Resolves the active organization from the caller's request (or their default one), verifies an active
 * membership, and runs the rest of the procedure inside one tenant transaction: `ctx.db` is that transaction and
 * `ctx.actor` the domain's MemberActor for it. The steps are in middleware/org-steps.ts.
 */
export const orgProcedure = authenticatedProcedure.use(async ({ ctx, next, meta, type }) => {
  const apiKey = ctx.apiKey;
  const request = {
    userId: ctx.user.id,
    // A key is bound to its organization: whatever the request names, it resolves there (checked below).
    requested: apiKey ? apiKey.organizationId : ctx.organization,
    activeOrganizationId: ctx.activeOrganizationId,
  };
  const call = { type, organizationLifecycle: meta?.organizationLifecycle ?? false };
  // API clients are metered before the tenant transaction opens, on a membership resolved in a short read-only
  // transaction of its own, so no Redis call ever runs while a transaction holds a pooled connection.
  let monthUsage: { organizationId: string; used: number | null } | null = null;
  ctx.metered.apiKeyId = apiKey?.id ?? null;
  ctx.metered.programmatic = ctx.bearerToken !== null;
  if (ctx.bearerToken || meta?.readsApiMonthUsage) {
    const metered = await quotaOrganization(ctx.db, request);
    const org = metered.organization;
    // A refusal from here on (status, rate, quota) is still the organization's request.
    ctx.metered.organizationId = org.id;
    gateOrganizationStatus(org, call);
    if (ctx.bearerToken) {
      const subject = {
        organizationId: org.id,
        apiKeyId: apiKey?.id ?? null,
        userId: ctx.user.id,
        ip: ctx.client.ip,
      };
      await consumeApiQuota(ctx.db, metered, subject, ctx.rateLimit);
    }
    if (meta?.readsApiMonthUsage) {
      monthUsage = {
        organizationId: org.id,
        used: await getApiQuota().monthUsage(quotaOrganizationOf(metered), new Date(), ctx.db),
      };
    }
  }
  const outcome = await withTenantTransaction(
    ctx.db,
    { userId: ctx.user.id },
    async (tx: TenantDb) => {
      // One statement finds the membership and sets the tenant; a refused status then rolls the transaction back.
      const resolved = await resolveKeyMembership(tx, request, apiKey, ctx.organization, {
        bindTenant: true,
      });
      const org: OrgContext = resolved.organization;
      ctx.metered.organizationId = org.id;
      gateOrganizationStatus(org, call);
      if (apiKey) await assertApiKeyLive(tx, apiKey, ctx.client.ip);
      await gateLicense(tx, org, call);
      const loaded = await loadPermissions(tx, org, resolved);
      const membership = apiKey
        ? { ...loaded, permissions: apiKeyPermissions(loaded.permissions, apiKey.scopes) }
        : loaded;
      annotateActor({ organizationId: org.id });
      const actor: MemberActor = {
        userId: ctx.user.id,
        organizationId: org.id,
        apiKeyId: apiKey?.id ?? null,
        membership,
        request: { requestId: ctx.requestId, ip: ctx.client.ip, userAgent: ctx.client.userAgent },
      };
      // The count read before the transaction, only if it is this organization's (a stale meter entry reads null).
      const apiMonthUsage = monthUsage?.organizationId === org.id ? monthUsage.used : null;
      // `pool`: the client behind the transaction, for work that outlives it (a streamed assistant reply stores
      // itself later, in short tenant transactions of its own); handlers otherwise use `db`.
      const result = await next({
        ctx: { db: tx, pool: ctx.db, org, membership, actor, apiMonthUsage },
      });
      // tRPC hands a failed procedure back as a value; rethrow so the transaction rolls back.
      if (!result.ok) throw result.error;
      return { result, organizationId: org.id };
    },
  );
  // Opening /o/<slug> (a page render, ctx.opensPage) or naming an organization with a bearer token makes it the
  // session's active one, so later requests that name none — and the home page — land there. Written only on a
  // switch, after the call succeeded. The browser's own queries and Next.js's link prefetches never write it: one
  // still running for the page being left would switch the session back to the organization just left (seen in e2e).
  if (
    ctx.sessionId !== null &&
    request.requested !== null &&
    (ctx.opensPage || ctx.bearerToken !== null) &&
    outcome.organizationId !== ctx.activeOrganizationId
  ) {
    await setActiveOrganization(ctx.db, ctx.sessionId, outcome.organizationId);
  }
  return outcome.result;
});

/**
 * A platform admin (users.platform_role = ADMIN, checked on every request) in a transaction with
 * app.platform_admin = 'on'. That flag is honoured by exactly one policy (reading organizations across tenants, see
 * the platform_admin migration); acting on an organization means setting app.org_id to it with setTenant and writing
 * an audit entry there. Nothing here bypasses RLS.
 */
export const platformAdminProcedure = authedProcedure
  .meta({ platformAdmin: true })
  .use(async ({ ctx, next }) => {
    if (ctx.user.platformRole !== "ADMIN") {
      throw new TRPCError({ code: "FORBIDDEN", message: "This needs the platform-admin role" });
    }
    return withTenantTransaction(ctx.db, { userId: ctx.user.id }, async (tx: TenantDb) => {
      await tx.$queryRaw`SELECT set_config('app.platform_admin', 'on', true)`;
      const result = await next({ ctx: { db: tx } });
      if (!result.ok) throw result.error;
      return result;
    });
  });

/**
 * An org procedure that also requires `permission` of the member's role (built-in or custom).
 * `organizationLifecycle` exempts it from the status check of orgProcedure (see Meta).
 */
export function permissionProcedure(
  permission: Permission,
  options: { organizationLifecycle?: true } = {},
) {
  return orgProcedure.meta({ permission, ...options }).use(({ ctx, next }) => {
    if (!ctx.membership.permissions.has(permission)) {
      const roleName = ctx.membership.customRole?.name ?? ctx.membership.role;
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Your role (${roleName}) lacks the "${permission}" permission`,
      });
    }
    return next();
  });
}
