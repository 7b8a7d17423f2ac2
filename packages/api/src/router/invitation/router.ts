// invitation.* — inviting by email (org-scoped) and accepting (before a membership exists, so authed only).
import { z } from "zod";

import * as invitations from "@tenantry/core/organization/invitation";
import {
  ZAcceptInvitationOutput,
  ZCreateInvitationInput,
  ZInvitationIdInput,
  ZInvitationOutput,
  ZInvitationPreviewOutput,
  ZInvitationTokenInput,
  ZInvitationWithLinkOutput,
} from "@tenantry/validators";

import { authedProcedure, createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const invitationRouter = createTRPCRouter({
  list: permissionProcedure("member.invite")
    .output(z.array(ZInvitationOutput))
    .query(({ ctx }) => invitations.listInvitations(ctx.db, ctx.actor)),

  create: permissionProcedure("member.invite")
    .input(ZCreateInvitationInput)
    .output(ZInvitationWithLinkOutput)
    .mutation(({ ctx, input }) => invitations.createInvitation(ctx.db, ctx.actor, input)),

  resend: permissionProcedure("member.invite")
    .input(ZInvitationIdInput)
    .output(ZInvitationWithLinkOutput)
    .mutation(({ ctx, input }) => invitations.resendInvitation(ctx.db, ctx.actor, input.id)),

  revoke: permissionProcedure("member.invite")
    .input(ZInvitationIdInput)
    .output(ZInvitationOutput)
    .mutation(({ ctx, input }) => invitations.revokeInvitation(ctx.db, ctx.actor, input.id)),

  /** The token is the capability: these verify it themselves (see @tenantry/core organization/invitation.ts). */
  preview: authedProcedure
    .input(ZInvitationTokenInput)
    .output(ZInvitationPreviewOutput)
    .query(({ ctx, input }) => invitations.previewInvitation(ctx.db, ctx.user, input.token)),

  accept: authedProcedure
    .input(ZInvitationTokenInput)
    .output(ZAcceptInvitationOutput)
    .mutation(({ ctx, input }) => invitations.acceptInvitation(ctx.db, ctx.user, input.token)),
});
