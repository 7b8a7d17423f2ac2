// tag.* — the organization's task tags.
import { z } from "zod";

import * as tags from "@tenantry/core/work/tag";
import { ZCreateTagInput, ZId, ZTagOutput, ZUpdateTagInput } from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const tagRouter = createTRPCRouter({
  list: permissionProcedure("task.read")
    .output(z.array(ZTagOutput))
    .query(({ ctx }) => tags.listTags(ctx.db, ctx.actor)),
  create: permissionProcedure("tag.manage")
    .input(ZCreateTagInput)
    .output(ZTagOutput)
    .mutation(({ ctx, input }) => tags.createTag(ctx.db, ctx.actor, input)),
  update: permissionProcedure("tag.manage")
    .input(ZUpdateTagInput)
    .output(ZTagOutput)
    .mutation(({ ctx, input }) => tags.updateTag(ctx.db, ctx.actor, input)),
  delete: permissionProcedure("tag.manage")
    .input(z.object({ id: ZId }))
    .output(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => tags.deleteTag(ctx.db, ctx.actor, input.id)),
});
