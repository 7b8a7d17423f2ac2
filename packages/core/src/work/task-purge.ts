// The scheduled purge of deleted tasks: past the restore window (TASK_RESTORE_DAYS, task-trash.ts) a deleted task
// goes for good, with its comments, assignees, tags, timeline and attachments (the rows cascade). Each organization
// is purged in its own tenant transaction, like every job's work: the attachments' bytes come off the storage level
// there (the same event ids a one-by-one delete writes, so nothing is released twice), and their files are removed
// after the commit — a failed removal leaves at worst an invisible orphan file, never a row without its file.
import type { Db, TenantDb } from "@tenantry/db";
import { withTenantTransaction } from "@tenantry/db";

import { logger } from "../observability/logger.ts";
import { attachmentKey, getStorage } from "../storage/index.ts";
import { recordAttachmentStorage } from "../usage/billable.ts";
import { restoreCutoff } from "./task-trash.ts";

/** Tasks removed per transaction: short locks, and a backlog still drains in one run. */
export const TASK_PURGE_BATCH = 1000;

/** Purges up to `batch` of the organization's tasks deleted before `cutoff`; returns them and their attachments. */
async function purgeOrganizationBatch(
  tx: TenantDb,
  organizationId: string,
  cutoff: Date,
  batch: number,
): Promise<{ purged: number; attachmentIds: string[] }> {
  const due = await tx.task.findMany({
    where: { organizationId, deletedAt: { not: null, lte: cutoff } },
    orderBy: { deletedAt: "asc" },
    take: batch,
    select: { id: true },
  });
  const ids = due.map((t) => t.id);
  if (ids.length === 0) return { purged: 0, attachmentIds: [] };
  const attachments = await tx.taskAttachment.findMany({
    where: { organizationId, taskId: { in: ids } },
    select: { id: true, size: true },
  });
  for (const attachment of attachments) {
    await recordAttachmentStorage(tx, organizationId, attachment, "delete");
  }
  // A batch may split a parent from its subtasks (or a live subtask restored on its own may still point at it).
  await tx.task.updateMany({
    where: { organizationId, parentId: { in: ids } },
    data: { parentId: null },
  });
  const { count } = await tx.task.deleteMany({ where: { organizationId, id: { in: ids } } });
  return { purged: count, attachmentIds: attachments.map((a) => a.id) };
}

/** The scheduled run: every organization with tasks past the restore window, each in its own tenant transaction. */
export async function purgeDeletedTasks(
  db: Db,
  options: { now?: Date; batch?: number } = {},
): Promise<{ purged: number; files: number }> {
  const cutoff = restoreCutoff(options.now);
  const batch = Math.max(1, options.batch ?? TASK_PURGE_BATCH);
  const organizations = await withTenantTransaction(
    db,
    { userId: "" },
    (tx) =>
      tx.$queryRaw<{ organization_id: string }[]>`
      SELECT organization_id::text AS organization_id FROM task_organizations_deleted_before(${cutoff})`,
  );
  let purged = 0;
  let files = 0;
  for (const { organization_id: organizationId } of organizations) {
    for (;;) {
      const result = await withTenantTransaction(
        db,
        { userId: "", organizationId, role: "JOB" },
        (tx) => purgeOrganizationBatch(tx, organizationId, cutoff, batch),
      );
      for (const id of result.attachmentIds) {
        try {
          await getStorage().delete(attachmentKey(organizationId, id));
          files += 1;
        } catch (error) {
          logger().warn(
            { err: error, organizationId, attachmentId: id },
            "purged attachment file not removed",
          );
        }
      }
      purged += result.purged;
      if (result.purged < batch) break;
    }
  }
  return { purged, files };
}
