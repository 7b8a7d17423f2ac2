// role.* — the permission registry, built-in roles and the organization's custom roles.
import { z } from "zod";

import * as roles from "@tenantry/core/organization/role";
import {
  ZCreateRoleInput,
  ZRoleCatalogOutput,
  ZRoleIdInput,
  ZRoleOutput,
  ZUpdateRoleInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const roleRouter = createTRPCRouter({
  catalog: permissionProcedure("member.read")
    .output(ZRoleCatalogOutput)
    .query(({ ctx }) => roles.getRoleCatalog(ctx.db, ctx.actor)),

  create: permissionProcedure("role.manage")
    .input(ZCreateRoleInput)
    .output(ZRoleOutput)
    .mutation(({ ctx, input }) => roles.createRole(ctx.db, ctx.actor, input)),

  update: permissionProcedure("role.manage")
    .input(ZUpdateRoleInput)
    .output(ZRoleOutput)
    .mutation(({ ctx, input }) => roles.updateRole(ctx.db, ctx.actor, input)),

  delete: permissionProcedure("role.manage")
    .input(ZRoleIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => roles.deleteRole(ctx.db, ctx.actor, input.id)),
});
