// The tRPC builders: procedures chain public -> authed -> org (membership + tenant transaction) -> permission.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";

import type { OrganizationStatus, Plan, TenantDb } from "@tenantry/db";
import type { TMembershipRole } from "@tenantry/validators";
import { setTenant, withTenantTransaction } from "@tenantry/db";
import { ZId } from "@tenantry/validators";

import type { Context } from "./context.ts";
import type { Permission } from "./permissions.ts";
import { roleHasPermission } from "./permissions.ts";

export interface Meta {
  /** The permission an org-scoped procedure requires; set by permissionProcedure and checked by tests. */
  permission?: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      data: {
        ...shape.data,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    }),
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

/** A signed-in user whose account is still active (checked on every request, so suspension is immediate). */
export const authedProcedure = t.procedure.use(async ({ ctx, next }) => {
  const sessionUser = ctx.session?.user;
  if (!sessionUser) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const user = await ctx.db.user.findUnique({
    where: { id: sessionUser.id },
    select: { id: true, email: true, name: true, status: true, platformRole: true },
  });
  if (user?.status !== "ACTIVE") {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session is no longer valid" });
  }
  return next({ ctx: { user } });
});

export interface OrgContext {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  status: OrganizationStatus;
}

/**
 * Resolves the active organization from the caller's request (or their oldest membership), verifies an active
 * membership, and runs the rest of the procedure inside one tenant transaction: `ctx.db` is that transaction.
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const requested = ctx.organization;
  const byId = requested !== null && ZId.safeParse(requested).success;
  return withTenantTransaction(ctx.db, { userId: ctx.user.id }, async (tx: TenantDb) => {
    // RLS lets the user see only their own memberships here, so this cannot find another user's row.
    const membership = await tx.membership.findFirst({
      where: {
        userId: ctx.user.id,
        status: "ACTIVE",
        ...(requested === null
          ? {}
          : byId
            ? { organizationId: requested }
            : { organization: { slug: requested } }),
      },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        role: true,
        organization: { select: { id: true, slug: true, name: true, plan: true, status: true } },
      },
    });
    if (!membership) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message:
          requested === null
            ? "You are not a member of any organization"
            : "You are not a member of this organization",
      });
    }
    const role: TMembershipRole = membership.role;
    await setTenant(tx, { organizationId: membership.organization.id, role });
    const result = await next({
      ctx: {
        db: tx,
        org: membership.organization satisfies OrgContext,
        membership: { id: membership.id, role },
      },
    });
    // tRPC hands a failed procedure back as a value; rethrow so the transaction rolls back.
    if (!result.ok) throw result.error;
    return result;
  });
});

/** An org procedure that also requires `permission` of the member's role. */
export function permissionProcedure(permission: Permission) {
  return orgProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!roleHasPermission(ctx.membership.role, permission)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Your role (${ctx.membership.role}) lacks the "${permission}" permission`,
      });
    }
    return next();
  });
}
