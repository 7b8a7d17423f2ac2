// A member's own notifications in the current organization, and the user's delivery preferences. Every query names
// the actor's organization and user: a member reads and marks only their own, and only while a member (a removed
// member's notifications go with the membership, see notifications.prisma).
import type { TenantDb } from "@tenantry/db";
import type {
  TNotificationData,
  TNotificationOutput,
  TNotificationPreference,
} from "@tenantry/validators";
import { NOTIFICATION_KINDS, ZNotificationData } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { InvalidError } from "../errors.ts";
import { toPage } from "../page.ts";

const own = (actor: MemberActor) => ({
  organizationId: actor.organizationId,
  userId: actor.userId,
});

function dataOf(value: unknown): TNotificationData {
  const parsed = ZNotificationData.safeParse(value);
  return parsed.success ? parsed.data : {};
}

export async function listNotifications(
  db: TenantDb,
  actor: MemberActor,
  input: { cursor?: string | null; limit: number; unreadOnly: boolean },
): Promise<{ items: TNotificationOutput[]; nextCursor: string | null }> {
  let before: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    before = await db.notification.findFirst({
      where: { ...own(actor), id: input.cursor },
      select: { createdAt: true, id: true },
    });
    if (!before) throw new InvalidError("Unknown page cursor");
  }
  const rows = await db.notification.findMany({
    where: {
      ...own(actor),
      ...(input.unreadOnly ? { readAt: null } : {}),
      ...(before
        ? {
            OR: [
              { createdAt: { lt: before.createdAt } },
              { createdAt: before.createdAt, id: { lt: before.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: { id: true, kind: true, data: true, readAt: true, createdAt: true },
  });
  return toPage(rows, input.limit, (row) => ({ ...row, data: dataOf(row.data) }));
}

export async function unreadNotificationCount(
  db: TenantDb,
  actor: MemberActor,
): Promise<{ count: number }> {
  const count = await db.notification.count({ where: { ...own(actor), readAt: null } });
  return { count };
}

export async function markNotificationsRead(
  db: TenantDb,
  actor: MemberActor,
  input: { ids: string[] } | { all: true },
): Promise<{ updated: number }> {
  const { count } = await db.notification.updateMany({
    where: { ...own(actor), readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}

/** Every kind with the user's choice, the default (both on) where none was made. */
export async function getNotificationPreferences(
  db: TenantDb,
  userId: string,
): Promise<TNotificationPreference[]> {
  const rows = await db.notificationPreference.findMany({
    where: { userId },
    select: { kind: true, inApp: true, email: true },
  });
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return NOTIFICATION_KINDS.map((kind) => byKind.get(kind) ?? { kind, inApp: true, email: true });
}

export async function setNotificationPreference(
  db: TenantDb,
  userId: string,
  input: TNotificationPreference,
): Promise<TNotificationPreference[]> {
  await db.notificationPreference.upsert({
    where: { userId_kind: { userId, kind: input.kind } },
    create: { userId, kind: input.kind, inApp: input.inApp, email: input.email },
    update: { inApp: input.inApp, email: input.email },
    select: { kind: true },
  });
  return getNotificationPreferences(db, userId);
}
