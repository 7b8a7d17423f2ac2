// member.* — the members table: list, change role, remove, leave.
import { z } from "zod";

import * as members from "@tenantry/core/organization/member";
import {
  ZListMembersInput,
  ZMemberOutput,
  ZMemberPageOutput,
  ZMembershipIdInput,
  ZUpdateMemberRoleInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

const ZRemovedOutput = z.object({ id: z.uuid() });

export const memberRouter = createTRPCRouter({
  list: permissionProcedure("member.read")
    .input(ZListMembersInput)
    .output(ZMemberPageOutput)
    .query(({ ctx, input }) => members.listMembers(ctx.db, ctx.actor, input)),

  updateRole: permissionProcedure("member.update")
    .input(ZUpdateMemberRoleInput)
    .output(ZMemberOutput)
    .mutation(({ ctx, input }) => members.updateMemberRole(ctx.db, ctx.actor, input)),

  remove: permissionProcedure("member.remove")
    .input(ZMembershipIdInput)
    .output(ZRemovedOutput)
    .mutation(({ ctx, input }) => members.removeMember(ctx.db, ctx.actor, input.membershipId)),

  /** Leaving needs no permission beyond membership itself; the last owner cannot leave. */
  leave: permissionProcedure("organization.read")
    .output(ZRemovedOutput)
    .mutation(({ ctx }) => members.leaveOrganization(ctx.db, ctx.actor)),
});
