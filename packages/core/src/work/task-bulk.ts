// Bulk task changes: one change applied to up to 100 tasks, all or none, each in its timeline and the audit log.
import type { TenantDb } from "@tenantry/db";
import type { TBulkTasksInput } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import type { Activity } from "./task-rules.ts";
import { recordAudit } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import { getWritableProject, visibleProjectsWhere } from "./project.ts";
import { assertAssignable, assertTags, completedAtFor, recordActivities } from "./task-rules.ts";

/** Applies one change to up to 100 tasks in the caller's transaction: all of them or none. */
export async function bulkUpdateTasks(
  db: TenantDb,
  actor: MemberActor,
  input: TBulkTasksInput,
): Promise<{ updated: number }> {
  const ids = [...new Set(input.ids)];
  const tasks = await db.task.findMany({
    where: {
      organizationId: actor.organizationId,
      id: { in: ids },
      deletedAt: null,
      project: visibleProjectsWhere(actor),
    },
    select: {
      id: true,
      status: true,
      completedAt: true,
      dueDate: true,
      projectId: true,
      assignees: { select: { membershipId: true } },
      tags: { select: { tagId: true } },
    },
  });
  if (tasks.length !== ids.length) throw new NotFoundError("Task not found");
  const projects = new Map<string, Awaited<ReturnType<typeof getWritableProject>>>();
  for (const projectId of new Set(tasks.map((t) => t.projectId))) {
    projects.set(projectId, await getWritableProject(db, actor, projectId));
  }

  const action = input.action;
  let updated = 0;
  for (const task of tasks) {
    const where = { organizationId: actor.organizationId, taskId: task.id };
    const activities: Activity[] = [];
    switch (action.type) {
      case "setStatus":
        if (task.status !== action.status) {
          await db.task.update({
            where: { organizationId_id: { organizationId: actor.organizationId, id: task.id } },
            data: {
              status: action.status,
              completedAt: completedAtFor(task.status, action.status, task.completedAt),
            },
          });
          activities.push({ field: "status", from: task.status, to: action.status });
        }
        break;
      case "setPriority": {
        const { count } = await db.task.updateMany({
          where: {
            organizationId: actor.organizationId,
            id: task.id,
            NOT: { priority: action.priority },
          },
          data: { priority: action.priority },
        });
        if (count > 0) activities.push({ field: "priority", to: action.priority });
        break;
      }
      case "addAssignee": {
        const project = projects.get(task.projectId);
        if (project) await assertAssignable(db, actor, project, [action.membershipId]);
        if (!task.assignees.some((a) => a.membershipId === action.membershipId)) {
          await db.taskAssignee.create({ data: { ...where, membershipId: action.membershipId } });
          activities.push({ field: "assignees", to: { added: action.membershipId } });
        }
        break;
      }
      case "removeAssignee": {
        const { count } = await db.taskAssignee.deleteMany({
          where: { ...where, membershipId: action.membershipId },
        });
        if (count > 0)
          activities.push({ field: "assignees", to: { removed: action.membershipId } });
        break;
      }
      case "setAssignees": {
        const next = [...new Set(action.membershipIds)].sort();
        const prev = task.assignees.map((a) => a.membershipId).sort();
        if (next.join() !== prev.join()) {
          const project = projects.get(task.projectId);
          if (project) await assertAssignable(db, actor, project, next);
          await db.taskAssignee.deleteMany({ where });
          await db.taskAssignee.createMany({
            data: next.map((membershipId) => ({ ...where, membershipId })),
          });
          activities.push({ field: "assignees", from: prev, to: next });
        }
        break;
      }
      case "addTag":
        await assertTags(db, actor, [action.tagId]);
        if (!task.tags.some((t) => t.tagId === action.tagId)) {
          await db.taskTag.create({ data: { ...where, tagId: action.tagId } });
          activities.push({ field: "tags", to: { added: action.tagId } });
        }
        break;
      case "removeTag": {
        const { count } = await db.taskTag.deleteMany({ where: { ...where, tagId: action.tagId } });
        if (count > 0) activities.push({ field: "tags", to: { removed: action.tagId } });
        break;
      }
      case "setDueDate": {
        const from = task.dueDate ? task.dueDate.toISOString().slice(0, 10) : null;
        if (from !== action.dueDate) {
          await db.task.update({
            where: { organizationId_id: { organizationId: actor.organizationId, id: task.id } },
            data: { dueDate: action.dueDate ? new Date(`${action.dueDate}T00:00:00Z`) : null },
          });
          activities.push({ field: "dueDate", from, to: action.dueDate });
        }
        break;
      }
    }
    if (activities.length > 0) {
      updated += 1;
      await recordActivities(db, actor, task.id, activities);
    }
  }
  await recordAudit(db, actor, {
    action: "task.bulk",
    targetType: "task",
    metadata: { action: { ...action }, ids, updated, projectIds: [...projects.keys()] },
  });
  return { updated };
}
