// Task deletion is soft: a deleted task and its live subtasks (one subtree, one deleted_at) disappear from every
// read, a holder of task.delete restores them together within TASK_RESTORE_DAYS, and the scheduled purge then
// removes the rows for good (task-purge.ts).
import type { TenantDb } from "@tenantry/db";
import type { TBulkDeleteTasksInput, TTaskOutput } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { getWritableProject, visibleProjectsWhere } from "./project.ts";
import { recordActivities } from "./task-rules.ts";
import { taskInclude, toTaskOutput } from "./task-shape.ts";

/** How long a deleted task can be restored; the purge removes it afterwards. */
export const TASK_RESTORE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Subtask ids named in a delete's audit entry (the count is always complete). */
const AUDITED_SUBTASKS_MAX = 100;

export const restoreCutoff = (now = new Date()) =>
  new Date(now.getTime() - TASK_RESTORE_DAYS * DAY_MS);

const taskSummary = {
  id: true,
  number: true,
  title: true,
  projectId: true,
  parentId: true,
  deletedAt: true,
  project: { select: { key: true } },
} as const;

export async function deleteTask(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<{ id: string }> {
  await deleteSubtree(db, actor, id);
  return { id };
}

/**
 * Deletes up to BULK_DELETE_TASKS_MAX tasks, all or none, each with its own audit entry. Returns the ids an undo
 * restores: a selected subtask deleted along with its selected ancestor is not listed (the ancestor brings it back).
 */
export async function bulkDeleteTasks(
  db: TenantDb,
  actor: MemberActor,
  input: TBulkDeleteTasksInput,
): Promise<{ ids: string[] }> {
  const ids = [...new Set(input.ids)];
  const found = await db.task.count({
    where: {
      organizationId: actor.organizationId,
      id: { in: ids },
      deletedAt: null,
      project: visibleProjectsWhere(actor),
    },
  });
  if (found !== ids.length) throw new NotFoundError("Task not found");
  // Ancestors first: a selected subtask is then swept up with its selected ancestor's subtree (one transaction, so
  // one now() and one deleted_at for the whole call), and the undo restores only the roots.
  const depths = await db.$queryRaw<{ id: string; depth: number }[]>`
    WITH RECURSIVE up(id, ancestor, depth) AS (
      SELECT id, parent_id, 0 FROM tasks
      WHERE organization_id = ${actor.organizationId}::uuid AND id = ANY(${ids}::uuid[])
      UNION ALL
      SELECT up.id, t.parent_id, up.depth + 1 FROM up
      JOIN tasks t ON t.organization_id = ${actor.organizationId}::uuid AND t.id = up.ancestor
      WHERE up.depth < 1000
    )
    SELECT id::text AS id, max(depth)::int AS depth FROM up GROUP BY id`;
  const depthOf = new Map(depths.map((d) => [d.id, d.depth]));
  const ordered = [...ids].sort((a, b) => (depthOf.get(a) ?? 0) - (depthOf.get(b) ?? 0));
  const gone = new Set<string>();
  const roots: string[] = [];
  for (const id of ordered) {
    if (gone.has(id)) continue;
    for (const swept of await deleteSubtree(db, actor, id)) gone.add(swept);
    roots.push(id);
  }
  return { ids: roots };
}

/** Soft-deletes the task and its live subtasks with one timestamp; returns every id it deleted. */
async function deleteSubtree(db: TenantDb, actor: MemberActor, id: string): Promise<string[]> {
  const task = await db.task.findFirst({
    where: {
      organizationId: actor.organizationId,
      id,
      deletedAt: null,
      project: visibleProjectsWhere(actor),
    },
    select: taskSummary,
  });
  if (!task) throw new NotFoundError("Task not found");
  await getWritableProject(db, actor, task.projectId);
  // The live subtree in one statement with one timestamp: that timestamp is what a restore brings back together.
  // Subtasks share their parent's project (assertParent), so the writable check above covers them.
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE down(id, depth) AS (
      SELECT id, 0 FROM tasks
      WHERE organization_id = ${actor.organizationId}::uuid AND id = ${id}::uuid
      UNION ALL
      SELECT t.id, down.depth + 1 FROM tasks t
      JOIN down ON t.organization_id = ${actor.organizationId}::uuid AND t.parent_id = down.id
      WHERE t.deleted_at IS NULL AND down.depth < 1000
    )
    UPDATE tasks SET deleted_at = now()
    WHERE organization_id = ${actor.organizationId}::uuid AND id IN (SELECT id FROM down)
      AND deleted_at IS NULL
    RETURNING id::text AS id`;
  const subtaskIds = rows.map((r) => r.id).filter((rowId) => rowId !== id);
  const reference = `${task.project.key}-${task.number}`;
  await recordAudit(db, actor, {
    action: "task.delete",
    targetType: "task",
    targetId: id,
    metadata: {
      reference,
      title: task.title,
      projectId: task.projectId,
      subtaskIds: subtaskIds.slice(0, AUDITED_SUBTASKS_MAX),
      subtasks: subtaskIds.length,
    },
  });
  for (const rowId of [id, ...subtaskIds]) {
    await emitEvent(db, actor, "task.deleted", {
      task: { id: rowId, ...(rowId === id ? { reference } : {}), projectId: task.projectId },
    });
  }
  return [id, ...subtaskIds];
}

export async function restoreTask(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TTaskOutput> {
  // Past the window (or already purged, restored, or another organization's): the same NOT_FOUND.
  const task = await db.task.findFirst({
    where: {
      organizationId: actor.organizationId,
      id,
      deletedAt: { gte: restoreCutoff() },
      project: visibleProjectsWhere(actor),
    },
    select: taskSummary,
  });
  if (!task) throw new NotFoundError("Task not found (deleted tasks can be restored for 30 days)");
  await getWritableProject(db, actor, task.projectId);
  // Brings back the subtasks deleted with it (same timestamp), not ones deleted on their own before.
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE down(id, depth) AS (
      SELECT id, 0 FROM tasks
      WHERE organization_id = ${actor.organizationId}::uuid AND id = ${id}::uuid
      UNION ALL
      SELECT t.id, down.depth + 1 FROM tasks t
      JOIN down ON t.organization_id = ${actor.organizationId}::uuid AND t.parent_id = down.id
      WHERE t.deleted_at = ${task.deletedAt}::timestamptz AND down.depth < 1000
    )
    UPDATE tasks SET deleted_at = NULL, updated_at = now()
    WHERE organization_id = ${actor.organizationId}::uuid AND id IN (SELECT id FROM down)
    RETURNING id::text AS id`;
  // A parent that is still deleted is no parent: the task comes back at the top level.
  const parentGone =
    task.parentId !== null &&
    !(await db.task.findFirst({
      where: { organizationId: actor.organizationId, id: task.parentId, deletedAt: null },
      select: { id: true },
    }));
  if (parentGone) {
    await db.task.update({
      where: { organizationId_id: { organizationId: actor.organizationId, id } },
      data: { parentId: null },
      select: { id: true },
    });
  }
  await recordActivities(db, actor, id, [
    { field: "restored" },
    ...(parentGone ? [{ field: "parent", from: task.parentId, to: null }] : []),
  ]);
  const restored = await db.task.findFirstOrThrow({
    where: { organizationId: actor.organizationId, id },
    include: taskInclude,
  });
  const output = toTaskOutput(restored);
  const subtaskIds = rows.map((r) => r.id).filter((rowId) => rowId !== id);
  await recordAudit(db, actor, {
    action: "task.restore",
    targetType: "task",
    targetId: id,
    metadata: {
      reference: output.reference,
      title: output.title,
      projectId: output.projectId,
      subtasks: subtaskIds.length,
    },
  });
  await emitEvent(db, actor, "task.restored", { task: output });
  for (const rowId of subtaskIds) {
    await emitEvent(db, actor, "task.restored", {
      task: { id: rowId, projectId: output.projectId },
    });
  }
  return output;
}
