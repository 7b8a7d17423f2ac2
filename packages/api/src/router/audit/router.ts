// audit.* — reading the organization's audit trail.
import { ZAuditPageOutput, ZListAuditInput } from "@tenantry/validators";

import { memberActorOf } from "../../services/actor.ts";
import { listAudit } from "../../services/audit.ts";
import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const auditRouter = createTRPCRouter({
  list: permissionProcedure("audit.read")
    .input(ZListAuditInput)
    .output(ZAuditPageOutput)
    .query(({ ctx, input }) => listAudit(ctx.db, memberActorOf(ctx), input)),
});
