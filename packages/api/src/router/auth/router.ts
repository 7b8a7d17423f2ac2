// auth.* — public identity flows (sign-up, verification, password reset) and the platform admins' view of locks.
// Sign-in itself is next-auth's (web) or the REST token endpoint's (clients), not a tRPC procedure.
import { TRPCError } from "@trpc/server";
import { z } from "zod";

import { getSignInLockStatus, revokeUserSessions, unlockSignIn } from "@tenantry/auth";
import {
  ZAcceptedOutput,
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

import {
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  verifyEmail,
} from "../../services/identity.ts";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../../trpc.ts";

/** Platform staff (users.platform_role = ADMIN), not organization admins. */
const platformAdminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.platformRole !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only platform administrators may do this" });
  }
  return next();
});

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

  admin: {
    /** Failed sign-in count and temporary lock of a user (for the platform admin console). */
    lockStatus: platformAdminProcedure
      .input(ZUserRef)
      .output(ZSignInLockStatus)
      .query(async ({ ctx, input }) => {
        const status = await getSignInLockStatus(ctx.db, input.userId);
        if (!status) throw new TRPCError({ code: "NOT_FOUND", message: "User not found" });
        return status;
      }),

    unlock: platformAdminProcedure
      .input(ZUserRef)
      .output(ZSignInLockStatus)
      .mutation(async ({ ctx, input }) => {
        await unlockSignIn(ctx.db, input.userId);
        const status = await getSignInLockStatus(ctx.db, input.userId);
        if (!status) throw new TRPCError({ code: "NOT_FOUND", message: "User not found" });
        return status;
      }),

    /** Signs a user out everywhere (e.g. together with suspending them). */
    revokeSessions: platformAdminProcedure
      .input(ZUserRef)
      .output(ZRevokedCountOutput)
      .mutation(async ({ ctx, input }) => ({
        revoked: await revokeUserSessions(ctx.db, input.userId, "admin"),
      })),
  },
});
