// license.* — the organization's seat licenses and members' seats.
import { z } from "zod";

import * as licenses from "@tenantry/core/organization/license";
import {
  ZAssignSeatInput,
  ZLicenseOutput,
  ZLicenseOverviewOutput,
  ZUnassignSeatInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const licenseRouter = createTRPCRouter({
  list: permissionProcedure("organization.read")
    .output(ZLicenseOverviewOutput)
    .query(({ ctx }) => licenses.listLicenses(ctx.db, ctx.actor)),

  assignSeat: permissionProcedure("license.manage")
    .input(ZAssignSeatInput)
    .output(ZLicenseOutput)
    .mutation(({ ctx, input }) => licenses.assignSeat(ctx.db, ctx.actor, input)),

  unassignSeat: permissionProcedure("license.manage")
    .input(ZUnassignSeatInput)
    .output(z.object({ membershipId: z.uuid() }))
    .mutation(({ ctx, input }) => licenses.unassignSeat(ctx.db, ctx.actor, input.membershipId)),
});
