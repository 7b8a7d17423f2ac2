// admin.plans.* — an organization's plan and limit overrides, and the queue of owners' plan requests.
import { z } from "zod";

import * as admin from "@tenantry/core/admin/index";
import {
  ZAdminClearLimitOverrideInput,
  ZAdminDecidePlanRequestInput,
  ZAdminIdInput,
  ZAdminOrganizationLimitsOutput,
  ZAdminPlanRequestOutput,
  ZAdminSetLimitOverrideInput,
  ZAdminSetPlanInput,
} from "@tenantry/validators";

import { createTRPCRouter, platformAdminProcedure } from "../../trpc.ts";

export const adminPlansRouter = createTRPCRouter({
  limits: platformAdminProcedure
    .input(ZAdminIdInput)
    .output(ZAdminOrganizationLimitsOutput)
    .query(({ ctx, input }) => admin.getOrganizationLimits(ctx.db, input.id)),
  setPlan: platformAdminProcedure
    .input(ZAdminSetPlanInput)
    .output(ZAdminOrganizationLimitsOutput)
    .mutation(({ ctx, input }) =>
      admin.setOrganizationPlan(ctx.db, { userId: ctx.user.id }, input),
    ),
  setOverride: platformAdminProcedure
    .input(ZAdminSetLimitOverrideInput)
    .output(ZAdminOrganizationLimitsOutput)
    .mutation(({ ctx, input }) => admin.setLimitOverride(ctx.db, { userId: ctx.user.id }, input)),
  clearOverride: platformAdminProcedure
    .input(ZAdminClearLimitOverrideInput)
    .output(ZAdminOrganizationLimitsOutput)
    .mutation(({ ctx, input }) => admin.clearLimitOverride(ctx.db, { userId: ctx.user.id }, input)),
  requests: platformAdminProcedure
    .output(z.array(ZAdminPlanRequestOutput))
    .query(({ ctx }) => admin.listPendingPlanRequests(ctx.db)),
  decide: platformAdminProcedure
    .input(ZAdminDecidePlanRequestInput)
    .output(ZAdminOrganizationLimitsOutput)
    .mutation(({ ctx, input }) => admin.decidePlanRequest(ctx.db, { userId: ctx.user.id }, input)),
});
