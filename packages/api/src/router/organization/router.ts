// organization.* — the caller's organizations and the active one.
import { z } from "zod";

import { withTenantTransaction } from "@tenantry/db";
import { ZOrganizationSummary } from "@tenantry/validators";

import { authedProcedure, createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const organizationRouter = createTRPCRouter({
  mine: authedProcedure.output(z.array(ZOrganizationSummary)).query(({ ctx }) =>
    withTenantTransaction(ctx.db, { userId: ctx.user.id }, async (tx) => {
      const memberships = await tx.membership.findMany({
        where: { userId: ctx.user.id, status: "ACTIVE" },
        orderBy: { createdAt: "asc" },
        take: 200,
        select: {
          role: true,
          organization: { select: { id: true, name: true, slug: true, plan: true, status: true } },
        },
      });
      return memberships.map((m) => ({ ...m.organization, role: m.role }));
    }),
  ),

  current: permissionProcedure("organization.read")
    .output(ZOrganizationSummary)
    .query(({ ctx }) => ({
      id: ctx.org.id,
      name: ctx.org.name,
      slug: ctx.org.slug,
      plan: ctx.org.plan,
      status: ctx.org.status,
      role: ctx.membership.role,
    })),
});
