// invitation.* — inviting by email (org-scoped) and accepting (before a membership exists, so authed only): by link,
// or from the signed-in user's own list of invitations to their verified email (mine / acceptMine / declineMine).
import { z } from "zod";

import { listMyInvitations } from "@tenantry/core/notifications/invitee";
import * as invitations from "@tenantry/core/organization/invitation";
import { withTenantTransaction } from "@tenantry/db";
import {
  ZAcceptInvitationOutput,
  ZCreateInvitationInput,
  ZInvitationIdInput,
  ZInvitationOutput,
  ZInvitationPreviewOutput,
  ZInvitationTokenInput,
  ZInvitationWithLinkOutput,
  ZMyInvitationInput,
  ZMyInvitationOutput,
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

  /** Invitations addressed to the caller's verified email (docs/invitations.md); honours the INVITATION preference. */
  mine: authedProcedure
    .output(z.array(ZMyInvitationOutput))
    .query(({ ctx }) =>
      withTenantTransaction(ctx.db, { userId: ctx.user.id }, (tx) =>
        listMyInvitations(tx, ctx.user.id),
      ),
    ),

  /** The caller's verified email must be the invitation's; anything else is NOT_FOUND. */
  acceptMine: authedProcedure
    .input(ZMyInvitationInput)
    .output(ZAcceptInvitationOutput)
    .mutation(({ ctx, input }) => invitations.acceptMyInvitation(ctx.db, ctx.user, input)),

  declineMine: authedProcedure
    .input(ZMyInvitationInput)
    .output(z.object({ declined: z.literal(true) }))
    .mutation(({ ctx, input }) => invitations.declineMyInvitation(ctx.db, ctx.user, input)),
});
