// team.* — teams, their members and the projects assigned to them.
import { z } from "zod";

import * as teams from "@tenantry/core/organization/team";
import {
  ZAssignProjectTeamInput,
  ZCreateTeamInput,
  ZRenameTeamInput,
  ZTeamIdInput,
  ZTeamMemberInput,
  ZTeamOutput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const teamRouter = createTRPCRouter({
  list: permissionProcedure("team.read")
    .output(z.array(ZTeamOutput))
    .query(({ ctx }) => teams.listTeams(ctx.db, ctx.actor)),

  create: permissionProcedure("team.manage")
    .input(ZCreateTeamInput)
    .output(ZTeamOutput)
    .mutation(({ ctx, input }) => teams.createTeam(ctx.db, ctx.actor, input)),

  rename: permissionProcedure("team.manage")
    .input(ZRenameTeamInput)
    .output(ZTeamOutput)
    .mutation(({ ctx, input }) => teams.renameTeam(ctx.db, ctx.actor, input)),

  delete: permissionProcedure("team.manage")
    .input(ZTeamIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => teams.deleteTeam(ctx.db, ctx.actor, input.id)),

  members: {
    add: permissionProcedure("team.manage")
      .input(ZTeamMemberInput)
      .output(ZTeamOutput)
      .mutation(({ ctx, input }) => teams.addTeamMember(ctx.db, ctx.actor, input)),
    remove: permissionProcedure("team.manage")
      .input(ZTeamMemberInput)
      .output(ZTeamOutput)
      .mutation(({ ctx, input }) => teams.removeTeamMember(ctx.db, ctx.actor, input)),
  },

  /** Assigning a project to a team is a team-management action (and needs no project.update). */
  assignProject: permissionProcedure("team.manage")
    .input(ZAssignProjectTeamInput)
    .output(z.object({ projectId: z.uuid(), teamId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => teams.assignProjectTeam(ctx.db, ctx.actor, input)),
});
