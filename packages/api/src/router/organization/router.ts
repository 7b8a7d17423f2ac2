// organization.* — the caller's organizations, the active one, its settings and lifecycle.
import { z } from "zod";

import * as organizations from "@tenantry/core/organization/organization";
import { createOrganization } from "@tenantry/core/organization/organization-create";
import * as transfers from "@tenantry/core/organization/ownership-transfer";
import { withTenantTransaction } from "@tenantry/db";
import {
  ZConfirmSlugInput,
  ZCreateOrganizationInput,
  ZCurrentOrganizationOutput,
  ZMyOrganization,
  ZOrganizationOutput,
  ZOwnershipTransferIdInput,
  ZOwnershipTransferOutput,
  ZProposeOwnershipTransferInput,
  ZUpdateOrganizationInput,
} from "@tenantry/validators";

import { authedProcedure, createTRPCRouter, permissionProcedure } from "../../trpc.ts";

const lifecycle = permissionProcedure("organization.delete", { organizationLifecycle: true });

export const organizationRouter = createTRPCRouter({
  mine: authedProcedure.output(z.array(ZMyOrganization)).query(({ ctx }) =>
    withTenantTransaction(ctx.db, { userId: ctx.user.id }, async (tx) => {
      const memberships = await tx.membership.findMany({
        where: { userId: ctx.user.id, status: "ACTIVE" },
        orderBy: { createdAt: "asc" },
        take: 200,
        select: {
          role: true,
          organization: { select: { id: true, name: true, slug: true, plan: true, status: true } },
        },
      });
      return memberships.map((m) => ({
        ...m.organization,
        role: m.role,
        active: m.organization.id === ctx.activeOrganizationId,
      }));
    }),
  ),

  /** Any signed-in user may create an organization; they become its owner. */
  create: authedProcedure
    .input(ZCreateOrganizationInput)
    .output(ZOrganizationOutput)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, ctx.user.id, input)),

  // Works in every status (a deleted organization's owner needs it to offer the restore).
  current: permissionProcedure("organization.read", { organizationLifecycle: true })
    .output(ZCurrentOrganizationOutput)
    .query(({ ctx }) => organizations.getCurrentOrganization(ctx.db, ctx.actor)),

  update: permissionProcedure("organization.update")
    .input(ZUpdateOrganizationInput)
    .output(ZOrganizationOutput)
    .mutation(({ ctx, input }) => organizations.updateOrganization(ctx.db, ctx.actor, input)),

  archive: lifecycle
    .output(ZOrganizationOutput)
    .mutation(({ ctx }) => organizations.transitionOrganization(ctx.db, ctx.actor, "archive")),

  unarchive: lifecycle
    .output(ZOrganizationOutput)
    .mutation(({ ctx }) => organizations.transitionOrganization(ctx.db, ctx.actor, "unarchive")),

  delete: lifecycle
    .input(ZConfirmSlugInput)
    .output(ZOrganizationOutput)
    .mutation(({ ctx, input }) =>
      organizations.transitionOrganization(ctx.db, ctx.actor, "delete", input),
    ),

  restore: lifecycle
    .output(ZOrganizationOutput)
    .mutation(({ ctx }) => organizations.transitionOrganization(ctx.db, ctx.actor, "restore")),

  /** Two-step ownership transfer; accept/decline/cancel check who the caller is in the service. */
  transfer: {
    current: permissionProcedure("organization.read")
      .output(ZOwnershipTransferOutput.nullable())
      .query(({ ctx }) => transfers.currentTransfer(ctx.db, ctx.actor)),
    propose: permissionProcedure("organization.transfer")
      .input(ZProposeOwnershipTransferInput)
      .output(ZOwnershipTransferOutput)
      .mutation(({ ctx, input }) =>
        transfers.proposeTransfer(ctx.db, ctx.actor, input.membershipId),
      ),
    accept: permissionProcedure("organization.read")
      .input(ZOwnershipTransferIdInput)
      .output(ZOwnershipTransferOutput)
      .mutation(({ ctx, input }) => transfers.acceptTransfer(ctx.db, ctx.actor, input.id)),
    decline: permissionProcedure("organization.read")
      .input(ZOwnershipTransferIdInput)
      .output(ZOwnershipTransferOutput)
      .mutation(({ ctx, input }) =>
        transfers.closeTransfer(ctx.db, ctx.actor, input.id, "decline"),
      ),
    cancel: permissionProcedure("organization.read")
      .input(ZOwnershipTransferIdInput)
      .output(ZOwnershipTransferOutput)
      .mutation(({ ctx, input }) => transfers.closeTransfer(ctx.db, ctx.actor, input.id, "cancel")),
  },
});
