// plan.* — the organization's plan limits and current usage, the plan comparison, and moving between plans.
import { getPlanUsage } from "@tenantry/core/organization/plan";
import {
  cancelPlanRequest,
  changePlan,
  getPlanOptions,
  requestPlanChange,
} from "@tenantry/core/organization/plan-change";
import {
  ZCancelPlanRequestInput,
  ZChangePlanInput,
  ZPlanOptionsOutput,
  ZPlanRequestOutput,
  ZPlanUsageOutput,
  ZRequestPlanInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const planRouter = createTRPCRouter({
  usage: permissionProcedure("organization.read")
    .meta({ readsApiMonthUsage: true })
    .output(ZPlanUsageOutput)
    .query(({ ctx }) =>
      getPlanUsage(ctx.db, ctx.actor, { apiRequestsThisMonth: ctx.apiMonthUsage }),
    ),
  options: permissionProcedure("organization.read")
    .output(ZPlanOptionsOutput)
    .query(({ ctx }) => getPlanOptions(ctx.db, ctx.actor)),
  change: permissionProcedure("billing.manage")
    .input(ZChangePlanInput)
    .output(ZPlanOptionsOutput)
    .mutation(({ ctx, input }) => changePlan(ctx.db, ctx.actor, input)),
  request: {
    create: permissionProcedure("billing.manage")
      .input(ZRequestPlanInput)
      .output(ZPlanRequestOutput)
      .mutation(({ ctx, input }) => requestPlanChange(ctx.db, ctx.actor, input)),
    cancel: permissionProcedure("billing.manage")
      .input(ZCancelPlanRequestInput)
      .output(ZPlanRequestOutput)
      .mutation(({ ctx, input }) => cancelPlanRequest(ctx.db, ctx.actor, input)),
  },
});
