// admin.* — the platform-admin console (users with platformRole ADMIN), through platformAdminProcedure only.
import { z } from "zod";

import {
  ZAdminIdInput,
  ZAdminListOrganizationsInput,
  ZAdminListUsersInput,
  ZAdminOrganizationActionInput,
  ZAdminOrganizationDetailOutput,
  ZAdminOrganizationOutput,
  ZAdminOrganizationPageOutput,
  ZAdminSetUserStatusInput,
  ZAdminUserOutput,
  ZAdminUserPageOutput,
  ZIssueLicenseInput,
  ZLicenseOutput,
  ZSetLicenseStatusInput,
  ZUserStatusEventOutput,
} from "@tenantry/validators";

import * as admin from "../../services/admin.ts";
import * as licenses from "../../services/license.ts";
import { createTRPCRouter, platformAdminProcedure } from "../../trpc.ts";

const orgAction = (action: "suspend" | "reinstate" | "restore") =>
  platformAdminProcedure
    .input(ZAdminOrganizationActionInput)
    .output(ZAdminOrganizationOutput)
    .mutation(({ ctx, input }) =>
      admin.transitionOrganizationAsAdmin(ctx.db, { userId: ctx.user.id }, action, input),
    );

export const adminRouter = createTRPCRouter({
  organizations: {
    list: platformAdminProcedure
      .input(ZAdminListOrganizationsInput)
      .output(ZAdminOrganizationPageOutput)
      .query(({ ctx, input }) => admin.listOrganizations(ctx.db, input)),
    get: platformAdminProcedure
      .input(ZAdminIdInput)
      .output(ZAdminOrganizationDetailOutput)
      .query(({ ctx, input }) => admin.getOrganization(ctx.db, input.id)),
    suspend: orgAction("suspend"),
    reinstate: orgAction("reinstate"),
    restore: orgAction("restore"),
  },
  /** Licenses are written inside the target organization's tenant scope and audited in its log. */
  licenses: {
    issue: platformAdminProcedure
      .input(ZIssueLicenseInput)
      .output(ZLicenseOutput)
      .mutation(async ({ ctx, input }) => {
        await admin.enterOrganization(ctx.db, input.organizationId);
        return licenses.issueLicense(
          ctx.db,
          { userId: ctx.user.id, organizationId: input.organizationId },
          input,
        );
      }),
    setStatus: platformAdminProcedure
      .input(ZSetLicenseStatusInput)
      .output(ZLicenseOutput)
      .mutation(async ({ ctx, input }) => {
        await admin.enterOrganization(ctx.db, input.organizationId);
        return licenses.setLicenseStatus(
          ctx.db,
          { userId: ctx.user.id, organizationId: input.organizationId },
          input,
        );
      }),
  },
  users: {
    list: platformAdminProcedure
      .input(ZAdminListUsersInput)
      .output(ZAdminUserPageOutput)
      .query(({ ctx, input }) => admin.listUsers(ctx.db, input)),
    setStatus: platformAdminProcedure
      .input(ZAdminSetUserStatusInput)
      .output(ZAdminUserOutput)
      .mutation(({ ctx, input }) => admin.setUserStatus(ctx.db, { userId: ctx.user.id }, input)),
    history: platformAdminProcedure
      .input(ZAdminIdInput)
      .output(z.array(ZUserStatusEventOutput))
      .query(({ ctx, input }) => admin.userStatusHistory(ctx.db, input.id)),
  },
});
