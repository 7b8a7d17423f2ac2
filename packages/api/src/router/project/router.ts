// project.* — the reference tenant-owned domain.
import { z } from "zod";

import {
  ZCreateProjectInput,
  ZListProjectsInput,
  ZProjectIdInput,
  ZProjectOutput,
  ZProjectPageOutput,
  ZUpdateProjectInput,
} from "@tenantry/validators";

import { actorOf } from "../../services/actor.ts";
import * as projects from "../../services/project.ts";
import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const projectRouter = createTRPCRouter({
  list: permissionProcedure("project.read")
    .input(ZListProjectsInput)
    .output(ZProjectPageOutput)
    .query(({ ctx, input }) => projects.listProjects(ctx.db, actorOf(ctx), input)),

  get: permissionProcedure("project.read")
    .input(ZProjectIdInput)
    .output(ZProjectOutput)
    .query(({ ctx, input }) => projects.getProject(ctx.db, actorOf(ctx), input.id)),

  create: permissionProcedure("project.create")
    .input(ZCreateProjectInput)
    .output(ZProjectOutput)
    .mutation(({ ctx, input }) => projects.createProject(ctx.db, actorOf(ctx), input)),

  update: permissionProcedure("project.update")
    .input(ZUpdateProjectInput)
    .output(ZProjectOutput)
    .mutation(({ ctx, input }) => projects.updateProject(ctx.db, actorOf(ctx), input)),

  delete: permissionProcedure("project.delete")
    .input(ZProjectIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => projects.deleteProject(ctx.db, actorOf(ctx), input.id)),
});
