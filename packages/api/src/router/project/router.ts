// project.* — projects, their lifecycle (archive, soft delete, restore) and their members.
import { z } from "zod";

import * as projects from "@tenantry/core/work/project";
import {
  ZCreateProjectInput,
  ZListProjectsInput,
  ZProjectIdInput,
  ZProjectMemberOutput,
  ZProjectMembersInput,
  ZProjectOutput,
  ZProjectPageOutput,
  ZUpdateProjectInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const projectRouter = createTRPCRouter({
  list: permissionProcedure("project.read")
    .input(ZListProjectsInput)
    .output(ZProjectPageOutput)
    .query(({ ctx, input }) => projects.listProjects(ctx.db, ctx.actor, input)),

  get: permissionProcedure("project.read")
    .input(ZProjectIdInput)
    .output(ZProjectOutput)
    .query(({ ctx, input }) => projects.getProject(ctx.db, ctx.actor, input.id)),

  create: permissionProcedure("project.create")
    .input(ZCreateProjectInput)
    .output(ZProjectOutput)
    .mutation(({ ctx, input }) => projects.createProject(ctx.db, ctx.actor, input)),

  update: permissionProcedure("project.update")
    .input(ZUpdateProjectInput)
    .output(ZProjectOutput)
    .mutation(({ ctx, input }) => projects.updateProject(ctx.db, ctx.actor, input)),

  archive: permissionProcedure("project.update")
    .input(ZProjectIdInput)
    .output(ZProjectOutput)
    .mutation(({ ctx, input }) => projects.setProjectArchived(ctx.db, ctx.actor, input.id, true)),

  unarchive: permissionProcedure("project.update")
    .input(ZProjectIdInput)
    .output(ZProjectOutput)
    .mutation(({ ctx, input }) => projects.setProjectArchived(ctx.db, ctx.actor, input.id, false)),

  delete: permissionProcedure("project.delete")
    .input(ZProjectIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => projects.deleteProject(ctx.db, ctx.actor, input.id)),

  deleted: permissionProcedure("project.delete")
    .output(z.array(ZProjectOutput.extend({ deletedAt: z.date() })))
    .query(({ ctx }) => projects.listDeletedProjects(ctx.db, ctx.actor)),

  restore: permissionProcedure("project.delete")
    .input(ZProjectIdInput)
    .output(ZProjectOutput)
    .mutation(({ ctx, input }) => projects.restoreProject(ctx.db, ctx.actor, input.id)),

  member: {
    list: permissionProcedure("project.read")
      .input(ZProjectIdInput)
      .output(z.array(ZProjectMemberOutput))
      .query(({ ctx, input }) => projects.listProjectMembers(ctx.db, ctx.actor, input.id)),
    add: permissionProcedure("project.update")
      .input(ZProjectMembersInput)
      .output(z.object({ added: z.number().int() }))
      .mutation(({ ctx, input }) =>
        projects.addProjectMembers(ctx.db, ctx.actor, input.id, input.membershipIds),
      ),
    remove: permissionProcedure("project.update")
      .input(ZProjectMembersInput)
      .output(z.object({ removed: z.number().int() }))
      .mutation(({ ctx, input }) =>
        projects.removeProjectMembers(ctx.db, ctx.actor, input.id, input.membershipIds),
      ),
  },
});
