// role.* — the permission registry, built-in roles and the organization's custom roles.
import { z } from "zod";

import {
  ZCreateRoleInput,
  ZRoleCatalogOutput,
  ZRoleIdInput,
  ZRoleOutput,
  ZUpdateRoleInput,
} from "@tenantry/validators";

import { actorOf } from "../../services/actor.ts";
import * as roles from "../../services/role.ts";
import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const roleRouter = createTRPCRouter({
  catalog: permissionProcedure("member.read")
    .output(ZRoleCatalogOutput)
    .query(({ ctx }) => roles.getRoleCatalog(ctx.db, actorOf(ctx))),

  create: permissionProcedure("role.manage")
    .input(ZCreateRoleInput)
    .output(ZRoleOutput)
    .mutation(({ ctx, input }) => roles.createRole(ctx.db, roles.memberActorOf(ctx), input)),

  update: permissionProcedure("role.manage")
    .input(ZUpdateRoleInput)
    .output(ZRoleOutput)
    .mutation(({ ctx, input }) => roles.updateRole(ctx.db, roles.memberActorOf(ctx), input)),

  delete: permissionProcedure("role.manage")
    .input(ZRoleIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => roles.deleteRole(ctx.db, roles.memberActorOf(ctx), input.id)),
});
