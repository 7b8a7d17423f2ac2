// usage.* — API usage and billable counters of the organization, its monthly quotas (the admins' banner), and the
// same across organizations for platform admins.
import { z } from "zod";

import { quotaStatus, usageSummary } from "@tenantry/core/usage/analytics";
import { platformUsage } from "@tenantry/core/usage/platform";
import { getUsageMeter } from "@tenantry/core/usage/process-meter";
import {
  ZPlatformUsageOutput,
  ZQuotaStatusOutput,
  ZUsageRangeInput,
  ZUsageSummaryOutput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure, platformAdminProcedure } from "../../trpc.ts";

// This process's programmatic requests not yet written: an in-memory read, no network call in the transaction.
const unwritten = (organizationId: string) => getUsageMeter().pendingProgrammatic(organizationId);

export const usageRouter = createTRPCRouter({
  summary: permissionProcedure("usage.read")
    .input(ZUsageRangeInput)
    .output(ZUsageSummaryOutput)
    .query(({ ctx, input }) =>
      usageSummary(ctx.db, ctx.actor, input, unwritten(ctx.actor.organizationId)),
    ),
  quotas: permissionProcedure("usage.read")
    .output(z.array(ZQuotaStatusOutput).max(10))
    .query(({ ctx }) =>
      quotaStatus(ctx.db, ctx.actor.organizationId, unwritten(ctx.actor.organizationId)),
    ),
});

/** admin.usage: requests across every organization (the platform console's usage page). */
export const platformUsageProcedure = platformAdminProcedure
  .input(ZUsageRangeInput)
  .output(ZPlatformUsageOutput)
  .query(({ ctx, input }) => platformUsage(ctx.db, input));
