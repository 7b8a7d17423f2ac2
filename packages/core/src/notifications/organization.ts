// The organization domain's notifications: an accepted invitation (INVITATION_ACCEPTED, to whoever sent it; the
// invitee's own INVITATION is read live, see invitee.ts) and an ownership transfer
// offered to a member.
import type { TenantDb } from "@tenantry/db";

import type { Actor } from "../actor.ts";
import { notify } from "./notify.ts";

async function names(db: TenantDb, organizationId: string, userId: string) {
  const [organization, user] = await Promise.all([
    db.organization.findUnique({ where: { id: organizationId }, select: { name: true } }),
    db.user.findUnique({ where: { id: userId }, select: { name: true } }),
  ]);
  return { organizationName: organization?.name ?? "", userName: user?.name ?? "Someone" };
}

/** Tells the inviter that their invitation was accepted (the invitee was outside the organization until now). */
export async function notifyInvitationAccepted(
  db: TenantDb,
  organizationId: string,
  inviterUserId: string | null | undefined,
  inviteeUserId: string,
): Promise<void> {
  if (!inviterUserId) return;
  const { organizationName, userName } = await names(db, organizationId, inviteeUserId);
  await notify(db, {
    organizationId,
    kind: "INVITATION_ACCEPTED",
    userIds: [inviterUserId],
    actorUserId: inviteeUserId,
    data: { organizationName, inviteeName: userName, actorName: userName },
  });
}

/** In-app only: the transfer's own mail (ownership-transfer.ts) already tells the target by email. */
export async function notifyTransferOffered(
  db: TenantDb,
  actor: Actor,
  targetUserId: string,
): Promise<void> {
  const { organizationName, userName } = await names(db, actor.organizationId, actor.userId);
  await notify(db, {
    organizationId: actor.organizationId,
    kind: "OWNERSHIP_TRANSFER",
    userIds: [targetUserId],
    actorUserId: actor.userId,
    data: { organizationName, actorName: userName },
    email: false,
  });
}
