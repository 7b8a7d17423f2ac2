// plan.* — the organization's plan limits and current usage.
import { getPlanUsage } from "@tenantry/core/organization/plan";
import { ZPlanUsageOutput } from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const planRouter = createTRPCRouter({
  usage: permissionProcedure("organization.read")
    .meta({ readsApiMonthUsage: true })
    .output(ZPlanUsageOutput)
    .query(({ ctx }) =>
      getPlanUsage(ctx.db, ctx.actor, { apiRequestsThisMonth: ctx.apiMonthUsage }),
    ),
});
