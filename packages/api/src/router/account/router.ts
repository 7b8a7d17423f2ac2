// account.* — the signed-in user's own profile, password, email and deletion (no organization involved).
import { z } from "zod";

import type { AccountActor } from "@tenantry/core/identity/account";
import {
  changePassword,
  deleteAccount,
  getAccount,
  requestEmailChange,
  updateProfile,
} from "@tenantry/core/identity/account";
import {
  ZAcceptedOutput,
  ZAccountOutput,
  ZChangeEmailInput,
  ZChangePasswordInput,
  ZChangePasswordOutput,
  ZDeleteAccountInput,
  ZUpdateProfileInput,
} from "@tenantry/validators";

import { authedProcedure, createTRPCRouter } from "../../trpc.ts";

export const accountActorOf = (ctx: {
  user: { id: string };
  sessionId: string | null;
  client: AccountActor["client"];
}): AccountActor => ({ userId: ctx.user.id, sessionId: ctx.sessionId, client: ctx.client });

export const accountRouter = createTRPCRouter({
  me: authedProcedure.output(ZAccountOutput).query(({ ctx }) => getAccount(ctx.db, ctx.user.id)),

  updateProfile: authedProcedure
    .input(ZUpdateProfileInput)
    .output(ZAccountOutput)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, accountActorOf(ctx), input)),

  changePassword: authedProcedure
    .input(ZChangePasswordInput)
    .output(ZChangePasswordOutput)
    .mutation(({ ctx, input }) => changePassword(ctx.db, accountActorOf(ctx), input)),

  requestEmailChange: authedProcedure
    .input(ZChangeEmailInput)
    .output(ZAcceptedOutput)
    .mutation(({ ctx, input }) => requestEmailChange(ctx.db, accountActorOf(ctx), input)),

  delete: authedProcedure
    .input(ZDeleteAccountInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteAccount(ctx.db, accountActorOf(ctx), input)),
});
