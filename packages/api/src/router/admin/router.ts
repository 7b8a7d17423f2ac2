// admin.* — the platform-admin console (users with platformRole ADMIN), through platformAdminProcedure only.
import { z } from "zod";

import * as admin from "@tenantry/core/admin/index";
import { listPlatformAudit } from "@tenantry/core/audit/platform-audit";
import { jobsAdminClient, listJobs, retryJobNow } from "@tenantry/core/jobs/jobs-admin";
import {
  ZAdminIdInput,
  ZAdminJobList,
  ZAdminJobOutput,
  ZAdminJobRef,
  ZAdminListAuditInput,
  ZAdminListLicensesInput,
  ZAdminListOrganizationsInput,
  ZAdminListUsersInput,
  ZAdminOrganizationActionInput,
  ZAdminOrganizationDetailOutput,
  ZAdminOrganizationOutput,
  ZAdminOrganizationPageOutput,
  ZAdminSetPlatformRoleInput,
  ZAdminSetUserStatusInput,
  ZAdminUserDetailOutput,
  ZAdminUserOutput,
  ZAdminUserPageOutput,
  ZIssueLicenseInput,
  ZLicenseOutput,
  ZLicenseOverviewOutput,
  ZPlatformAuditPageOutput,
  ZSetLicenseStatusInput,
  ZUserStatusEventOutput,
} from "@tenantry/validators";

import { createTRPCRouter, platformAdminProcedure } from "../../trpc.ts";
import { platformUsageProcedure } from "../usage/router.ts";
import { adminPlansRouter } from "./plans-router.ts";

const orgAction = (action: "suspend" | "reinstate" | "restore") =>
  platformAdminProcedure
    .input(ZAdminOrganizationActionInput)
    .output(ZAdminOrganizationOutput)
    .mutation(({ ctx, input }) =>
      admin.transitionOrganizationAsAdmin(ctx.db, { userId: ctx.user.id }, action, input),
    );

export const adminRouter = createTRPCRouter({
  /** Plans, limit overrides and plan requests; audited in the organization's log and the platform's. */
  plans: adminPlansRouter,
  usage: platformUsageProcedure,
  /** The job queue across all organizations: state, error, retry now. Payloads are never shown. */
  jobs: {
    list: platformAdminProcedure
      .input(ZAdminJobList)
      .output(z.array(ZAdminJobOutput))
      .query(async ({ input }) => listJobs(await jobsAdminClient(), input)),
    retry: platformAdminProcedure
      .input(ZAdminJobRef)
      .output(z.object({ retried: z.boolean() }))
      .mutation(async ({ input }) => ({
        retried: await retryJobNow(await jobsAdminClient(), input.queue, input.jobId),
      })),
  },
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
  /**
   * Licenses are written inside the target organization's tenant scope and audited in its log (and the platform's).
   */
  licenses: {
    list: platformAdminProcedure
      .input(ZAdminListLicensesInput)
      .output(ZLicenseOverviewOutput)
      .query(({ ctx, input }) =>
        admin.listOrganizationLicenses(ctx.db, { userId: ctx.user.id }, input.organizationId),
      ),
    issue: platformAdminProcedure
      .input(ZIssueLicenseInput)
      .output(ZLicenseOutput)
      .mutation(({ ctx, input }) =>
        admin.issueLicenseAsAdmin(ctx.db, { userId: ctx.user.id }, input),
      ),
    setStatus: platformAdminProcedure
      .input(ZSetLicenseStatusInput)
      .output(ZLicenseOutput)
      .mutation(({ ctx, input }) =>
        admin.setLicenseStatusAsAdmin(ctx.db, { userId: ctx.user.id }, input),
      ),
  },
  users: {
    list: platformAdminProcedure
      .input(ZAdminListUsersInput)
      .output(ZAdminUserPageOutput)
      .query(({ ctx, input }) => admin.listUsers(ctx.db, input)),
    get: platformAdminProcedure
      .input(ZAdminIdInput)
      .output(ZAdminUserDetailOutput)
      .query(({ ctx, input }) => admin.getUser(ctx.db, input.id)),
    setStatus: platformAdminProcedure
      .input(ZAdminSetUserStatusInput)
      .output(ZAdminUserOutput)
      .mutation(({ ctx, input }) => admin.setUserStatus(ctx.db, { userId: ctx.user.id }, input)),
    history: platformAdminProcedure
      .input(ZAdminIdInput)
      .output(z.array(ZUserStatusEventOutput))
      .query(({ ctx, input }) => admin.userStatusHistory(ctx.db, input.id)),
    setPlatformRole: platformAdminProcedure
      .input(ZAdminSetPlatformRoleInput)
      .output(ZAdminUserOutput)
      .mutation(({ ctx, input }) => admin.setPlatformRole(ctx.db, { userId: ctx.user.id }, input)),
  },
  /** The platform audit log: every admin.* and auth.admin.* mutation, and `pnpm admin:grant`. */
  audit: {
    list: platformAdminProcedure
      .input(ZAdminListAuditInput)
      .output(ZPlatformAuditPageOutput)
      .query(({ ctx, input }) => listPlatformAudit(ctx.db, input)),
  },
});
