// apiKey.* — the organization's API keys. The secret leaves the server once, in create's and rotate's output.
import { z } from "zod";

import * as apiKeys from "@tenantry/core/organization/api-keys";
import {
  ZApiKeyIdInput,
  ZApiKeyOutput,
  ZCreateApiKeyInput,
  ZCreatedApiKeyOutput,
  ZRotateApiKeyInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

export const apiKeyRouter = createTRPCRouter({
  list: permissionProcedure("apikey.manage")
    .output(z.array(ZApiKeyOutput))
    .query(({ ctx }) => apiKeys.listApiKeys(ctx.db, ctx.actor)),

  create: permissionProcedure("apikey.manage")
    .input(ZCreateApiKeyInput)
    .output(ZCreatedApiKeyOutput)
    .mutation(({ ctx, input }) => apiKeys.createApiKey(ctx.db, ctx.actor, input)),

  revoke: permissionProcedure("apikey.manage")
    .input(ZApiKeyIdInput)
    .output(ZApiKeyOutput)
    .mutation(({ ctx, input }) => apiKeys.revokeApiKey(ctx.db, ctx.actor, input)),

  rotate: permissionProcedure("apikey.manage")
    .input(ZRotateApiKeyInput)
    .output(ZCreatedApiKeyOutput)
    .mutation(({ ctx, input }) => apiKeys.rotateApiKey(ctx.db, ctx.actor, input)),
});
