// The billable actions of the domain, each one ledger entry written in the action's own transaction. Event ids are
// derived from the object the action made or removed, so a retried write of the same action counts once.
import type { TenantDb } from "@tenantry/db";

import { recordUsage } from "./ledger.ts";

export const recordTaskCreated = (tx: TenantDb, organizationId: string, taskId: string) =>
  recordUsage(tx, {
    organizationId,
    metric: "tasks_created",
    quantity: 1,
    eventId: `task.created:${taskId}`,
  });

/** Storage is a level: an upload adds its bytes, a deletion takes them back off. */
export const recordAttachmentStorage = (
  tx: TenantDb,
  organizationId: string,
  attachment: { id: string; size: number },
  change: "upload" | "delete",
) =>
  recordUsage(tx, {
    organizationId,
    metric: "storage_bytes",
    quantity: change === "upload" ? attachment.size : -attachment.size,
    eventId: `attachment.${change}:${attachment.id}`,
  });

/** Seats are a level too: a membership created adds one, a membership removed takes it off. */
export const recordSeat = (
  tx: TenantDb,
  organizationId: string,
  membershipId: string,
  change: "added" | "removed",
) =>
  recordUsage(tx, {
    organizationId,
    metric: "seats",
    quantity: change === "added" ? 1 : -1,
    eventId: `seat.${change}:${membershipId}`,
  });
