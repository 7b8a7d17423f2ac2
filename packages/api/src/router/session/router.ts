// session.* — the signed-in user's sessions: list, revoke one, revoke all others.
import { z } from "zod";

import {
  listSessions,
  revokeOtherSessions,
  revokeOwnSession,
} from "@tenantry/core/identity/session";
import { ZRevokedCountOutput, ZRevokeSessionInput, ZSessionOutput } from "@tenantry/validators";

import { authedProcedure, createTRPCRouter } from "../../trpc.ts";
import { accountActorOf } from "../account/router.ts";

export const sessionRouter = createTRPCRouter({
  list: authedProcedure
    .output(z.array(ZSessionOutput))
    .query(({ ctx }) => listSessions(ctx.db, accountActorOf(ctx))),

  revoke: authedProcedure
    .input(ZRevokeSessionInput)
    .output(ZRevokedCountOutput)
    .mutation(({ ctx, input }) => revokeOwnSession(ctx.db, accountActorOf(ctx), input.id)),

  revokeOthers: authedProcedure
    .output(ZRevokedCountOutput)
    .mutation(({ ctx }) => revokeOtherSessions(ctx.db, accountActorOf(ctx))),
});
