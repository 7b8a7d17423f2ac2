// audit.* — reading the organization's audit trail and verifying its hash chain.
import { listAudit } from "@tenantry/core/audit/audit";
import { verifyAuditChain } from "@tenantry/core/audit/audit-chain";
import { ZAuditPageOutput, ZAuditVerifyOutput, ZListAuditInput } from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const auditRouter = createTRPCRouter({
  list: permissionProcedure("audit.read")
    .input(ZListAuditInput)
    .output(ZAuditPageOutput)
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),

  /** One page of the export (apps/web's export route streams page after page, each in its own tenant transaction). */
  exportPage: permissionProcedure("audit.export")
    .input(ZListAuditInput)
    .output(ZAuditPageOutput)
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),

  verify: permissionProcedure("audit.verify")
    .output(ZAuditVerifyOutput)
    .query(({ ctx }) => verifyAuditChain(ctx.db, ctx.actor)),
});
