// The events of a user joining through an invitation, emitted in the accepting transaction, and the seat it bills.
import type { TenantDb } from "@tenantry/db";

import { emitEvent } from "../jobs/outbox.ts";
import { recordSeat } from "../usage/billable.ts";

export async function emitMemberJoined(
  tx: TenantDb,
  joined: { userId: string; organizationId: string },
  invitation: { id: string; email: string },
  membershipId: string,
  role: string,
): Promise<void> {
  await recordSeat(tx, joined.organizationId, membershipId, "added");
  await emitEvent(tx, joined, "invitation.accepted", {
    invitation: { id: invitation.id, email: invitation.email, role },
  });
  await emitEvent(tx, joined, "member.added", {
    member: { id: membershipId, userId: joined.userId, role },
  });
}
