// audit.* — reading the organization's audit trail.
import { listAudit } from "@tenantry/core/audit/audit";
import { ZAuditPageOutput, ZListAuditInput } from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const auditRouter = createTRPCRouter({
  list: permissionProcedure("audit.read")
    .input(ZListAuditInput)
    .output(ZAuditPageOutput)
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),
});
