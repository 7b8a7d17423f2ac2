// The tRPC builders: procedures chain public -> authed -> org (membership + tenant transaction) -> permission.
import type { ZodError } from "zod";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";

import type { OrganizationStatus, Plan, Prisma, TenantDb } from "@tenantry/db";
import type { Permission, TMembershipRole } from "@tenantry/validators";
import { setActiveOrganization } from "@tenantry/auth";
import { setTenant, withTenantTransaction } from "@tenantry/db";
import { effectivePermissions, isStorableText, ZId } from "@tenantry/validators";

import type { Context } from "./context.ts";
import { authenticate } from "./authenticate.ts";
import { inputGuard } from "./middleware/input-guard.ts";
import { INTERNAL_MESSAGE, internalMessage, requestIdOf, toPublicError } from "./public-errors.ts";
import { getApiQuota } from "./services/api-quota.ts";
import { licenseLapsed } from "./services/license.ts";

export interface Meta {
  /** The permission an org-scoped procedure requires; set by permissionProcedure and checked by tests. */
  permission?: Permission;
  /**
   * Lifecycle procedures (archive, restore, ...) run whatever the organization's status; they check the transition
   * themselves. Every other mutation is refused unless the organization is ACTIVE, and every call once it is DELETED.
   */
  organizationLifecycle?: boolean;
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
    transformer: superjson,
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
 */
export const publicProcedure = t.procedure
  .use(async ({ ctx, next }) => {
    const result = await next();
    if (!result.ok) {
      const answer = toPublicError(result.error, ctx.requestId);
      if (answer !== result.error) throw answer;
    }
    return result;
  })
  .use(inputGuard);

/**
 * A signed-in user with a live session: from the next-auth cookie (`ctx.session.sessionId`) or a bearer access token.
 * The session row and the user's status are checked on every call (resolveSession), so revocation, expiry and
 * suspension take effect on the next request. `ctx.sessionId` is null only for in-process callers (tests, jobs).
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const resolved = await authenticate(ctx);
  return next({
    ctx: {
      user: resolved.user,
      sessionId: resolved.sessionId,
      activeOrganizationId: resolved.activeOrganizationId,
    },
  });
});

export interface OrgContext {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  status: OrganizationStatus;
}

export interface MembershipContext {
  id: string;
  role: TMembershipRole;
  /** Set when the member holds a custom role; its permissions replace the built-in role's. */
  customRole: { id: string; name: string } | null;
  permissions: ReadonlySet<Permission>;
}

const STATUS_MESSAGES: Record<Exclude<OrganizationStatus, "ACTIVE">, string> = {
  SUSPENDED: "This organization is suspended and read-only",
  ARCHIVED: "This organization is archived and read-only; an owner can unarchive it",
  DELETED: "This organization has been deleted; an owner can restore it within 30 days",
};

/**
 * Resolves the active organization from the caller's request (or their oldest membership), verifies an active
 * membership, and runs the rest of the procedure inside one tenant transaction: `ctx.db` is that transaction.
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, next, meta, type }) => {
  const requested = ctx.organization;
  const byId = requested !== null && ZId.safeParse(requested).success;
  const outcome = await withTenantTransaction(
    ctx.db,
    { userId: ctx.user.id },
    async (tx: TenantDb) => {
      // RLS lets the user see only their own memberships here, so this cannot find another user's row.
      const findMembership = (organization: Prisma.MembershipWhereInput) =>
        tx.membership.findFirst({
          where: { userId: ctx.user.id, status: "ACTIVE", ...organization },
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            role: true,
            customRoleId: true,
            organization: {
              select: { id: true, slug: true, name: true, plan: true, status: true },
            },
          },
        });
      // The default organization (none named) is the session's active one, else the oldest membership; never a
      // deleted one: a deleted organization is reached by naming it.
      const notDeleted = { status: { not: "DELETED" as const } };
      // A name PostgreSQL cannot even compare (a NUL byte, a lone surrogate: from a header or a /o/<slug> path)
      // names no organization; querying with it would fail the request with an internal error instead.
      const membership =
        requested !== null
          ? byId || isStorableText(requested)
            ? await findMembership(
                byId ? { organizationId: requested } : { organization: { slug: requested } },
              )
            : null
          : ((ctx.activeOrganizationId
              ? await findMembership({
                  organizationId: ctx.activeOrganizationId,
                  organization: notDeleted,
                })
              : null) ?? (await findMembership({ organization: notDeleted })));
      if (!membership) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            requested === null
              ? "You are not a member of any organization"
              : "You are not a member of this organization",
        });
      }
      const org: OrgContext = membership.organization;
      if (org.status !== "ACTIVE" && !meta?.organizationLifecycle) {
        if (org.status === "DELETED" || type === "mutation") {
          throw new TRPCError({ code: "FORBIDDEN", message: STATUS_MESSAGES[org.status] });
        }
      }
      // Programmatic clients count against the plan's API rate and monthly quota; the dashboard does not.
      if (ctx.bearerToken) await getApiQuota().consume(org);
      const role: TMembershipRole = membership.role;
      await setTenant(tx, { organizationId: org.id, role });
      if (
        type === "mutation" &&
        !meta?.organizationLifecycle &&
        (await licenseLapsed(tx, org.id))
      ) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            "This organization's license has expired; it is read-only until the license is renewed",
        });
      }
      // Custom roles are tenant rows, visible only now that the tenant is set. A membership pointing at a role we
      // cannot load fails closed instead of falling back to the built-in role.
      let customRole: MembershipContext["customRole"] = null;
      let customPermissions: string[] | null = null;
      if (membership.customRoleId) {
        const found = await tx.role.findUnique({
          where: { organizationId_id: { organizationId: org.id, id: membership.customRoleId } },
          select: { id: true, name: true, permissions: true },
        });
        if (!found)
          throw new TRPCError({ code: "FORBIDDEN", message: "Your role no longer exists" });
        customRole = { id: found.id, name: found.name };
        customPermissions = found.permissions;
      }
      const result = await next({
        ctx: {
          db: tx,
          org,
          membership: {
            id: membership.id,
            role,
            customRole,
            permissions: effectivePermissions(role, customPermissions),
          } satisfies MembershipContext,
        },
      });
      // tRPC hands a failed procedure back as a value; rethrow so the transaction rolls back.
      if (!result.ok) throw result.error;
      return { result, organizationId: org.id };
    },
  );
  // Naming an organization (opening /o/<slug>, or a client's header) makes it the session's active one, so later
  // requests that name none — and the home page — land there. Written only on a switch, after the call succeeded.
  if (
    ctx.sessionId !== null &&
    requested !== null &&
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
