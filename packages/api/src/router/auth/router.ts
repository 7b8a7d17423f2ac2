// auth.* — public identity flows (sign-up, verification, password reset) and the platform admins' view of locks.
// Sign-in itself is next-auth's (web) or the REST token endpoint's (clients), not a tRPC procedure.
import { z } from "zod";

import { revokeSessionsAsAdmin, signInLockStatus, unlockUser } from "@tenantry/core/admin/index";
import {
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  verifyEmail,
} from "@tenantry/core/identity/identity";
import {
  ZAcceptedOutput,
  ZAdminUserActionInput,
  ZEmailOnlyInput,
  ZId,
  ZResetPasswordInput,
  ZRevokedCountOutput,
  ZSignInLockStatus,
  ZSignUpInput,
  ZSignUpOutput,
  ZVerifyEmailInput,
  ZVerifyEmailOutput,
} from "@tenantry/validators";

import { createTRPCRouter, platformAdminProcedure, publicProcedure } from "../../trpc.ts";

const ZUserRef = z.object({ userId: ZId });

export const authRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(ZSignUpInput)
    .output(ZSignUpOutput)
    .mutation(({ ctx, input }) => signUp(ctx.db, input, ctx.client)),

  verifyEmail: publicProcedure
    .input(ZVerifyEmailInput)
    .output(ZVerifyEmailOutput)
    .mutation(({ ctx, input }) => verifyEmail(ctx.db, input.token)),

  resendVerification: publicProcedure
    .input(ZEmailOnlyInput)
    .output(ZAcceptedOutput)
    .mutation(({ ctx, input }) => resendVerification(ctx.db, input.email, ctx.client)),

  requestPasswordReset: publicProcedure
    .input(ZEmailOnlyInput)
    .output(ZAcceptedOutput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, input.email, ctx.client)),

  resetPassword: publicProcedure
    .input(ZResetPasswordInput)
    .output(ZAcceptedOutput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, input)),

  /**
   * Platform staff (users.platform_role = ADMIN), not organization admins: the same platformAdminProcedure as the
   * admin console, so each mutation runs in the admin transaction and writes its platform audit entry there.
   */
  admin: {
    /** Failed sign-in count and temporary lock of a user (for the platform admin console). */
    lockStatus: platformAdminProcedure
      .input(ZUserRef)
      .output(ZSignInLockStatus)
      .query(({ ctx, input }) => signInLockStatus(ctx.db, input.userId)),

    unlock: platformAdminProcedure
      .input(ZAdminUserActionInput)
      .output(ZSignInLockStatus)
      .mutation(({ ctx, input }) => unlockUser(ctx.db, { userId: ctx.user.id }, input)),

    /** Signs a user out everywhere (e.g. together with suspending them). */
    revokeSessions: platformAdminProcedure
      .input(ZAdminUserActionInput)
      .output(ZRevokedCountOutput)
      .mutation(({ ctx, input }) => revokeSessionsAsAdmin(ctx.db, { userId: ctx.user.id }, input)),
  },
});
