// plan.* — the organization's plan limits and current usage.
import { ZPlanUsageOutput } from "@tenantry/validators";

import { actorOf } from "../../services/actor.ts";
import { getPlanUsage } from "../../services/plan.ts";
import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const planRouter = createTRPCRouter({
  usage: permissionProcedure("organization.read")
    .output(ZPlanUsageOutput)
    .query(({ ctx }) => getPlanUsage(ctx.db, actorOf(ctx))),
});
