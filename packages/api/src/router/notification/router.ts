// notification.* — the signed-in member's own notifications in the current organization (any member, no
// permission: each only ever reads and marks their own), and the user's delivery preferences (account-wide).
import { z } from "zod";

import {
  getNotificationPreferences,
  listNotifications,
  markNotificationsRead,
  setNotificationPreference,
  unreadNotificationCount,
} from "@tenantry/core/notifications/inbox";
import { withTenantTransaction } from "@tenantry/db";
import {
  ZListNotificationsInput,
  ZMarkNotificationsReadInput,
  ZNotificationPageOutput,
  ZNotificationPreference,
  ZNotificationPreferencesOutput,
} from "@tenantry/validators";

import { authedProcedure, createTRPCRouter, orgProcedure } from "../../trpc.ts";

const ZUpdated = z.object({ updated: z.number().int() });

export const notificationRouter = createTRPCRouter({
  list: orgProcedure
    .input(ZListNotificationsInput)
    .output(ZNotificationPageOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),

  unreadCount: orgProcedure
    .output(z.object({ count: z.number().int() }))
    .query(({ ctx }) => unreadNotificationCount(ctx.db, ctx.actor)),

  markRead: orgProcedure
    .input(ZMarkNotificationsReadInput)
    .output(ZUpdated)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.actor, input)),

  markAllRead: orgProcedure
    .output(ZUpdated)
    .mutation(({ ctx }) => markNotificationsRead(ctx.db, ctx.actor, { all: true })),

  preferences: authedProcedure
    .output(ZNotificationPreferencesOutput)
    .query(({ ctx }) =>
      withTenantTransaction(ctx.db, { userId: ctx.user.id }, (tx) =>
        getNotificationPreferences(tx, ctx.user.id),
      ),
    ),

  setPreference: authedProcedure
    .input(ZNotificationPreference)
    .output(ZNotificationPreferencesOutput)
    .mutation(({ ctx, input }) =>
      withTenantTransaction(ctx.db, { userId: ctx.user.id }, (tx) =>
        setNotificationPreference(tx, ctx.user.id, input),
      ),
    ),
});
